-- ladder_moves: counted ladder.moved events in the period by 'from>to' ('entry>3', '5>4',
-- '2>exit'), 'from' being the step the case's previous move left it on. Its spine: every kind of
-- move the feed holds (as of T), in every period and geography, 0 where it did not happen.
-- moved_down_from_institution: distinct children with a move from step 5 to step 0-4 in the
-- period before their 18th birthday (a move to exit is not a move down; children without a
-- known birth date are not counted). Both by the case's district on the day of the move.
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

ladder_moves as (

    select * from {{ ref('int_ladder_moves') }}

),

moves as (

    select
        periods.period,
        periods.period_type,
        periods.period_start,
        periods.period_end,
        periods.period_complete,
        ladder_moves.*
    from ladder_moves
    inner join periods
        on {{ in_elapsed_period('ladder_moves.occurred_date') }}

),

move_counts as (

    select
        {{ kpi_keys()[:-1] | join(', ') }}, move_label as breakdown,
        {{ geography_labels() }},
        count(*) as moves
    from moves
    group by {{ geography_grouping_sets(kpi_keys()[:-1] + ['move_label']) }}

),

moved_down as (

    select
        {{ kpi_keys()[:-1] | join(', ') }}, 'all' as breakdown,
        {{ geography_labels() }},
        count(distinct child_id) as children
    from moves
    where from_step = 5
        and to_step < 5
        and occurred_date < child_birth_date + interval 18 year
    group by {{ geography_grouping_sets(kpi_keys()[:-1]) }}

),

kinds_of_move as (

    select distinct move_label as breakdown from ladder_moves

),

move_breakdowns as (

    {{ spine_breakdowns('ladder_moves', observed='kinds_of_move') }}

),

moved_down_breakdowns as (

    {{ spine_breakdowns('moved_down_from_institution') }}

),

move_spine as (

    {{ kpi_spine(breakdowns='move_breakdowns') }}

),

moved_down_spine as (

    {{ kpi_spine(breakdowns='moved_down_breakdowns') }}

)

select {{ kpi_row('ladder_moves', 'coalesce(move_counts.moves, 0)', relation='spine') }}
from move_spine as spine
left join move_counts
    using ({{ spine_keys() }})
union all
select
    {{ kpi_row(
        'moved_down_from_institution', 'coalesce(moved_down.children, 0)', relation='spine',
    ) }}
from moved_down_spine as spine
left join moved_down
    using ({{ spine_keys() }})
