
    
    

select
    period as unique_field,
    count(*) as n_records

from "staging"."main"."int_periods"
where period is not null
group by period
having count(*) > 1


