
-- Fixture for int_case_assignments
select 
    
    cast('657' as character varying)
 as "municipality", 
    
    cast('C1' as character varying)
 as "case_id", cast(null as character varying(256)) as "assignment_event_id", 
    
    cast('1' as BIGINT)
 as "assignment_seq", 
    
    cast('2015-06-01' as DATE)
 as "valid_from", 
    
    cast('0001-01-01' as DATE)
 as "effective_from", 
    
    cast(null as DATE)
 as "valid_to", 
    
    cast('D1' as character varying)
 as "district", 
    
    cast('pilot' as character varying)
 as "district_group", 
    
    cast('pilot' as character varying)
 as "team", 
    
    cast('W1' as character varying)
 as "caseworker_id"