-- docs/kpis.md, "Reporting window": a build with at least one counted event never publishes an
-- empty kpi_values (the window opens with the year of the earliest recorded_at, whatever the
-- event types, and every KPI has its spine).
select count(*) as events_cases
from {{ ref('int_feed_cases') }}
having count(*) > 0
    and (select count(*) from {{ ref('kpi_values') }}) = 0
