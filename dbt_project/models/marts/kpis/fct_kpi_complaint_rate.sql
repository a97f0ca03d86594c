-- complaint_rate: complaint.received events in the period per 100 cases open in the period
-- ('all', team). A complaint counts in the case's district on the day it was received and in the
-- team the complaint names; an open case counts in its team and district on the last day of the
-- period it was open. Rows exist where cases were open.
with complaints as (

    select
        complaints.event_id,
        complaints.occurred_date,
        complaints.municipality,
        complaints.team,
        {{ assignment_geography() }}
    from {{ ref('stg_complaint_received') }} as complaints
    {{ join_case_assignment('complaints', 'complaints.occurred_date') }}

),

complaints_by_breakdown as (

    select periods.period, periods.period_type, periods.period_start, periods.period_end,
        complaints.municipality, complaints.district_group, complaints.district,
        breakdowns.breakdown, complaints.event_id
    from complaints
    {{ join_periods_containing('complaints.occurred_date') }}
    cross join lateral (select unnest(['all', coalesce(complaints.team, 'unknown')]) as breakdown) as breakdowns

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

    select period, period_type, period_start, period_end,
        municipality, district_group, district, 'all' as breakdown, case_id
    from {{ ref('int_cases_open_in_period') }}
    union all
    select period, period_type, period_start, period_end,
        municipality, district_group, district, coalesce(team, 'unknown') as breakdown, case_id
    from {{ ref('int_cases_open_in_period') }}

),

open_case_counts as (

    select
        {{ kpi_keys() | join(', ') }},
        {{ geography_labels() }},
        count(distinct case_id) as open_cases
    from open_cases_by_breakdown
    group by {{ geography_grouping_sets(kpi_keys()) }}

)

select
    {{ kpi_row('complaint_rate', 'coalesce(complaint_counts.complaints, 0)', 'open_case_counts.open_cases',
               rate='percent', relation='open_case_counts') }}
from open_case_counts
left join complaint_counts
    using (period, municipality, district_group, district, breakdown)
