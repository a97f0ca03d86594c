-- Expenditure is deflated with the price index of each period's year (and the base year): a
-- missing year would drop its costs silently, so it fails the build instead.
with needed as (
    select distinct period_year as year from "staging"."main"."int_periods"
    union
    select 2013
)

select needed.year
from needed
left join "staging"."main"."price_index" as price_index on needed.year = price_index.year
where price_index.year is null