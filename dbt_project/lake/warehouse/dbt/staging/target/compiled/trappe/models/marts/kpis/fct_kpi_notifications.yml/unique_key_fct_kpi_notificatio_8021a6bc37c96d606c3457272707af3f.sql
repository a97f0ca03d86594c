
select kpi, period, municipality, district_group, district, breakdown, count(*) as rows_with_this_key
from "staging"."main"."fct_kpi_notifications"
group by kpi, period, municipality, district_group, district, breakdown
having count(*) > 1
