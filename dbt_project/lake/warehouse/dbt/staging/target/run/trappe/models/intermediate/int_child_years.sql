
    

    create  table
      "staging"."main"."int_child_years__dbt_tmp"
  
    
    as (
      -- Placed child-years per period, geography and breakdown ('all' placed, each placement category,
-- each placed measure type). Summed as whole days and divided once, so the numbers are exact and
-- the categories add up to 'all'. Geography is the district of the episode's start.
with placed_days as (

    select *
    from "staging"."main"."int_episode_period_days"
    where placement_category is not null

),

by_breakdown as (

    select period, period_type, period_start, period_end, days_in_period,
        municipality, district_group, district, 'all' as breakdown, days_covered
    from placed_days
    union all
    select period, period_type, period_start, period_end, days_in_period,
        municipality, district_group, district, placement_category as breakdown, days_covered
    from placed_days
    union all
    select period, period_type, period_start, period_end, days_in_period,
        municipality, district_group, district, measure_type as breakdown, days_covered
    from placed_days

),

rolled_up as (

    select
        period, period_type, period_start, period_end, breakdown,
        days_in_period,
        municipality,
case when grouping(district_group) = 1 then 'all' else district_group end as district_group,
case when grouping(district) = 1 then 'all' else district end as district,
        sum(days_covered) as placed_days
    from by_breakdown
    group by grouping sets (
    (period, period_type, period_start, period_end, breakdown, days_in_period, municipality, district_group, district),
    (period, period_type, period_start, period_end, breakdown, days_in_period, municipality, district_group),
    (period, period_type, period_start, period_end, breakdown, days_in_period, municipality)
)

)

select
    *,
    1.0 * placed_days / days_in_period as child_years
from rolled_up
where placed_days > 0
    );
    
  