
-- Fixture for stg_notification_assessed
select 
    
    cast('A1' as character varying)
 as "event_id", cast(null as character varying(256)) as "event_type", cast(null as INTEGER) as "schema_version", 
    
    cast('2015-04-02 07:00:00+00' as TIMESTAMP WITH TIME ZONE)
 as "occurred_at", 
    
    cast('2015-04-02' as DATE)
 as "occurred_date", 
    
    cast('2015-04-02 07:00:00+00' as TIMESTAMP WITH TIME ZONE)
 as "recorded_at", 
    
    cast('657' as character varying)
 as "municipality", 
    
    cast('C1' as character varying)
 as "case_id", cast(null as character varying(256)) as "child_id", cast(null as character varying(256)) as "caseworker_id", 
    
    cast('N1' as character varying)
 as "notification_id", cast(null as BOOLEAN) as "acute", cast(null as character varying(256)) as "outcome"
union all
select 
    
    cast('A2' as character varying)
 as "event_id", cast(null as character varying(256)) as "event_type", cast(null as INTEGER) as "schema_version", 
    
    cast('2015-04-11 09:00:00+00' as TIMESTAMP WITH TIME ZONE)
 as "occurred_at", 
    
    cast('2015-04-11' as DATE)
 as "occurred_date", 
    
    cast('2015-04-11 09:00:00+00' as TIMESTAMP WITH TIME ZONE)
 as "recorded_at", 
    
    cast('657' as character varying)
 as "municipality", 
    
    cast('C1' as character varying)
 as "case_id", cast(null as character varying(256)) as "child_id", cast(null as character varying(256)) as "caseworker_id", 
    
    cast('N2' as character varying)
 as "notification_id", cast(null as BOOLEAN) as "acute", cast(null as character varying(256)) as "outcome"