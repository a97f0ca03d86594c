
-- Fixture for stg_cost_booked
select 
    
    cast('K1' as character varying)
 as "event_id", cast(null as character varying(256)) as "event_type", cast(null as INTEGER) as "schema_version", 
    
    cast('2016-02-01 00:00:00+00' as TIMESTAMP WITH TIME ZONE)
 as "occurred_at", 
    
    cast('2016-02-01' as DATE)
 as "occurred_date", 
    
    cast('2016-02-01 00:00:00+00' as TIMESTAMP WITH TIME ZONE)
 as "recorded_at", 
    
    cast('657' as character varying)
 as "municipality", 
    
    cast('C1' as character varying)
 as "case_id", cast(null as character varying(256)) as "child_id", cast(null as character varying(256)) as "caseworker_id", 
    
    cast('M1' as character varying)
 as "measure_id", 
    
    cast('36600' as DOUBLE)
 as "amount_dkk", 
    
    cast('2015-12-01' as DATE)
 as "period_start", 
    
    cast('2016-01-31' as DATE)
 as "period_end"