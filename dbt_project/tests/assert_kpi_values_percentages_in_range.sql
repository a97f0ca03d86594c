-- Percentages are 0-100 in the export contract, except rates per child-year (breakdown_rate),
-- which are events per 100 child-years and may exceed 100.
select *
from {{ ref('kpi_values') }}
where unit = '%'
    and kpi != 'breakdown_rate'
    and (value < 0 or value > 100)
