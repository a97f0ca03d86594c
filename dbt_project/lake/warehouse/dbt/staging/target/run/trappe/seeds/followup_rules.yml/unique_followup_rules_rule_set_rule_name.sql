
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
    
  
    
    

select
    rule_set || '/' || rule_name as unique_field,
    count(*) as n_records

from "staging"."main"."followup_rules"
where rule_set || '/' || rule_name is not null
group by rule_set || '/' || rule_name
having count(*) > 1



  
  
      
    ) dbt_internal_test