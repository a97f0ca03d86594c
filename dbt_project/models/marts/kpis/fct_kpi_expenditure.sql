-- expenditure: cost.booked at fixed prices apportioned by days to the elapsed part of the period
-- (int_expenditure; breakdown 'all', each placement category, 'other').
-- unit_cost_per_child_year: expenditure of a placement category per person-year of that category
-- (days / days of the calendar year), so a month, a half-year and a year of a constant placed
-- population cost alike per child-year; 'all' = expenditure on the three placement categories per
-- person-year placed. No value where no one was placed.
-- expenditure_per_resident_0_22: expenditure ('all', category) per resident aged 0-22 in the
-- period's year (seed population_0_22); municipality-wide only, as the population is.
with periods as (

    select * from {{ ref('int_periods') }}

),

geographies as (

    select
        municipality,
        district_group,
        district,
        level
    from {{ ref('int_geographies') }}

),

kpi_breakdowns as (

    select
        kpi,
        breakdown
    from {{ ref('kpi_breakdowns') }}

),

measure_types as (

    select
        measure_type,
        placement_category
    from {{ ref('measure_types') }}

),

expenditure as (

    select * from {{ ref('int_expenditure') }}

),

child_years as (

    select * from {{ ref('int_child_years') }}

),

population as (

    select
        cast(municipality as varchar) as municipality,
        cast(year as integer) as population_year,
        residents_0_22
    from {{ ref('population_0_22') }}

),

placement_categories as (

    select distinct placement_category from measure_types
    where placement_category is not null

),

placement_expenditure as (

    select
        period,
        municipality,
        district_group,
        district,
        breakdown,
        expenditure
    from expenditure
    where breakdown in (select placement_category from placement_categories)
    union all
    select
        period,
        municipality,
        district_group,
        district,
        'all' as breakdown,
        cast(sum(cast(expenditure as decimal(38, 6))) as double) as expenditure
    from expenditure
    where breakdown in (select placement_category from placement_categories)
    group by all

),

municipalities as (

    select
        municipality,
        district_group,
        district
    from geographies
    where level = 'municipality'

),

expenditure_breakdowns as (

    {{ spine_breakdowns('expenditure') }}

),

unit_cost_breakdowns as (

    {{ spine_breakdowns('unit_cost_per_child_year') }}

),

per_resident_breakdowns as (

    {{ spine_breakdowns('expenditure_per_resident_0_22') }}

),

expenditure_spine as (

    {{ kpi_spine(breakdowns='expenditure_breakdowns') }}

),

unit_cost_spine as (

    {{ kpi_spine(breakdowns='unit_cost_breakdowns') }}

),

per_resident_spine as (

    {{ kpi_spine(geographies='municipalities', breakdowns='per_resident_breakdowns') }}

),

expenditure_rows as (

    select {{ kpi_row('expenditure', 'coalesce(expenditure.expenditure, 0)', relation='spine') }}
    from expenditure_spine as spine
    left join expenditure
        using ({{ spine_keys() }})

),

-- person-years = placed days / days of the year, so the unit cost is taken from whole days
unit_cost_rows as (

    select
        {{ kpi_row('unit_cost_per_child_year', 'coalesce(placement_expenditure.expenditure, 0)',
                   'coalesce(child_years.person_years, 0)',
                   value='case when child_years.placed_days > 0 then coalesce(placement_expenditure.expenditure, 0) * child_years.days_in_year / child_years.placed_days end',
                   relation='spine') }}
    from unit_cost_spine as spine
    left join placement_expenditure
        using ({{ spine_keys() }})
    left join child_years
        using ({{ spine_keys() }})

),

per_resident_rows as (

    select
        {{ kpi_row('expenditure_per_resident_0_22', 'coalesce(expenditure.expenditure, 0)',
                   'population.residents_0_22', rate='ratio', relation='spine') }}
    from per_resident_spine as spine
    left join expenditure
        using ({{ spine_keys() }})
    left join population
        on spine.municipality = population.municipality
        and year(spine.period_start) = population.population_year

)

select * from expenditure_rows
union all
select * from unit_cost_rows
union all
select * from per_resident_rows
