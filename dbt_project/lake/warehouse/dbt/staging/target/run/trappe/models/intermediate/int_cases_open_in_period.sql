
    

    create  table
      "staging"."main"."int_cases_open_in_period__dbt_tmp"
  
    
    as (
      -- Cases open in each period: opened on or before the period's last day and not closed before its
-- first day (docs/kpis.md). Choice: a case counts in the district and team it has on the last
-- day of the period it was open (its closing day, or the as-of date, when earlier).
with periods as (

    select * from "staging"."main"."int_periods"
    where period_start <= cast('2017-04-11' as date)

),

open_in_period as (

    select
        cases.municipality,
        cases.case_id,
        cases.child_id,
        periods.period,
        periods.period_type,
        periods.period_start,
        periods.period_end,
        least(periods.period_end, coalesce(cases.closed_date, periods.period_end), cast('2017-04-11' as date)) as attributed_date
    from "staging"."main"."int_cases" as cases
    inner join periods
        on cases.opened_date <= periods.period_end
        and (cases.closed_date is null or cases.closed_date >= periods.period_start)

)

select
    open_in_period.*,
    coalesce(assignment.district, 'unknown') as district,
coalesce(assignment.district_group, 'unmapped') as district_group,
    assignment.team
from open_in_period
left join "staging"."main"."int_case_assignments" as assignment
    on open_in_period.municipality = assignment.municipality
    and open_in_period.case_id = assignment.case_id
    and open_in_period.attributed_date >= assignment.effective_from
    and (assignment.valid_to is null or open_in_period.attributed_date < assignment.valid_to)
    );
    
  