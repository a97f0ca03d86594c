-- caseload_per_caseworker: cases open on the period's last elapsed day (its last day, or T's date
-- in an incomplete period) divided by the caseworkers holding at least one of them ('all', team).
-- A caseworker counts once per geography, so the municipality figure is not the mean of the
-- district figures. Cases without a caseworker count in the numerator only. Every period,
-- geography and team seen has a row; the value is blank where no caseworker holds a case.
with periods as (

    select * from {{ ref('int_periods') }}

),

geographies as (

    select
        municipality,
        district_group,
        district
    from {{ ref('int_geographies') }}

),

kpi_breakdowns as (

    select
        kpi,
        breakdown
    from {{ ref('kpi_breakdowns') }}

),

snapshots as (

    select * from {{ ref('int_case_step_snapshots') }}

),

snapshots_in_periods as (

    select
        periods.period,
        periods.period_type,
        periods.period_start,
        periods.period_end,
        periods.period_complete,
        snapshots.municipality,
        snapshots.district_group,
        snapshots.district,
        breakdowns.breakdown,
        snapshots.case_id,
        snapshots.caseworker_id
    from snapshots
    inner join periods
        on snapshots.snapshot_date = periods.elapsed_end
    cross join
        lateral (select unnest(['all', coalesce(snapshots.team, 'unknown')]) as breakdown)
            as breakdowns

),

counted as (

    select
        {{ kpi_keys() | join(', ') }},
        {{ geography_labels() }},
        count(distinct case_id) as open_cases,
        count(distinct caseworker_id) as caseworkers
    from snapshots_in_periods
    group by {{ geography_grouping_sets(kpi_keys()) }}

),

spine_breakdowns as (

    {{ spine_breakdowns('caseload_per_caseworker', observed='counted') }}

),

spine as (

    {{ kpi_spine(breakdowns='spine_breakdowns') }}

)

select
    {{ kpi_row('caseload_per_caseworker', 'coalesce(counted.open_cases, 0)',
               'coalesce(counted.caseworkers, 0)', rate='ratio', relation='spine') }}
from spine
left join counted
    using ({{ spine_keys() }})
