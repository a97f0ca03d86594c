
    
    

select
    year as unique_field,
    count(*) as n_records

from "staging"."main"."price_index"
where year is not null
group by year
having count(*) > 1


