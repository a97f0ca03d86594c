-- Cases open in each period: opened on or before the period's last day and not closed before its
-- first day (docs/kpis.md). Choice: a case counts in the district and team it has on the last
-- day of the period it was open (its closing day, or the as-of date, when earlier).
with  __dbt__cte__int_periods as (

-- Fixture for int_periods
select 
    
    cast('2015' as character varying)
 as "period", 
    
    cast('year' as character varying)
 as "period_type", 
    
    cast('2015' as INTEGER)
 as "period_year", 
    
    cast('2015-01-01' as DATE)
 as "period_start", 
    
    cast('2015-12-31' as DATE)
 as "period_end", 
    
    cast('365' as INTEGER)
 as "days_in_period"
union all
select 
    
    cast('2015-12' as character varying)
 as "period", 
    
    cast('month' as character varying)
 as "period_type", 
    
    cast('2015' as INTEGER)
 as "period_year", 
    
    cast('2015-12-01' as DATE)
 as "period_start", 
    
    cast('2015-12-31' as DATE)
 as "period_end", 
    
    cast('31' as INTEGER)
 as "days_in_period"
union all
select 
    
    cast('2016' as character varying)
 as "period", 
    
    cast('year' as character varying)
 as "period_type", 
    
    cast('2016' as INTEGER)
 as "period_year", 
    
    cast('2016-01-01' as DATE)
 as "period_start", 
    
    cast('2016-12-31' as DATE)
 as "period_end", 
    
    cast('366' as INTEGER)
 as "days_in_period"
),  __dbt__cte__int_cases as (

-- Fixture for int_cases
select 
    
    cast('657' as character varying)
 as "municipality", 
    
    cast('C2' as character varying)
 as "case_id", 
    
    cast('K2' as character varying)
 as "child_id", cast(null as DATE) as "child_birth_date", 
    
    cast('2015-02-01' as DATE)
 as "opened_date", 
    
    cast('2015-12-15' as DATE)
 as "closed_date", cast(null as character varying(256)) as "district", cast(null as character varying(256)) as "district_group", cast(null as character varying(256)) as "team", cast(null as character varying(256)) as "caseworker_id"
),  __dbt__cte__int_case_assignments as (

-- Fixture for int_case_assignments
select 
    
    cast('657' as character varying)
 as "municipality", 
    
    cast('C2' as character varying)
 as "case_id", cast(null as character varying(256)) as "assignment_event_id", 
    
    cast('1' as BIGINT)
 as "assignment_seq", 
    
    cast('2015-02-01' as DATE)
 as "valid_from", 
    
    cast('0001-01-01' as DATE)
 as "effective_from", 
    
    cast('2015-12-01' as DATE)
 as "valid_to", 
    
    cast('D1' as character varying)
 as "district", 
    
    cast('other' as character varying)
 as "district_group", 
    
    cast('children' as character varying)
 as "team", 
    
    cast('W2' as character varying)
 as "caseworker_id"
union all
select 
    
    cast('657' as character varying)
 as "municipality", 
    
    cast('C2' as character varying)
 as "case_id", cast(null as character varying(256)) as "assignment_event_id", 
    
    cast('2' as BIGINT)
 as "assignment_seq", 
    
    cast('2015-12-01' as DATE)
 as "valid_from", 
    
    cast('2015-12-01' as DATE)
 as "effective_from", 
    
    cast(null as DATE)
 as "valid_to", 
    
    cast('D2' as character varying)
 as "district", 
    
    cast('pilot' as character varying)
 as "district_group", 
    
    cast('pilot' as character varying)
 as "team", 
    
    cast('W1' as character varying)
 as "caseworker_id"
), periods as (

    select * from __dbt__cte__int_periods
    where period_start <= cast('2016-06-30' as date)

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
        least(periods.period_end, coalesce(cases.closed_date, periods.period_end), cast('2016-06-30' as date)) as attributed_date
    from __dbt__cte__int_cases as cases
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
left join __dbt__cte__int_case_assignments as assignment
    on open_in_period.municipality = assignment.municipality
    and open_in_period.case_id = assignment.case_id
    and open_in_period.attributed_date >= assignment.effective_from
    and (assignment.valid_to is null or open_in_period.attributed_date < assignment.valid_to)