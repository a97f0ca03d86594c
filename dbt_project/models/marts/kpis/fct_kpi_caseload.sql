-- caseload_per_caseworker: cases open on the period's last day divided by the caseworkers
-- holding at least one of them ('all', team). A caseworker counts once per geography, so the
-- municipality figure is not the mean of the district figures. Cases without a caseworker count
-- in the numerator only.
with snapshots as (

    select
        periods.period, periods.period_type, periods.period_start, periods.period_end,
        snapshots.municipality, snapshots.district_group, snapshots.district,
        breakdowns.breakdown,
        snapshots.case_id,
        snapshots.caseworker_id
    from {{ ref('int_case_step_snapshots') }} as snapshots
    inner join {{ ref('int_periods') }} as periods
        on snapshots.snapshot_date = periods.period_end
    cross join lateral (select unnest(['all', coalesce(snapshots.team, 'unknown')]) as breakdown) as breakdowns

),

counted as (

    select
        {{ kpi_keys() | join(', ') }},
        {{ geography_labels() }},
        count(distinct case_id) as open_cases,
        count(distinct caseworker_id) as caseworkers
    from snapshots
    group by {{ geography_grouping_sets(kpi_keys()) }}

)

select {{ kpi_row('caseload_per_caseworker', 'open_cases', 'caseworkers', rate='ratio') }}
from counted
where caseworkers > 0
