
-- Fixture for stg_followup_held
select 
    
    cast('F2' as character varying)
 as "event_id", cast(null as character varying(256)) as "event_type", cast(null as INTEGER) as "schema_version", 
    
    cast('2015-03-05 09:00:00+00' as TIMESTAMP WITH TIME ZONE)
 as "occurred_at", 
    
    cast('2015-03-05' as DATE)
 as "occurred_date", 
    
    cast('2015-03-05 10:00:00' as TIMESTAMP WITH TIME ZONE)
 as "recorded_at", 
    
    cast('657' as character varying)
 as "municipality", 
    
    cast('C1' as character varying)
 as "case_id", cast(null as character varying(256)) as "child_id", cast(null as character varying(256)) as "caseworker_id", 
    
    cast('M1' as character varying)
 as "measure_id", cast(null as BOOLEAN) as "child_conversation", cast(null as BOOLEAN) as "action_plan_reviewed", cast(null as character varying(256)) as "channel", cast(null as BOOLEAN) as "statutory", cast(null as DATE) as "next_due"
union all
select 
    
    cast('F1' as character varying)
 as "event_id", cast(null as character varying(256)) as "event_type", cast(null as INTEGER) as "schema_version", 
    
    cast('2015-01-10 09:00:00+00' as TIMESTAMP WITH TIME ZONE)
 as "occurred_at", 
    
    cast('2015-01-10' as DATE)
 as "occurred_date", 
    
    cast('2015-03-06 10:00:00' as TIMESTAMP WITH TIME ZONE)
 as "recorded_at", 
    
    cast('657' as character varying)
 as "municipality", 
    
    cast('C1' as character varying)
 as "case_id", cast(null as character varying(256)) as "child_id", cast(null as character varying(256)) as "caseworker_id", 
    
    cast('M1' as character varying)
 as "measure_id", cast(null as BOOLEAN) as "child_conversation", cast(null as BOOLEAN) as "action_plan_reviewed", cast(null as character varying(256)) as "channel", cast(null as BOOLEAN) as "statutory", cast(null as DATE) as "next_due"
union all
select 
    
    cast('F0' as character varying)
 as "event_id", cast(null as character varying(256)) as "event_type", cast(null as INTEGER) as "schema_version", 
    
    cast('2014-12-31 09:00:00+00' as TIMESTAMP WITH TIME ZONE)
 as "occurred_at", 
    
    cast('2014-12-31' as DATE)
 as "occurred_date", 
    
    cast('2014-12-31 10:00:00' as TIMESTAMP WITH TIME ZONE)
 as "recorded_at", 
    
    cast('657' as character varying)
 as "municipality", 
    
    cast('C1' as character varying)
 as "case_id", cast(null as character varying(256)) as "child_id", cast(null as character varying(256)) as "caseworker_id", 
    
    cast('M1' as character varying)
 as "measure_id", cast(null as BOOLEAN) as "child_conversation", cast(null as BOOLEAN) as "action_plan_reviewed", cast(null as character varying(256)) as "channel", cast(null as BOOLEAN) as "statutory", cast(null as DATE) as "next_due"
union all
select 
    
    cast('F3' as character varying)
 as "event_id", cast(null as character varying(256)) as "event_type", cast(null as INTEGER) as "schema_version", 
    
    cast('2015-01-10 09:00:00+00' as TIMESTAMP WITH TIME ZONE)
 as "occurred_at", 
    
    cast('2015-01-10' as DATE)
 as "occurred_date", 
    
    cast('2015-01-10 10:00:00' as TIMESTAMP WITH TIME ZONE)
 as "recorded_at", 
    
    cast('657' as character varying)
 as "municipality", 
    
    cast('C1' as character varying)
 as "case_id", cast(null as character varying(256)) as "child_id", cast(null as character varying(256)) as "caseworker_id", 
    
    cast('M9' as character varying)
 as "measure_id", cast(null as BOOLEAN) as "child_conversation", cast(null as BOOLEAN) as "action_plan_reviewed", cast(null as character varying(256)) as "channel", cast(null as BOOLEAN) as "statutory", cast(null as DATE) as "next_due"