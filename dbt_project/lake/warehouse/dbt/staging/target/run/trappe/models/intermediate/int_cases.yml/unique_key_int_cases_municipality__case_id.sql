
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
    
  
select municipality, case_id, count(*) as rows_with_this_key
from "staging"."main"."int_cases"
group by municipality, case_id
having count(*) > 1

  
  
      
    ) dbt_internal_test