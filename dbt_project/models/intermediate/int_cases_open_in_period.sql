-- Cases open in each period: opened on or before the period's last day and not closed before its
-- first day (docs/kpis.md). Choice: a case counts in the district and team it has on the last
-- day of the period it was open (its closing day, or the as-of date, when earlier).
with periods as (

    select * from {{ ref('int_periods') }}
    where period_start <= {{ as_of_date() }}

),

open_in_period as (

    select
        cases.municipality,
        cases.case_id,
        cases.child_id,
        periods.period,
        periods.period_type,
        periods.period_start,
        periods.period_end,
        least(periods.period_end, coalesce(cases.closed_date, periods.period_end), {{ as_of_date() }}) as attributed_date
    from {{ ref('int_cases') }} as cases
    inner join periods
        on cases.opened_date <= periods.period_end
        and (cases.closed_date is null or cases.closed_date >= periods.period_start)

)

select
    open_in_period.*,
    {{ assignment_geography() }},
    assignment.team
from open_in_period
{{ join_case_assignment('open_in_period', 'open_in_period.attributed_date') }}
