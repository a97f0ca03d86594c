-- Per case, a fingerprint of its rows in each case-keyed model the incremental projections read
-- (macros/incremental.sql): md5 over the JSON of the case's rows in a fixed order, so equal rows
-- give equal prints and any change to a case (a late event, a retraction, a transfer, a
-- quarantined event, a seed's new mapping) gives another. (A table's alias is its row as a struct,
-- which sqlfluff cannot see: hence the noqa.)
with measure_episodes as (

    select
        municipality,
        case_id,
        md5(cast(to_json(list(episodes order by episodes)) as varchar))
            as measure_episodes_fingerprint
    from {{ ref('int_measure_episodes') }} as episodes  -- noqa: AL05
    group by municipality, case_id

),

cases as (

    select
        municipality,
        case_id,
        md5(cast(to_json(list(cases order by cases)) as varchar)) as cases_fingerprint
    from {{ ref('int_cases') }} as cases  -- noqa: AL05
    group by municipality, case_id

),

assignments as (

    select
        municipality,
        case_id,
        md5(cast(to_json(list(assignments order by assignments)) as varchar))
            as assignments_fingerprint
    from {{ ref('int_case_assignments') }} as assignments  -- noqa: AL05
    group by municipality, case_id

),

decisions as (

    select
        municipality,
        case_id,
        md5(cast(to_json(list(decisions order by decisions)) as varchar)) as decisions_fingerprint
    from {{ ref('stg_decision_made') }} as decisions  -- noqa: AL05
    group by municipality, case_id

),

case_keys as (

    select
        municipality,
        case_id
    from measure_episodes
    union
    select
        municipality,
        case_id
    from cases
    union
    select
        municipality,
        case_id
    from assignments
    union
    select
        municipality,
        case_id
    from decisions

)

select
    case_keys.municipality,
    case_keys.case_id,
    measure_episodes.measure_episodes_fingerprint,
    cases.cases_fingerprint,
    assignments.assignments_fingerprint,
    decisions.decisions_fingerprint
from case_keys
left join measure_episodes
    on case_keys.municipality = measure_episodes.municipality
    and case_keys.case_id = measure_episodes.case_id
left join cases
    on case_keys.municipality = cases.municipality
    and case_keys.case_id = cases.case_id
left join assignments
    on case_keys.municipality = assignments.municipality
    and case_keys.case_id = assignments.case_id
left join decisions
    on case_keys.municipality = decisions.municipality
    and case_keys.case_id = decisions.case_id
