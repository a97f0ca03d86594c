-- Every KPI starts from its spine (int_geographies) and left-joins what happened: a fact in a
-- geography the spine lacks would be lost. The geographies facts are counted in all come from
-- these models; each must be in int_geographies.
with geographies as (

    select
        municipality,
        district_group,
        district
    from {{ ref('int_geographies') }}

),

fact_geographies as (

    select distinct
        'int_measure_episodes' as model,
        municipality,
        district_group,
        district
    from {{ ref('int_measure_episodes') }}
    union
    select distinct
        'int_ladder_moves',
        municipality,
        district_group,
        district
    from {{ ref('int_ladder_moves') }}
    union
    select distinct
        'int_case_step_snapshots',
        municipality,
        district_group,
        district
    from {{ ref('int_case_step_snapshots') }}
    union
    select distinct
        'int_cases_open_in_period',
        municipality,
        district_group,
        district
    from {{ ref('int_cases_open_in_period') }}
    union
    select distinct
        'int_expenditure',
        municipality,
        district_group,
        district
    from {{ ref('int_expenditure') }}
    union
    select distinct
        'int_followup_matches',
        municipality,
        district_group,
        district
    from {{ ref('int_followup_matches') }}

)

select fact_geographies.*
from fact_geographies
anti join geographies
    using (municipality, district_group, district)
