
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
union all
select 
    
    cast('657' as character varying)
 as "municipality", 
    
    cast('C3' as character varying)
 as "case_id", 
    
    cast('K3' as character varying)
 as "child_id", cast(null as DATE) as "child_birth_date", 
    
    cast('2015-10-01' as DATE)
 as "opened_date", 
    
    cast(null as DATE)
 as "closed_date", cast(null as character varying(256)) as "district", cast(null as character varying(256)) as "district_group", cast(null as character varying(256)) as "team", cast(null as character varying(256)) as "caseworker_id"