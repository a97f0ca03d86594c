
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
    
  -- A district missing from the district_groups seed falls under 'unmapped' in every KPI; warn so
-- the seed gets updated.

select distinct municipality, district
from "staging"."main"."int_case_assignments"
where district_group = 'unmapped'
  
  
      
    ) dbt_internal_test