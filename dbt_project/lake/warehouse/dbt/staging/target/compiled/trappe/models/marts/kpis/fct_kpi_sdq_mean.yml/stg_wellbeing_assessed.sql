
-- Fixture for stg_wellbeing_assessed
select 
    
    cast('S1' as character varying)
 as "event_id", cast(null as character varying(256)) as "event_type", cast(null as INTEGER) as "schema_version", 
    
    cast('2015-05-01 00:00:00+00' as TIMESTAMP WITH TIME ZONE)
 as "occurred_at", 
    
    cast('2015-05-01' as DATE)
 as "occurred_date", 
    
    cast('2015-05-01 00:00:00+00' as TIMESTAMP WITH TIME ZONE)
 as "recorded_at", 
    
    cast('657' as character varying)
 as "municipality", 
    
    cast('C1' as character varying)
 as "case_id", cast(null as character varying(256)) as "child_id", cast(null as character varying(256)) as "caseworker_id", 
    
    cast('SDQ' as character varying)
 as "instrument", 
    
    cast('teacher' as character varying)
 as "informant", 
    
    cast('12' as INTEGER)
 as "total_difficulties", cast(null as INTEGER) as "emotional", cast(null as INTEGER) as "conduct", cast(null as INTEGER) as "hyperactivity", cast(null as INTEGER) as "peer", cast(null as INTEGER) as "prosocial"
union all
select 
    
    cast('S2' as character varying)
 as "event_id", cast(null as character varying(256)) as "event_type", cast(null as INTEGER) as "schema_version", 
    
    cast('2015-06-01 00:00:00+00' as TIMESTAMP WITH TIME ZONE)
 as "occurred_at", 
    
    cast('2015-06-01' as DATE)
 as "occurred_date", 
    
    cast('2015-06-01 00:00:00+00' as TIMESTAMP WITH TIME ZONE)
 as "recorded_at", 
    
    cast('657' as character varying)
 as "municipality", 
    
    cast('C1' as character varying)
 as "case_id", cast(null as character varying(256)) as "child_id", cast(null as character varying(256)) as "caseworker_id", 
    
    cast('SDQ' as character varying)
 as "instrument", 
    
    cast('teacher' as character varying)
 as "informant", 
    
    cast('8' as INTEGER)
 as "total_difficulties", cast(null as INTEGER) as "emotional", cast(null as INTEGER) as "conduct", cast(null as INTEGER) as "hyperactivity", cast(null as INTEGER) as "peer", cast(null as INTEGER) as "prosocial"
union all
select 
    
    cast('S3' as character varying)
 as "event_id", cast(null as character varying(256)) as "event_type", cast(null as INTEGER) as "schema_version", 
    
    cast('2015-06-01 00:00:00+00' as TIMESTAMP WITH TIME ZONE)
 as "occurred_at", 
    
    cast('2015-06-01' as DATE)
 as "occurred_date", 
    
    cast('2015-06-01 00:00:00+00' as TIMESTAMP WITH TIME ZONE)
 as "recorded_at", 
    
    cast('657' as character varying)
 as "municipality", 
    
    cast('C1' as character varying)
 as "case_id", cast(null as character varying(256)) as "child_id", cast(null as character varying(256)) as "caseworker_id", 
    
    cast('SDQ' as character varying)
 as "instrument", 
    
    cast('parent' as character varying)
 as "informant", 
    
    cast('20' as INTEGER)
 as "total_difficulties", cast(null as INTEGER) as "emotional", cast(null as INTEGER) as "conduct", cast(null as INTEGER) as "hyperactivity", cast(null as INTEGER) as "peer", cast(null as INTEGER) as "prosocial"