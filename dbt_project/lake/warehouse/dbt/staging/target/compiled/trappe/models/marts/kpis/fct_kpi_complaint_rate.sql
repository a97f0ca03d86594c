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
        coalesce(assignment.district, 'unknown') as district,
coalesce(assignment.district_group, 'unmapped') as district_group
    from "staging"."main"."stg_complaint_received" as complaints
    left join "staging"."main"."int_case_assignments" as assignment
    on complaints.municipality = assignment.municipality
    and complaints.case_id = assignment.case_id
    and complaints.occurred_date >= assignment.effective_from
    and (assignment.valid_to is null or complaints.occurred_date < assignment.valid_to)

),

complaints_by_breakdown as (

    select periods.period, periods.period_type, periods.period_start, periods.period_end,
        complaints.municipality, complaints.district_group, complaints.district,
        breakdowns.breakdown, complaints.event_id
    from complaints
    inner join "staging"."main"."int_periods" as periods
        on complaints.occurred_date between periods.period_start and periods.period_end
    cross join lateral (select unnest(['all', coalesce(complaints.team, 'unknown')]) as breakdown) as breakdowns

),

complaint_counts as (

    select
        period, period_type, period_start, period_end, breakdown,
        municipality,
case when grouping(district_group) = 1 then 'all' else district_group end as district_group,
case when grouping(district) = 1 then 'all' else district end as district,
        count(*) as complaints
    from complaints_by_breakdown
    group by grouping sets (
    (period, period_type, period_start, period_end, breakdown, municipality, district_group, district),
    (period, period_type, period_start, period_end, breakdown, municipality, district_group),
    (period, period_type, period_start, period_end, breakdown, municipality)
)

),

open_cases_by_breakdown as (

    select period, period_type, period_start, period_end,
        municipality, district_group, district, 'all' as breakdown, case_id
    from "staging"."main"."int_cases_open_in_period"
    union all
    select period, period_type, period_start, period_end,
        municipality, district_group, district, coalesce(team, 'unknown') as breakdown, case_id
    from "staging"."main"."int_cases_open_in_period"

),

open_case_counts as (

    select
        period, period_type, period_start, period_end, breakdown,
        municipality,
case when grouping(district_group) = 1 then 'all' else district_group end as district_group,
case when grouping(district) = 1 then 'all' else district end as district,
        count(distinct case_id) as open_cases
    from open_cases_by_breakdown
    group by grouping sets (
    (period, period_type, period_start, period_end, breakdown, municipality, district_group, district),
    (period, period_type, period_start, period_end, breakdown, municipality, district_group),
    (period, period_type, period_start, period_end, breakdown, municipality)
)

)

select
    'complaint_rate' as kpi,
    open_case_counts.period, open_case_counts.period_type,
    open_case_counts.period_start, open_case_counts.period_end,
    open_case_counts.municipality, open_case_counts.district_group, open_case_counts.district,
    open_case_counts.breakdown,
    cast(coalesce(complaint_counts.complaints, 0) as double) as numerator,
    cast(open_case_counts.open_cases as double) as denominator,
    cast(case when open_case_counts.open_cases > 0 then 100.0 * coalesce(complaint_counts.complaints, 0) / open_case_counts.open_cases end as double) as value
from open_case_counts
left join complaint_counts
    on open_case_counts.period = complaint_counts.period
    and open_case_counts.municipality = complaint_counts.municipality
    and open_case_counts.district_group = complaint_counts.district_group
    and open_case_counts.district = complaint_counts.district
    and open_case_counts.breakdown = complaint_counts.breakdown