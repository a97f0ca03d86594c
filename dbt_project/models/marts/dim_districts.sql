-- Every district a case has been assigned to, with its district group (seed district_groups;
-- 'unmapped' when the seed does not know it), plus the seed's districts without cases yet.
with assigned as (

    select distinct
        municipality,
        district,
        district_group
    from {{ ref('int_case_assignments') }}

),

seeded as (

    select
        cast(municipality as varchar) as municipality,
        district,
        district_group
    from {{ ref('district_groups') }}

)

select * from assigned
union
select * from seeded
