-- cases_by_step: open cases on the period's last day by their step then: '0'-'5',
-- 'assessment' (no active measure, investigation open) or 'none'. Periods whose last day is
-- after the as-of date have no row (their last day has not happened yet).
with snapshots as (

    select
        periods.period, periods.period_type, periods.period_start, periods.period_end,
        snapshots.municipality, snapshots.district_group, snapshots.district,
        snapshots.step_label as breakdown,
        snapshots.case_id
    from "staging"."main"."int_case_step_snapshots" as snapshots
    inner join "staging"."main"."int_periods" as periods
        on snapshots.snapshot_date = periods.period_end

),

counted as (

    select
        period, period_type, period_start, period_end, breakdown,
        municipality,
case when grouping(district_group) = 1 then 'all' else district_group end as district_group,
case when grouping(district) = 1 then 'all' else district end as district,
        count(distinct case_id) as open_cases
    from snapshots
    group by grouping sets (
    (period, period_type, period_start, period_end, breakdown, municipality, district_group, district),
    (period, period_type, period_start, period_end, breakdown, municipality, district_group),
    (period, period_type, period_start, period_end, breakdown, municipality)
)

)

select
    'cases_by_step' as kpi,
    period, period_type, period_start, period_end,
    municipality, district_group, district, breakdown,
    cast(open_cases as double) as numerator,
    cast(null as double) as denominator,
    cast(open_cases as double) as value
from counted