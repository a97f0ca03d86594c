
    
    

select
    measure_episode_id as unique_field,
    count(*) as n_records

from "staging"."main"."int_measure_episodes"
where measure_episode_id is not null
group by measure_episode_id
having count(*) > 1


