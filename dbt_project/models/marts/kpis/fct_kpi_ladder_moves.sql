-- ladder_moves: counted ladder.moved events in the period by 'from>to' ('entry>3', '5>4',
-- '2>exit'), 'from' being the step the case's previous move left it on.
-- moved_down_from_institution: distinct children with a move from step 5 to step 0-4 in the
-- period before their 18th birthday (a move to exit is not a move down; children without a
-- known birth date are not counted). Both by the case's district on the day of the move.
with moves as (

    select
        periods.period, periods.period_type, periods.period_start, periods.period_end,
        moves.*
    from {{ ref('int_ladder_moves') }} as moves
    {{ join_periods_containing('moves.occurred_date') }}

),

move_counts as (

    select
        period, period_type, period_start, period_end, move_label as breakdown,
        {{ geography_labels() }},
        count(*) as moves
    from moves
    group by {{ geography_grouping_sets(['period', 'period_type', 'period_start', 'period_end', 'move_label']) }}

),

moved_down as (

    select
        period, period_type, period_start, period_end, 'all' as breakdown,
        {{ geography_labels() }},
        count(distinct child_id) as children
    from moves
    where from_step = 5
        and to_step < 5
        and occurred_date < child_birth_date + interval 18 year
    group by {{ geography_grouping_sets(kpi_keys()[:-1]) }}

)

select {{ kpi_row('ladder_moves', 'moves') }}
from move_counts
union all
select {{ kpi_row('moved_down_from_institution', 'children') }}
from moved_down
