
    
    

select
    kpi as unique_field,
    count(*) as n_records

from "staging"."main"."kpi_catalogue"
where kpi is not null
group by kpi
having count(*) > 1


