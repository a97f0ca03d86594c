
-- Fixture for int_cases_open_in_period
select 
    
    cast('657' as character varying)
 as "municipality", 
    
    cast('C1' as character varying)
 as "case_id", cast(null as character varying(256)) as "child_id", 
    
    cast('2015' as character varying)
 as "period", 
    
    cast('year' as character varying)
 as "period_type", 
    
    cast('2015-01-01' as DATE)
 as "period_start", 
    
    cast('2015-12-31' as DATE)
 as "period_end", cast(null as DATE) as "attributed_date", 
    
    cast('D1' as character varying)
 as "district", 
    
    cast('other' as character varying)
 as "district_group", 
    
    cast('youth' as character varying)
 as "team"
union all
select 
    
    cast('657' as character varying)
 as "municipality", 
    
    cast('C2' as character varying)
 as "case_id", cast(null as character varying(256)) as "child_id", 
    
    cast('2015' as character varying)
 as "period", 
    
    cast('year' as character varying)
 as "period_type", 
    
    cast('2015-01-01' as DATE)
 as "period_start", 
    
    cast('2015-12-31' as DATE)
 as "period_end", cast(null as DATE) as "attributed_date", 
    
    cast('D1' as character varying)
 as "district", 
    
    cast('other' as character varying)
 as "district_group", 
    
    cast('youth' as character varying)
 as "team"
union all
select 
    
    cast('657' as character varying)
 as "municipality", 
    
    cast('C3' as character varying)
 as "case_id", cast(null as character varying(256)) as "child_id", 
    
    cast('2015' as character varying)
 as "period", 
    
    cast('year' as character varying)
 as "period_type", 
    
    cast('2015-01-01' as DATE)
 as "period_start", 
    
    cast('2015-12-31' as DATE)
 as "period_end", cast(null as DATE) as "attributed_date", 
    
    cast('D1' as character varying)
 as "district", 
    
    cast('other' as character varying)
 as "district_group", 
    
    cast('children' as character varying)
 as "team"
union all
select 
    
    cast('657' as character varying)
 as "municipality", 
    
    cast('C4' as character varying)
 as "case_id", cast(null as character varying(256)) as "child_id", 
    
    cast('2015' as character varying)
 as "period", 
    
    cast('year' as character varying)
 as "period_type", 
    
    cast('2015-01-01' as DATE)
 as "period_start", 
    
    cast('2015-12-31' as DATE)
 as "period_end", cast(null as DATE) as "attributed_date", 
    
    cast('D1' as character varying)
 as "district", 
    
    cast('other' as character varying)
 as "district_group", 
    
    cast('children' as character varying)
 as "team"