-- expenditure: cost.booked at fixed prices apportioned by days (int_expenditure; breakdown 'all',
-- each placement category, 'other').
-- unit_cost_per_child_year: expenditure of a placement category per child-year of that category;
-- 'all' = expenditure on the three placement categories per placed child-year.
-- expenditure_per_resident_0_22: expenditure ('all', category) per resident aged 0-22 in the
-- period's year (seed population_0_22); municipality-wide only, as the population is.
with expenditure as (

    select * from "staging"."main"."int_expenditure"

),

placement_categories as (

    select distinct placement_category from "staging"."main"."measure_types"
    where placement_category is not null

),

placement_expenditure as (

    select
        period, period_type, period_start, period_end,
        municipality, district_group, district,
        breakdown,
        expenditure
    from expenditure
    where breakdown in (select placement_category from placement_categories)
    union all
    select
        period, period_type, period_start, period_end,
        municipality, district_group, district,
        'all' as breakdown,
        cast(sum(cast(expenditure as decimal(38, 6))) as double) as expenditure
    from expenditure
    where breakdown in (select placement_category from placement_categories)
    group by all

),

unit_cost as (

    select
        'unit_cost_per_child_year' as kpi,
        child_years.period, child_years.period_type, child_years.period_start, child_years.period_end,
        child_years.municipality, child_years.district_group, child_years.district, child_years.breakdown,
        coalesce(placement_expenditure.expenditure, 0) as numerator,
        child_years.child_years as denominator,
        cast(case when child_years.child_years > 0 then 1.0 * coalesce(placement_expenditure.expenditure, 0) / child_years.child_years end as double) as value
    from "staging"."main"."int_child_years" as child_years
    left join placement_expenditure
        on child_years.period = placement_expenditure.period
        and child_years.municipality = placement_expenditure.municipality
        and child_years.district_group = placement_expenditure.district_group
        and child_years.district = placement_expenditure.district
        and child_years.breakdown = placement_expenditure.breakdown
    where child_years.breakdown = 'all'
        or child_years.breakdown in (select placement_category from placement_categories)

),

population as (

    select
        cast(municipality as varchar) as municipality,
        cast(year as integer) as population_year,
        residents_0_22
    from "staging"."main"."population_0_22"

),

per_resident as (

    select
        'expenditure_per_resident_0_22' as kpi,
        expenditure.period, expenditure.period_type, expenditure.period_start, expenditure.period_end,
        expenditure.municipality, expenditure.district_group, expenditure.district, expenditure.breakdown,
        expenditure.expenditure as numerator,
        cast(population.residents_0_22 as double) as denominator,
        cast(case when population.residents_0_22 > 0 then 1.0 * expenditure.expenditure / population.residents_0_22 end as double) as value
    from expenditure
    inner join population
        on expenditure.municipality = population.municipality
        and year(expenditure.period_start) = population.population_year
    where expenditure.district_group = 'all'
        and expenditure.district = 'all'
        and expenditure.breakdown != 'other'

)

select
    'expenditure' as kpi,
    period, period_type, period_start, period_end,
    municipality, district_group, district, breakdown,
    expenditure as numerator,
    cast(null as double) as denominator,
    expenditure as value
from expenditure
union all
select * from unit_cost
union all
select * from per_resident