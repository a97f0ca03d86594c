
-- Fixture for followup_rules
select 
    
    cast('herning_2015' as character varying)
 as "rule_set", 
    
    cast('foster_care' as character varying)
 as "rule_name", 
    
    cast('2' as INTEGER)
 as "priority", 
    
    cast(null as character varying(256))
 as "match_measure_type", 
    
    cast('family_foster_care' as character varying)
 as "match_placement_category", 
    
    cast(null as character varying(256))
 as "match_short_term", 
    
    cast(null as character varying(256))
 as "match_step_min", 
    
    cast(null as character varying(256))
 as "match_step_max", 
    
    cast('2' as INTEGER)
 as "first_offset_value", 
    
    cast('week' as character varying)
 as "first_offset_unit", 
    
    cast('6' as INTEGER)
 as "interval_value", 
    
    cast('week' as character varying)
 as "interval_unit", 
    
    cast('3' as character varying)
 as "after_one_year_interval_value", 
    
    cast('month' as character varying)
 as "after_one_year_interval_unit"