-- cases_by_step: open cases on the period's last elapsed day (its last day, or T's date in an
-- incomplete period) by their step then: '0'-'5', 'assessment' (no active measure, investigation
-- open) or 'none'. Every period, geography and step has a row, 0 where no case was there.
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
        snapshots.step_label as breakdown,
        snapshots.case_id
    from snapshots
    inner join periods
        on snapshots.snapshot_date = periods.elapsed_end

),

counted as (

    select
        {{ kpi_keys() | join(', ') }},
        {{ geography_labels() }},
        count(distinct case_id) as open_cases
    from snapshots_in_periods
    group by {{ geography_grouping_sets(kpi_keys()) }}

),

spine_breakdowns as (

    {{ spine_breakdowns('cases_by_step', observed='counted') }}

),

spine as (

    {{ kpi_spine(breakdowns='spine_breakdowns') }}

)

select {{ kpi_row('cases_by_step', 'coalesce(counted.open_cases, 0)', relation='spine') }}
from spine
left join counted
    using ({{ spine_keys() }})
