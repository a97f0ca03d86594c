
-- Fixture for int_ladder_moves
select 
    
    cast('L1' as character varying)
 as "event_id", 
    
    cast('657' as character varying)
 as "municipality", 
    
    cast('C1' as character varying)
 as "case_id", 
    
    cast('K1' as character varying)
 as "child_id", cast(null as TIMESTAMP WITH TIME ZONE) as "occurred_at", 
    
    cast('2015-06-01' as DATE)
 as "occurred_date", cast(null as TIMESTAMP WITH TIME ZONE) as "recorded_at", cast(null as BIGINT) as "move_seq", cast(null as character varying(256)) as "measure_id", cast(null as character varying(256)) as "measure_type", 
    
    cast('4' as INTEGER)
 as "to_step", 
    
    cast('5' as INTEGER)
 as "from_step", 
    
    cast('5>4' as character varying)
 as "move_label", cast(null as character varying(256)) as "placement_category", cast(null as BOOLEAN) as "short_term", cast(null as character varying(256)) as "reason", cast(null as DATE) as "next_move_date", cast(null as character varying(256)) as "next_move_reason", 
    
    cast('1998-01-10' as DATE)
 as "child_birth_date", 
    
    cast('D1' as character varying)
 as "district", 
    
    cast('pilot' as character varying)
 as "district_group", cast(null as character varying(256)) as "team"
union all
select 
    
    cast('L2' as character varying)
 as "event_id", 
    
    cast('657' as character varying)
 as "municipality", 
    
    cast('C2' as character varying)
 as "case_id", 
    
    cast('K2' as character varying)
 as "child_id", cast(null as TIMESTAMP WITH TIME ZONE) as "occurred_at", 
    
    cast('2015-06-01' as DATE)
 as "occurred_date", cast(null as TIMESTAMP WITH TIME ZONE) as "recorded_at", cast(null as BIGINT) as "move_seq", cast(null as character varying(256)) as "measure_id", cast(null as character varying(256)) as "measure_type", 
    
    cast('2' as INTEGER)
 as "to_step", 
    
    cast('5' as INTEGER)
 as "from_step", 
    
    cast('5>2' as character varying)
 as "move_label", cast(null as character varying(256)) as "placement_category", cast(null as BOOLEAN) as "short_term", cast(null as character varying(256)) as "reason", cast(null as DATE) as "next_move_date", cast(null as character varying(256)) as "next_move_reason", 
    
    cast('1997-03-01' as DATE)
 as "child_birth_date", 
    
    cast('D1' as character varying)
 as "district", 
    
    cast('pilot' as character varying)
 as "district_group", cast(null as character varying(256)) as "team"