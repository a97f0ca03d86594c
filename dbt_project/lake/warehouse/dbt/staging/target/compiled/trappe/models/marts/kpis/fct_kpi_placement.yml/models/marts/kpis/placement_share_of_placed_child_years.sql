-- placed_child_years ('all', category, measure_type) and placement_share (category,
-- measure_type: child-years of the breakdown as % of all placed child-years, same geography).
with  __dbt__cte__int_child_years as (

-- Fixture for int_child_years
select 
    
    cast('2015-02' as character varying)
 as "period", 
    
    cast('month' as character varying)
 as "period_type", 
    
    cast('2015-02-01' as DATE)
 as "period_start", 
    
    cast('2015-02-28' as DATE)
 as "period_end", 
    
    cast('all' as character varying)
 as "breakdown", 
    
    cast('28' as INTEGER)
 as "days_in_period", 
    
    cast('657' as character varying)
 as "municipality", 
    
    cast('all' as character varying)
 as "district_group", 
    
    cast('all' as character varying)
 as "district", 
    
    cast('28' as HUGEINT)
 as "placed_days", 
    
    cast('1.0' as DOUBLE)
 as "child_years"
union all
select 
    
    cast('2015-02' as character varying)
 as "period", 
    
    cast('month' as character varying)
 as "period_type", 
    
    cast('2015-02-01' as DATE)
 as "period_start", 
    
    cast('2015-02-28' as DATE)
 as "period_end", 
    
    cast('institution' as character varying)
 as "breakdown", 
    
    cast('28' as INTEGER)
 as "days_in_period", 
    
    cast('657' as character varying)
 as "municipality", 
    
    cast('all' as character varying)
 as "district_group", 
    
    cast('all' as character varying)
 as "district", 
    
    cast('7' as HUGEINT)
 as "placed_days", 
    
    cast('0.25' as DOUBLE)
 as "child_years"
union all
select 
    
    cast('2015-02' as character varying)
 as "period", 
    
    cast('month' as character varying)
 as "period_type", 
    
    cast('2015-02-01' as DATE)
 as "period_start", 
    
    cast('2015-02-28' as DATE)
 as "period_end", 
    
    cast('family_foster_care' as character varying)
 as "breakdown", 
    
    cast('28' as INTEGER)
 as "days_in_period", 
    
    cast('657' as character varying)
 as "municipality", 
    
    cast('all' as character varying)
 as "district_group", 
    
    cast('all' as character varying)
 as "district", 
    
    cast('21' as HUGEINT)
 as "placed_days", 
    
    cast('0.75' as DOUBLE)
 as "child_years"
), child_years as (

    select * from __dbt__cte__int_child_years

),

placed as (

    select * from child_years where breakdown = 'all'

),

placed_child_years as (

    select
        'placed_child_years' as kpi,
        period, period_type, period_start, period_end,
        municipality, district_group, district, breakdown,
        child_years as numerator,
        cast(null as double) as denominator,
        child_years as value
    from child_years

),

placement_share as (

    select
        'placement_share' as kpi,
        share.period, share.period_type, share.period_start, share.period_end,
        share.municipality, share.district_group, share.district, share.breakdown,
        share.child_years as numerator,
        placed.child_years as denominator,
        cast(case when placed.placed_days > 0 then 100.0 * share.placed_days / placed.placed_days end as double) as value
    from child_years as share
    inner join placed
        on share.period = placed.period
        and share.municipality = placed.municipality
        and share.district_group = placed.district_group
        and share.district = placed.district
    where share.breakdown != 'all'

)

select * from placed_child_years
union all
select * from placement_share