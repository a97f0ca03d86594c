
-- Fixture for measure_types
select 
    
    cast('foster_family' as character varying)
 as "measure_type", 
    
    cast('4' as INTEGER)
 as "step", 
    
    cast('family_foster_care' as character varying)
 as "placement_category"
union all
select 
    
    cast('residential_institution' as character varying)
 as "measure_type", 
    
    cast('5' as INTEGER)
 as "step", 
    
    cast('institution' as character varying)
 as "placement_category"
union all
select 
    
    cast('own_room' as character varying)
 as "measure_type", 
    
    cast('2' as INTEGER)
 as "step", 
    
    cast('home_based_placement' as character varying)
 as "placement_category"
union all
select 
    
    cast('preventive_measure' as character varying)
 as "measure_type", 
    
    cast('1' as INTEGER)
 as "step", 
    
    cast(null as character varying(256))
 as "placement_category"
union all
select 
    
    cast('network_foster_care' as character varying)
 as "measure_type", 
    
    cast('3' as INTEGER)
 as "step", 
    
    cast('family_foster_care' as character varying)
 as "placement_category"