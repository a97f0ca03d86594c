-- complaint_rate: complaint.received events in the period per 100 cases open in the period
-- ('all', team). A complaint counts in the case's district on the day it was received and in the
-- team the complaint names; an open case counts in its team and district on the last day of the
-- period it was open. Every period, geography and team seen has a row; the value is blank where
-- no case was open.
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

complaint_events as (

    select * from {{ ref('stg_complaint_received') }}

),

assignments as (

    select * from {{ ref('int_case_assignments') }}

),

cases_open_in_period as (

    select * from {{ ref('int_cases_open_in_period') }}

),

complaints as (

    select
        complaint_events.event_id,
        complaint_events.occurred_date,
        complaint_events.municipality,
        complaint_events.team,
        {{ assignment_geography() }}
    from complaint_events
    {{ join_case_assignment('complaint_events', 'complaint_events.occurred_date') }}

),

complaints_by_breakdown as (

    select
        periods.period,
        periods.period_type,
        periods.period_start,
        periods.period_end,
        periods.period_complete,
        complaints.municipality,
        complaints.district_group,
        complaints.district,
        breakdowns.breakdown,
        complaints.event_id
    from complaints
    inner join periods
        on {{ in_elapsed_period('complaints.occurred_date') }}
    cross join
        lateral (select unnest(['all', coalesce(complaints.team, 'unknown')]) as breakdown)
            as breakdowns

),

complaint_counts as (

    select
        {{ kpi_keys() | join(', ') }},
        {{ geography_labels() }},
        count(*) as complaints
    from complaints_by_breakdown
    group by {{ geography_grouping_sets(kpi_keys()) }}

),

open_cases_by_breakdown as (

    select
        period,
        period_type,
        period_start,
        period_end,
        period_complete,
        municipality,
        district_group,
        district,
        'all' as breakdown,
        case_id
    from cases_open_in_period
    union all
    select
        period,
        period_type,
        period_start,
        period_end,
        period_complete,
        municipality,
        district_group,
        district,
        coalesce(team, 'unknown') as breakdown,
        case_id
    from cases_open_in_period

),

open_case_counts as (

    select
        {{ kpi_keys() | join(', ') }},
        {{ geography_labels() }},
        count(distinct case_id) as open_cases
    from open_cases_by_breakdown
    group by {{ geography_grouping_sets(kpi_keys()) }}

),

observed_breakdowns as (

    select breakdown from complaint_counts
    union
    select breakdown from open_case_counts

),

spine_breakdowns as (

    {{ spine_breakdowns('complaint_rate', observed='observed_breakdowns') }}

),

spine as (

    {{ kpi_spine(breakdowns='spine_breakdowns') }}

)

select
    {{ kpi_row('complaint_rate', 'coalesce(complaint_counts.complaints, 0)',
               'coalesce(open_case_counts.open_cases, 0)', rate='percent', relation='spine') }}
from spine
left join complaint_counts
    using ({{ spine_keys() }})
left join open_case_counts
    using ({{ spine_keys() }})
