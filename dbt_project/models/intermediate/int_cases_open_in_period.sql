-- Cases open in each period: opened on or before the period's last elapsed day (its last day, or
-- T's date in an incomplete period) and not closed before its first day (docs/kpis.md). Choice: a
-- case counts in the district and team it has on the last day of the period it was open (its
-- closing day, or the last elapsed day, when earlier).
with periods as (

    select * from {{ ref('int_periods') }}

),

cases as (

    select * from {{ ref('int_cases') }}

),

assignments as (

    select * from {{ ref('int_case_assignments') }}

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
        periods.period_complete,
        least(periods.elapsed_end, coalesce(cases.closed_date, periods.elapsed_end))
            as attributed_date
    from cases
    inner join periods
        on cases.opened_date <= periods.elapsed_end
        and (cases.closed_date is null or cases.closed_date >= periods.period_start)

)

select
    open_in_period.*,
    {{ assignment_geography() }},
    assignment.team
from open_in_period
{{ join_case_assignment('open_in_period', 'open_in_period.attributed_date') }}
