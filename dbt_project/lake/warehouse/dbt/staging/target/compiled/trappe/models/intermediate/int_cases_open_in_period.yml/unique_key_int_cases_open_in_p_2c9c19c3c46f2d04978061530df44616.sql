
select municipality, case_id, period, count(*) as rows_with_this_key
from "staging"."main"."int_cases_open_in_period"
group by municipality, case_id, period
having count(*) > 1
