
select municipality, district, count(*) as rows_with_this_key
from "staging"."main"."dim_districts"
group by municipality, district
having count(*) > 1
