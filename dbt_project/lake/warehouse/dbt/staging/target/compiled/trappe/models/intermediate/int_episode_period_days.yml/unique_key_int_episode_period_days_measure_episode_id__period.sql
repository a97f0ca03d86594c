
select measure_episode_id, period, count(*) as rows_with_this_key
from "staging"."main"."int_episode_period_days"
group by measure_episode_id, period
having count(*) > 1
