
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
union all
select 
    
    cast('2016-02' as character varying)
 as "period", 
    
    cast('month' as character varying)
 as "period_type", 
    
    cast('2016' as INTEGER)
 as "period_year", 
    
    cast('2016-02-01' as DATE)
 as "period_start", 
    
    cast('2016-02-29' as DATE)
 as "period_end", 
    
    cast('29' as INTEGER)
 as "days_in_period"
union all
select 
    
    cast('2016-03' as character varying)
 as "period", 
    
    cast('month' as character varying)
 as "period_type", 
    
    cast('2016' as INTEGER)
 as "period_year", 
    
    cast('2016-03-01' as DATE)
 as "period_start", 
    
    cast('2016-03-31' as DATE)
 as "period_end", 
    
    cast('31' as INTEGER)
 as "days_in_period"