
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
    
  
select municipality, case_id, period, count(*) as rows_with_this_key
from "staging"."main"."int_cases_open_in_period"
group by municipality, case_id, period
having count(*) > 1

  
  
      
    ) dbt_internal_test