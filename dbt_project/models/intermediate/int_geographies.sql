-- The geographies every KPI is reported for (its spine, docs/kpis.md "No gaps"): each
-- municipality in the feed as a whole (district_group = district = 'all'), each of its district
-- groups (district = 'all') and each district. Districts are those of the district_groups seed
-- and those cases were assigned to; cases the feed names without any assignment (no case.opened
-- or case.transferred yet) are counted under 'unmapped' / 'unknown', which then is a district
-- of its municipality too.
with feed_cases as (

    select * from {{ ref('int_feed_cases') }}

),

assignments as (

    select * from {{ ref('int_case_assignments') }}

),

seeded_districts as (

    select
        cast(municipality as varchar) as municipality,
        cast(district_group as varchar) as district_group,
        cast(district as varchar) as district
    from {{ ref('district_groups') }}

),

municipalities as (

    select distinct municipality from feed_cases

),

districts as (

    select seeded_districts.*
    from seeded_districts
    inner join municipalities
        on seeded_districts.municipality = municipalities.municipality
    union
    select
        municipality,
        district_group,
        district
    from assignments
    union
    select
        feed_cases.municipality,
        'unmapped' as district_group,
        'unknown' as district
    from feed_cases
    anti join assignments
        on feed_cases.municipality = assignments.municipality
        and feed_cases.case_id = assignments.case_id

)

select
    municipality,
    'all' as district_group,
    'all' as district,
    'municipality' as level
from municipalities
union all
select distinct
    municipality,
    district_group,
    'all' as district,
    'district_group' as level
from districts
union all
select
    municipality,
    district_group,
    district,
    'district' as level
from districts
