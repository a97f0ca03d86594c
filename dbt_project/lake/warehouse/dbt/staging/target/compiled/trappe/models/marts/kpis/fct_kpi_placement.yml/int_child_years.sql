
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