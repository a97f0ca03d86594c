
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
    
  
select municipality, case_id, snapshot_date, count(*) as rows_with_this_key
from "staging"."main"."int_case_step_snapshots"
group by municipality, case_id, snapshot_date
having count(*) > 1

  
  
      
    ) dbt_internal_test