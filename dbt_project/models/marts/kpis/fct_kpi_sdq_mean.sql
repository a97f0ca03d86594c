-- sdq_mean: mean SDQ total difficulties of the assessments in the period, by informant
-- (teacher, parent, self; never mixed), in the case's district on the day of the assessment.
-- numerator = sum of scores, denominator = number of assessments.
with assessments as (

    select
        assessments.event_id,
        assessments.municipality,
        assessments.occurred_date,
        assessments.informant,
        assessments.total_difficulties,
        {{ assignment_geography() }}
    from {{ ref('stg_wellbeing_assessed') }} as assessments
    {{ join_case_assignment('assessments', 'assessments.occurred_date') }}
    where assessments.instrument = 'SDQ'
        and assessments.total_difficulties is not null

),

by_period as (

    select periods.period, periods.period_type, periods.period_start, periods.period_end,
        assessments.municipality, assessments.district_group, assessments.district,
        assessments.informant as breakdown, assessments.total_difficulties
    from assessments
    {{ join_periods_containing('assessments.occurred_date') }}

),

summed as (

    select
        {{ kpi_keys() | join(', ') }},
        {{ geography_labels() }},
        sum(total_difficulties) as score_sum,
        count(*) as assessments
    from by_period
    group by {{ geography_grouping_sets(kpi_keys()) }}

)

select {{ kpi_row('sdq_mean', 'score_sum', 'assessments', rate='ratio') }}
from summed
