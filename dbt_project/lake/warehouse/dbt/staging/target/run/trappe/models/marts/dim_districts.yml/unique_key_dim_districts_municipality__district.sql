
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
    
  
select municipality, district, count(*) as rows_with_this_key
from "staging"."main"."dim_districts"
group by municipality, district
having count(*) > 1

  
  
      
    ) dbt_internal_test