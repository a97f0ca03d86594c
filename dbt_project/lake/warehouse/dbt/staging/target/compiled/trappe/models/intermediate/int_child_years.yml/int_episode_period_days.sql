
-- Fixture for int_episode_period_days
select 
    
    cast('E1' as character varying)
 as "measure_episode_id", 
    
    cast('657' as character varying)
 as "municipality", cast(null as character varying(256)) as "case_id", cast(null as character varying(256)) as "child_id", 
    
    cast('D1' as character varying)
 as "district", 
    
    cast('pilot' as character varying)
 as "district_group", 
    
    cast('residential_institution' as character varying)
 as "measure_type", cast(null as INTEGER) as "step", 
    
    cast('institution' as character varying)
 as "placement_category", 
    
    cast('2016' as character varying)
 as "period", 
    
    cast('year' as character varying)
 as "period_type", 
    
    cast('2016-01-01' as DATE)
 as "period_start", 
    
    cast('2016-12-31' as DATE)
 as "period_end", 
    
    cast('366' as INTEGER)
 as "days_in_period", 
    
    cast('183' as INTEGER)
 as "days_covered"
union all
select 
    
    cast('E2' as character varying)
 as "measure_episode_id", 
    
    cast('657' as character varying)
 as "municipality", cast(null as character varying(256)) as "case_id", cast(null as character varying(256)) as "child_id", 
    
    cast('D1' as character varying)
 as "district", 
    
    cast('pilot' as character varying)
 as "district_group", 
    
    cast('foster_family' as character varying)
 as "measure_type", cast(null as INTEGER) as "step", 
    
    cast('family_foster_care' as character varying)
 as "placement_category", 
    
    cast('2016' as character varying)
 as "period", 
    
    cast('year' as character varying)
 as "period_type", 
    
    cast('2016-01-01' as DATE)
 as "period_start", 
    
    cast('2016-12-31' as DATE)
 as "period_end", 
    
    cast('366' as INTEGER)
 as "days_in_period", 
    
    cast('183' as INTEGER)
 as "days_covered"
union all
select 
    
    cast('E3' as character varying)
 as "measure_episode_id", 
    
    cast('657' as character varying)
 as "municipality", cast(null as character varying(256)) as "case_id", cast(null as character varying(256)) as "child_id", 
    
    cast('D1' as character varying)
 as "district", 
    
    cast('pilot' as character varying)
 as "district_group", 
    
    cast('preventive_measure' as character varying)
 as "measure_type", cast(null as INTEGER) as "step", 
    
    cast(null as character varying(256))
 as "placement_category", 
    
    cast('2016' as character varying)
 as "period", 
    
    cast('year' as character varying)
 as "period_type", 
    
    cast('2016-01-01' as DATE)
 as "period_start", 
    
    cast('2016-12-31' as DATE)
 as "period_end", 
    
    cast('366' as INTEGER)
 as "days_in_period", 
    
    cast('366' as INTEGER)
 as "days_covered"