-- Who holds a case when: one row per case.opened / case.transferred, valid from its local date
-- until the next one (exclusive). The first assignment is also used for anything that happens
-- before the case's opening date (effective_from = 0001-01-01), e.g. the notification that led
-- to it, so every case event gets a district.
with openings as (

    select
        municipality,
        case_id,
        event_id,
        occurred_at,
        recorded_at,
        occurred_date,
        district,
        team,
        caseworker_id
    from {{ ref('stg_case_opened') }}

),

transfers as (

    select
        municipality,
        case_id,
        event_id,
        occurred_at,
        recorded_at,
        occurred_date,
        district,
        team,
        payload_caseworker_id as caseworker_id
    from {{ ref('stg_case_transferred') }}

),

assignments as (

    select * from openings
    union all
    select * from transfers

),

sequenced as (

    select
        *,
        row_number() over case_history as assignment_seq,
        lead(occurred_date) over case_history as valid_to
    from assignments
    window
        case_history as (
            partition by municipality, case_id order by occurred_at, recorded_at, event_id
        )

),

district_groups as (

    select
        cast(municipality as varchar) as municipality,
        district,
        district_group
    from {{ ref('district_groups') }}

)

select
    sequenced.municipality,
    sequenced.case_id,
    sequenced.event_id as assignment_event_id,
    sequenced.assignment_seq,
    sequenced.occurred_date as valid_from,
    case when sequenced.assignment_seq = 1 then date '0001-01-01' else sequenced.occurred_date end
        as effective_from,
    sequenced.valid_to,
    sequenced.district,
    coalesce(district_groups.district_group, 'unmapped') as district_group,
    sequenced.team,
    sequenced.caseworker_id
from sequenced
left join district_groups
    on sequenced.municipality = district_groups.municipality
    and sequenced.district = district_groups.district
