-- expenditure: cost.booked at fixed prices apportioned by days (int_expenditure; breakdown 'all',
-- each placement category, 'other').
-- unit_cost_per_child_year: expenditure of a placement category per child-year of that category;
-- 'all' = expenditure on the three placement categories per placed child-year.
-- expenditure_per_resident_0_22: expenditure ('all', category) per resident aged 0-22 in the
-- period's year (seed population_0_22); municipality-wide only, as the population is.
with expenditure as (

    select * from {{ ref('int_expenditure') }}

),

placement_categories as (

    select distinct placement_category from {{ ref('measure_types') }}
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
        {{ kpi_row('unit_cost_per_child_year', 'coalesce(placement_expenditure.expenditure, 0)',
                   'child_years.child_years', rate='ratio', relation='child_years') }}
    from {{ ref('int_child_years') }} as child_years
    left join placement_expenditure
        using (period, municipality, district_group, district, breakdown)
    where child_years.breakdown = 'all'
        or child_years.breakdown in (select placement_category from placement_categories)

),

population as (

    select
        cast(municipality as varchar) as municipality,
        cast(year as integer) as population_year,
        residents_0_22
    from {{ ref('population_0_22') }}

),

per_resident as (

    select
        {{ kpi_row('expenditure_per_resident_0_22', 'expenditure.expenditure', 'population.residents_0_22',
                   rate='ratio', relation='expenditure') }}
    from expenditure
    inner join population
        on expenditure.municipality = population.municipality
        and year(expenditure.period_start) = population.population_year
    where expenditure.district_group = 'all'
        and expenditure.district = 'all'
        and expenditure.breakdown != 'other'

)

select {{ kpi_row('expenditure', 'expenditure') }}
from expenditure
union all
select * from unit_cost
union all
select * from per_resident
