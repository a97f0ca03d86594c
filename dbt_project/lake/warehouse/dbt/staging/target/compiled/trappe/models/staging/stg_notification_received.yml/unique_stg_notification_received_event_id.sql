
    
    

select
    event_id as unique_field,
    count(*) as n_records

from "staging"."main"."stg_notification_received"
where event_id is not null
group by event_id
having count(*) > 1


