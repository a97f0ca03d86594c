
select period, municipality, district_group, district, breakdown, count(*) as rows_with_this_key
from "staging"."main"."int_child_years"
group by period, municipality, district_group, district, breakdown
having count(*) > 1
