-- One row per case: when it opened and closed (as of var('as_of')), the child and birth date, and
-- the assignment it has now. A case closed and opened again later counts as open (closed_date
-- null) when its last opening is after its last closing.
with openings as (

    select
        municipality,
        case_id,
        min(occurred_date) as opened_date,
        max(occurred_date) as last_opened_date,
        arg_min(child_id, occurred_at) as child_id,
        arg_min(
            coalesce(birth_date, cast(strptime(birth_month || '-01', '%Y-%m-%d') as date)),
            occurred_at
        ) as child_birth_date
    from "staging"."main"."stg_case_opened"
    group by municipality, case_id

),

closings as (

    select
        municipality,
        case_id,
        max(occurred_date) as last_closed_date
    from "staging"."main"."stg_case_closed"
    group by municipality, case_id

),

current_assignment as (

    select *
    from "staging"."main"."int_case_assignments"
    where valid_to is null

)

select
    openings.municipality,
    openings.case_id,
    openings.child_id,
    openings.child_birth_date,
    openings.opened_date,
    case
        when closings.last_closed_date >= openings.last_opened_date then closings.last_closed_date
    end as closed_date,
    current_assignment.district,
    current_assignment.district_group,
    current_assignment.team,
    current_assignment.caseworker_id
from openings
left join closings
    on openings.municipality = closings.municipality
    and openings.case_id = closings.case_id
left join current_assignment
    on openings.municipality = current_assignment.municipality
    and openings.case_id = current_assignment.case_id