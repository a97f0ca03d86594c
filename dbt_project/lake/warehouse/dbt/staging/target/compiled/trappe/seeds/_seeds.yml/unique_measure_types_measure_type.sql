
    
    

select
    measure_type as unique_field,
    count(*) as n_records

from "staging"."main"."measure_types"
where measure_type is not null
group by measure_type
having count(*) > 1


