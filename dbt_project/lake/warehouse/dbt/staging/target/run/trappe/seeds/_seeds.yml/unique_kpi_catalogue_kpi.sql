
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
    
  
    
    

select
    kpi as unique_field,
    count(*) as n_records

from "staging"."main"."kpi_catalogue"
where kpi is not null
group by kpi
having count(*) > 1



  
  
      
    ) dbt_internal_test