
select municipality, case_id, count(*) as rows_with_this_key
from "staging"."main"."int_cases"
group by municipality, case_id
having count(*) > 1
