
    
    

select
    rule_set || '/' || rule_name as unique_field,
    count(*) as n_records

from "staging"."main"."followup_rules"
where rule_set || '/' || rule_name is not null
group by rule_set || '/' || rule_name
having count(*) > 1


