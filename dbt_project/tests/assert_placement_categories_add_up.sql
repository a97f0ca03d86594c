-- docs/kpis.md: the three placement categories add up to all placed child-years.
with child_years as (
    select * from {{ ref('int_child_years') }}
),

categories as (
    select distinct placement_category
    from {{ ref('measure_types') }}
    where placement_category is not null
),

summed as (
    select
        period,
        municipality,
        district_group,
        district,
        sum(placed_days) as category_days
    from child_years
    where breakdown in (select placement_category from categories)
    group by all
)

select
    child_years.*,
    summed.category_days
from child_years
left join summed using (period, municipality, district_group, district)
where child_years.breakdown = 'all'
    and coalesce(summed.category_days, 0) != child_years.placed_days
