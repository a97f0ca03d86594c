
-- Fixture for stg_complaint_received
select 
    
    cast('Q1' as character varying)
 as "event_id", cast(null as character varying(256)) as "event_type", cast(null as INTEGER) as "schema_version", 
    
    cast('2015-06-10 00:00:00+00' as TIMESTAMP WITH TIME ZONE)
 as "occurred_at", 
    
    cast('2015-06-10' as DATE)
 as "occurred_date", 
    
    cast('2015-06-10 00:00:00+00' as TIMESTAMP WITH TIME ZONE)
 as "recorded_at", 
    
    cast('657' as character varying)
 as "municipality", 
    
    cast('C1' as character varying)
 as "case_id", cast(null as character varying(256)) as "child_id", cast(null as character varying(256)) as "caseworker_id", cast(null as character varying(256)) as "complaint_id", 
    
    cast('youth' as character varying)
 as "team", cast(null as character varying(256)) as "subject"