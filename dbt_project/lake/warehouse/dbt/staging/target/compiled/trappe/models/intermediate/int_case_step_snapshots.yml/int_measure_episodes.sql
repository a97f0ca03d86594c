
-- Fixture for int_measure_episodes
select 
    
    cast('E1' as character varying)
 as "measure_episode_id", 
    
    cast('657' as character varying)
 as "municipality", 
    
    cast('C2' as character varying)
 as "case_id", cast(null as character varying(256)) as "child_id", cast(null as character varying(256)) as "district", cast(null as character varying(256)) as "district_group", cast(null as character varying(256)) as "team", cast(null as character varying(256)) as "measure_id", cast(null as character varying(256)) as "measure_type", 
    
    cast('3' as INTEGER)
 as "step", 
    
    cast('family_foster_care' as character varying)
 as "placement_category", cast(null as BOOLEAN) as "short_term", 
    
    cast('2015-02-01' as DATE)
 as "episode_start", 
    
    cast('2015-11-30' as DATE)
 as "episode_end", cast(null as character varying(256)) as "end_reason", cast(null as DATE) as "child_birth_date"