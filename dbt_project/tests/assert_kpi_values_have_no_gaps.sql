-- docs/kpis.md, "No gaps": every KPI has a row for every period of the reporting window and
-- every geography and breakdown it reports anywhere (its spine), so no chart draws a line across
-- a missing period.
with periods as (

    select period from {{ ref('int_periods') }}

),

kpi_values as (

    select * from {{ ref('kpi_values') }}

),

cells as (

    select distinct
        kpi,
        municipality,
        district_group,
        district,
        breakdown
    from kpi_values

),

expected as (

    select
        cells.*,
        periods.period
    from cells
    cross join periods

)

select expected.*
from expected
anti join kpi_values
    using (kpi, period, municipality, district_group, district, breakdown)
