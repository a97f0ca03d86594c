
-- Fixture for stg_ladder_moved
select 
    
    cast('L3' as character varying)
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
    
    cast('M3' as character varying)
 as "measure_id", 
    
    cast('5' as INTEGER)
 as "from_step", 
    
    cast('4' as INTEGER)
 as "to_step", 
    
    cast('foster_family' as character varying)
 as "measure_type", cast(null as character varying(256)) as "provider_id", cast(null as DOUBLE) as "daily_cost_dkk", cast(null as BOOLEAN) as "short_term", 
    
    cast('planned' as character varying)
 as "reason"
union all
select 
    
    cast('L1' as character varying)
 as "event_id", cast(null as character varying(256)) as "event_type", cast(null as INTEGER) as "schema_version", 
    
    cast('2015-01-01 00:00:00+00' as TIMESTAMP WITH TIME ZONE)
 as "occurred_at", 
    
    cast('2015-01-01' as DATE)
 as "occurred_date", 
    
    cast('2015-01-01 00:00:00+00' as TIMESTAMP WITH TIME ZONE)
 as "recorded_at", 
    
    cast('657' as character varying)
 as "municipality", 
    
    cast('C1' as character varying)
 as "case_id", cast(null as character varying(256)) as "child_id", cast(null as character varying(256)) as "caseworker_id", 
    
    cast('M1' as character varying)
 as "measure_id", 
    
    cast(null as INTEGER)
 as "from_step", 
    
    cast('3' as INTEGER)
 as "to_step", 
    
    cast('network_foster_care' as character varying)
 as "measure_type", cast(null as character varying(256)) as "provider_id", cast(null as DOUBLE) as "daily_cost_dkk", cast(null as BOOLEAN) as "short_term", 
    
    cast('escalation' as character varying)
 as "reason"
union all
select 
    
    cast('L4' as character varying)
 as "event_id", cast(null as character varying(256)) as "event_type", cast(null as INTEGER) as "schema_version", 
    
    cast('2015-09-01 00:00:00+00' as TIMESTAMP WITH TIME ZONE)
 as "occurred_at", 
    
    cast('2015-09-01' as DATE)
 as "occurred_date", 
    
    cast('2015-09-01 00:00:00+00' as TIMESTAMP WITH TIME ZONE)
 as "recorded_at", 
    
    cast('657' as character varying)
 as "municipality", 
    
    cast('C1' as character varying)
 as "case_id", cast(null as character varying(256)) as "child_id", cast(null as character varying(256)) as "caseworker_id", 
    
    cast('M3' as character varying)
 as "measure_id", 
    
    cast('4' as INTEGER)
 as "from_step", 
    
    cast(null as INTEGER)
 as "to_step", 
    
    cast('foster_family' as character varying)
 as "measure_type", cast(null as character varying(256)) as "provider_id", cast(null as DOUBLE) as "daily_cost_dkk", cast(null as BOOLEAN) as "short_term", 
    
    cast('goal_reached' as character varying)
 as "reason"