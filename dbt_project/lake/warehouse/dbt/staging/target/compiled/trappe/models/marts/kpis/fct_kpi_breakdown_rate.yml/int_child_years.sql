
-- Fixture for int_child_years
select 
    
    cast('2015' as character varying)
 as "period", 
    
    cast('year' as character varying)
 as "period_type", 
    
    cast('2015-01-01' as DATE)
 as "period_start", 
    
    cast('2015-12-31' as DATE)
 as "period_end", 
    
    cast('all' as character varying)
 as "breakdown", 
    
    cast('365' as INTEGER)
 as "days_in_period", 
    
    cast('657' as character varying)
 as "municipality", 
    
    cast('all' as character varying)
 as "district_group", 
    
    cast('all' as character varying)
 as "district", 
    
    cast('182.5' as HUGEINT)
 as "placed_days", 
    
    cast('0.5' as DOUBLE)
 as "child_years"
union all
select 
    
    cast('2015' as character varying)
 as "period", 
    
    cast('year' as character varying)
 as "period_type", 
    
    cast('2015-01-01' as DATE)
 as "period_start", 
    
    cast('2015-12-31' as DATE)
 as "period_end", 
    
    cast('family_foster_care' as character varying)
 as "breakdown", 
    
    cast('365' as INTEGER)
 as "days_in_period", 
    
    cast('657' as character varying)
 as "municipality", 
    
    cast('all' as character varying)
 as "district_group", 
    
    cast('all' as character varying)
 as "district", 
    
    cast('73' as HUGEINT)
 as "placed_days", 
    
    cast('0.2' as DOUBLE)
 as "child_years"
union all
select 
    
    cast('2015' as character varying)
 as "period", 
    
    cast('year' as character varying)
 as "period_type", 
    
    cast('2015-01-01' as DATE)
 as "period_start", 
    
    cast('2015-12-31' as DATE)
 as "period_end", 
    
    cast('institution' as character varying)
 as "breakdown", 
    
    cast('365' as INTEGER)
 as "days_in_period", 
    
    cast('657' as character varying)
 as "municipality", 
    
    cast('all' as character varying)
 as "district_group", 
    
    cast('all' as character varying)
 as "district", 
    
    cast('109.5' as HUGEINT)
 as "placed_days", 
    
    cast('0.3' as DOUBLE)
 as "child_years"