
-- Fixture for int_measure_episodes
select 
    
    cast('F' as character varying)
 as "measure_episode_id", cast(null as character varying(256)) as "municipality", 
    
    cast('C1' as character varying)
 as "case_id", cast(null as character varying(256)) as "child_id", cast(null as character varying(256)) as "district", cast(null as character varying(256)) as "district_group", cast(null as character varying(256)) as "team", 
    
    cast('M1' as character varying)
 as "measure_id", 
    
    cast('foster_family' as character varying)
 as "measure_type", 
    
    cast(4 as INTEGER)
 as "step", 
    
    cast('family_foster_care' as character varying)
 as "placement_category", 
    
    cast(False as BOOLEAN)
 as "short_term", 
    
    cast('2014-01-01' as DATE)
 as "episode_start", 
    
    cast(null as DATE)
 as "episode_end", cast(null as character varying(256)) as "end_reason", cast(null as DATE) as "child_birth_date"