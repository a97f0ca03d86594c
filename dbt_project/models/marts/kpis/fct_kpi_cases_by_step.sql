-- cases_by_step: open cases on the period's last day by their step then: '0'-'5',
-- 'assessment' (no active measure, investigation open) or 'none'. Periods whose last day is
-- after the as-of date have no row (their last day has not happened yet).
with snapshots as (

    select
        periods.period, periods.period_type, periods.period_start, periods.period_end,
        snapshots.municipality, snapshots.district_group, snapshots.district,
        snapshots.step_label as breakdown,
        snapshots.case_id
    from {{ ref('int_case_step_snapshots') }} as snapshots
    inner join {{ ref('int_periods') }} as periods
        on snapshots.snapshot_date = periods.period_end

),

counted as (

    select
        {{ kpi_keys() | join(', ') }},
        {{ geography_labels() }},
        count(distinct case_id) as open_cases
    from snapshots
    group by {{ geography_grouping_sets(kpi_keys()) }}

)

select {{ kpi_row('cases_by_step', 'open_cases') }}
from counted
