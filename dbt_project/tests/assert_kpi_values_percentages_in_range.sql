-- Percentages the kpi_catalogue seed marks `bounded` (parts of a whole) are 0-100. Not bounded:
-- complaint_rate (complaints, not cases, per 100 open cases) and breakdown_rate (per 100
-- child-years); the export withholds a percentage it cannot write within 0-100.
select kpi_values.*
from {{ ref('kpi_values') }} as kpi_values
inner join {{ ref('kpi_catalogue') }} as catalogue
    on kpi_values.kpi = catalogue.kpi
where catalogue.bounded
    and (kpi_values.value < 0 or kpi_values.value > 100)
