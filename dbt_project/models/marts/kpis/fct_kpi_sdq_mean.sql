-- sdq_mean: mean SDQ total difficulties of the assessments in the period, by informant
-- (teacher, parent, self; never mixed), in the case's district on the day of the assessment.
-- numerator = sum of scores, denominator = number of assessments. Every period, geography and
-- informant has a row; the mean is blank where no one was assessed.
with periods as (

    select * from {{ ref('int_periods') }}

),

geographies as (

    select
        municipality,
        district_group,
        district
    from {{ ref('int_geographies') }}

),

kpi_breakdowns as (

    select
        kpi,
        breakdown
    from {{ ref('kpi_breakdowns') }}

),

assessment_events as (

    select * from {{ ref('stg_wellbeing_assessed') }}

),

assignments as (

    select * from {{ ref('int_case_assignments') }}

),

assessments as (

    select
        assessment_events.event_id,
        assessment_events.municipality,
        assessment_events.occurred_date,
        assessment_events.informant,
        assessment_events.total_difficulties,
        {{ assignment_geography() }}
    from assessment_events
    {{ join_case_assignment('assessment_events', 'assessment_events.occurred_date') }}
    where assessment_events.instrument = 'SDQ'
        and assessment_events.total_difficulties is not null

),

by_period as (

    select
        periods.period,
        periods.period_type,
        periods.period_start,
        periods.period_end,
        periods.period_complete,
        assessments.municipality,
        assessments.district_group,
        assessments.district,
        assessments.informant as breakdown,
        assessments.total_difficulties
    from assessments
    inner join periods
        on {{ in_elapsed_period('assessments.occurred_date') }}

),

summed as (

    select
        {{ kpi_keys() | join(', ') }},
        {{ geography_labels() }},
        sum(total_difficulties) as score_sum,
        count(*) as assessments
    from by_period
    group by {{ geography_grouping_sets(kpi_keys()) }}

),

spine_breakdowns as (

    {{ spine_breakdowns('sdq_mean', observed='summed') }}

),

spine as (

    {{ kpi_spine(breakdowns='spine_breakdowns') }}

)

select
    {{ kpi_row('sdq_mean', 'coalesce(summed.score_sum, 0)', 'coalesce(summed.assessments, 0)',
               rate='ratio', relation='spine') }}
from spine
left join summed
    using ({{ spine_keys() }})
