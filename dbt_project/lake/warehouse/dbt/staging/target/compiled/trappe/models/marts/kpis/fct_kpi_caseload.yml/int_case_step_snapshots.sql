
-- Fixture for int_case_step_snapshots
select 
    
    cast('657' as character varying)
 as "municipality", 
    
    cast('C1' as character varying)
 as "case_id", cast(null as character varying(256)) as "child_id", 
    
    cast('2015-12-31' as DATE)
 as "snapshot_date", cast(null as character varying(256)) as "measure_episode_id", cast(null as INTEGER) as "step", cast(null as character varying(256)) as "placement_category", 
    
    cast('4' as character varying)
 as "step_label", 
    
    cast('D1' as character varying)
 as "district", 
    
    cast('pilot' as character varying)
 as "district_group", 
    
    cast('t' as character varying)
 as "team", 
    
    cast('W1' as character varying)
 as "caseworker_id"
union all
select 
    
    cast('657' as character varying)
 as "municipality", 
    
    cast('C2' as character varying)
 as "case_id", cast(null as character varying(256)) as "child_id", 
    
    cast('2015-12-31' as DATE)
 as "snapshot_date", cast(null as character varying(256)) as "measure_episode_id", cast(null as INTEGER) as "step", cast(null as character varying(256)) as "placement_category", 
    
    cast('none' as character varying)
 as "step_label", 
    
    cast('D1' as character varying)
 as "district", 
    
    cast('pilot' as character varying)
 as "district_group", 
    
    cast('t' as character varying)
 as "team", 
    
    cast('W1' as character varying)
 as "caseworker_id"
union all
select 
    
    cast('657' as character varying)
 as "municipality", 
    
    cast('C3' as character varying)
 as "case_id", cast(null as character varying(256)) as "child_id", 
    
    cast('2015-12-31' as DATE)
 as "snapshot_date", cast(null as character varying(256)) as "measure_episode_id", cast(null as INTEGER) as "step", cast(null as character varying(256)) as "placement_category", 
    
    cast('2' as character varying)
 as "step_label", 
    
    cast('D2' as character varying)
 as "district", 
    
    cast('pilot' as character varying)
 as "district_group", 
    
    cast('t' as character varying)
 as "team", 
    
    cast('W1' as character varying)
 as "caseworker_id"
union all
select 
    
    cast('657' as character varying)
 as "municipality", 
    
    cast('C4' as character varying)
 as "case_id", cast(null as character varying(256)) as "child_id", 
    
    cast('2015-12-31' as DATE)
 as "snapshot_date", cast(null as character varying(256)) as "measure_episode_id", cast(null as INTEGER) as "step", cast(null as character varying(256)) as "placement_category", 
    
    cast('2' as character varying)
 as "step_label", 
    
    cast('D2' as character varying)
 as "district", 
    
    cast('pilot' as character varying)
 as "district_group", 
    
    cast('t' as character varying)
 as "team", 
    
    cast('W2' as character varying)
 as "caseworker_id"