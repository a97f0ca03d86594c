
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
    
  
select kpi, period, municipality, district_group, district, breakdown, count(*) as rows_with_this_key
from "staging"."main"."fct_kpi_cases_by_step"
group by kpi, period, municipality, district_group, district, breakdown
having count(*) > 1

  
  
      
    ) dbt_internal_test