
-- Fixture for int_periods
select 
    
    cast('2015-10' as character varying)
 as "period", 
    
    cast('month' as character varying)
 as "period_type", 
    
    cast('2015' as INTEGER)
 as "period_year", 
    
    cast('2015-10-01' as DATE)
 as "period_start", 
    
    cast('2015-10-31' as DATE)
 as "period_end", 
    
    cast('31' as INTEGER)
 as "days_in_period"
union all
select 
    
    cast('2015-11' as character varying)
 as "period", 
    
    cast('month' as character varying)
 as "period_type", 
    
    cast('2015' as INTEGER)
 as "period_year", 
    
    cast('2015-11-01' as DATE)
 as "period_start", 
    
    cast('2015-11-30' as DATE)
 as "period_end", 
    
    cast('30' as INTEGER)
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
    
    cast('2016-01' as character varying)
 as "period", 
    
    cast('month' as character varying)
 as "period_type", 
    
    cast('2016' as INTEGER)
 as "period_year", 
    
    cast('2016-01-01' as DATE)
 as "period_start", 
    
    cast('2016-01-31' as DATE)
 as "period_end", 
    
    cast('31' as INTEGER)
 as "days_in_period"