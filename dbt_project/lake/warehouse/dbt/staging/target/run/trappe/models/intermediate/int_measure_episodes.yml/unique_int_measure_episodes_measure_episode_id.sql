
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
    
  
    
    

select
    measure_episode_id as unique_field,
    count(*) as n_records

from "staging"."main"."int_measure_episodes"
where measure_episode_id is not null
group by measure_episode_id
having count(*) > 1



  
  
      
    ) dbt_internal_test