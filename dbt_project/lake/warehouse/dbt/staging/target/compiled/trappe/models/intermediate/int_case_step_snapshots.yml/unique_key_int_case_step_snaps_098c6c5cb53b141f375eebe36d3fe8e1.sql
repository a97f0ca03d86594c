
select municipality, case_id, snapshot_date, count(*) as rows_with_this_key
from "staging"."main"."int_case_step_snapshots"
group by municipality, case_id, snapshot_date
having count(*) > 1
