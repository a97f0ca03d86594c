
-- Fixture for stg_decision_made
select 
    
    cast('D1' as character varying)
 as "event_id", cast(null as character varying(256)) as "event_type", cast(null as INTEGER) as "schema_version", 
    
    cast('2015-10-02 00:00:00+00' as TIMESTAMP WITH TIME ZONE)
 as "occurred_at", 
    
    cast('2015-10-02' as DATE)
 as "occurred_date", 
    
    cast('2015-10-02 00:00:00+00' as TIMESTAMP WITH TIME ZONE)
 as "recorded_at", 
    
    cast('657' as character varying)
 as "municipality", 
    
    cast('C3' as character varying)
 as "case_id", cast(null as character varying(256)) as "child_id", cast(null as character varying(256)) as "caseworker_id", cast(null as character varying(256)) as "decision_id", 
    
    cast('investigation_opened' as character varying)
 as "kind", cast(null as character varying(256)) as "legal_basis", cast(null as character varying(256)) as "measure_id"