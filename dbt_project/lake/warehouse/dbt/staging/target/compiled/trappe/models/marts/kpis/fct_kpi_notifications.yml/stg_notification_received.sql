
-- Fixture for stg_notification_received
select 
    
    cast('R1' as character varying)
 as "event_id", cast(null as character varying(256)) as "event_type", cast(null as INTEGER) as "schema_version", 
    
    cast('2015-04-01 08:00:00+00' as TIMESTAMP WITH TIME ZONE)
 as "occurred_at", 
    
    cast('2015-04-01' as DATE)
 as "occurred_date", 
    
    cast('2015-04-01 08:00:00+00' as TIMESTAMP WITH TIME ZONE)
 as "recorded_at", 
    
    cast('657' as character varying)
 as "municipality", 
    
    cast('C1' as character varying)
 as "case_id", cast(null as character varying(256)) as "child_id", cast(null as character varying(256)) as "caseworker_id", 
    
    cast('N1' as character varying)
 as "notification_id", 
    
    cast('school' as character varying)
 as "source", cast(null as character varying(256)) as "concern"
union all
select 
    
    cast('R2' as character varying)
 as "event_id", cast(null as character varying(256)) as "event_type", cast(null as INTEGER) as "schema_version", 
    
    cast('2015-04-10 08:00:00+00' as TIMESTAMP WITH TIME ZONE)
 as "occurred_at", 
    
    cast('2015-04-10' as DATE)
 as "occurred_date", 
    
    cast('2015-04-10 08:00:00+00' as TIMESTAMP WITH TIME ZONE)
 as "recorded_at", 
    
    cast('657' as character varying)
 as "municipality", 
    
    cast('C1' as character varying)
 as "case_id", cast(null as character varying(256)) as "child_id", cast(null as character varying(256)) as "caseworker_id", 
    
    cast('N2' as character varying)
 as "notification_id", 
    
    cast('school' as character varying)
 as "source", cast(null as character varying(256)) as "concern"
union all
select 
    
    cast('R3' as character varying)
 as "event_id", cast(null as character varying(256)) as "event_type", cast(null as INTEGER) as "schema_version", 
    
    cast('2015-05-10 08:00:00+00' as TIMESTAMP WITH TIME ZONE)
 as "occurred_at", 
    
    cast('2015-05-10' as DATE)
 as "occurred_date", 
    
    cast('2015-05-10 08:00:00+00' as TIMESTAMP WITH TIME ZONE)
 as "recorded_at", 
    
    cast('657' as character varying)
 as "municipality", 
    
    cast('C1' as character varying)
 as "case_id", cast(null as character varying(256)) as "child_id", cast(null as character varying(256)) as "caseworker_id", 
    
    cast('N3' as character varying)
 as "notification_id", 
    
    cast('school' as character varying)
 as "source", cast(null as character varying(256)) as "concern"