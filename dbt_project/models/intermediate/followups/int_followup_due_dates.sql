-- One row per due follow-up: episode x rule set x due date, from the rules in the
-- `followup_rules` seed. Only due dates that count are kept: before the episode's end
-- (exclusive) and on or before the as-of date.


with episodes as (
    select * from {{ ref('int_measure_episodes') }}
),

-- The seed's optional columns arrive as text (see the seed's yml); a blank is "any".
rules as (
    select
        rule_set,
        rule_name,
        priority,
        nullif(match_measure_type, '') as match_measure_type,
        nullif(match_placement_category, '') as match_placement_category,
        cast(nullif(match_short_term, '') as boolean) as match_short_term,
        cast(nullif(match_step_min, '') as integer) as match_step_min,
        cast(nullif(match_step_max, '') as integer) as match_step_max,
        first_offset_value,
        first_offset_unit,
        interval_value,
        interval_unit,
        cast(nullif(after_one_year_interval_value, '') as integer) as after_one_year_interval_value,
        nullif(after_one_year_interval_unit, '') as after_one_year_interval_unit
    from {{ ref('followup_rules') }}
),

-- Per rule set, the one rule that applies to each episode: the lowest priority among those
-- whose non-empty match columns all agree with the episode.
episode_rules as (
    select
        rules.rule_set,
        rules.rule_name,
        rules.first_offset_value,
        rules.first_offset_unit,
        rules.interval_value,
        rules.interval_unit,
        rules.after_one_year_interval_value,
        rules.after_one_year_interval_unit,
        episodes.*,
        least(
            coalesce(episodes.episode_end - 1, {{ as_of_date() }}),
            {{ as_of_date() }}
        ) as last_countable_date,
        cast(episodes.episode_start + interval 1 year as date) as one_year_after_start
    from episodes
    inner join rules
        on (rules.match_measure_type is null or rules.match_measure_type = episodes.measure_type)
        and (
            rules.match_placement_category is null
            or rules.match_placement_category = episodes.placement_category
        )
        and (rules.match_short_term is null or rules.match_short_term = episodes.short_term)
        and (rules.match_step_min is null or episodes.step >= rules.match_step_min)
        and (rules.match_step_max is null or episodes.step <= rules.match_step_max)
    qualify row_number() over (
            partition by rules.rule_set, episodes.measure_episode_id
            order by rules.priority, rules.rule_name
        ) = 1
),

unit_lengths as (
    select
        *,
        case first_offset_unit when 'week' then interval 7 day else interval 1 month end
            as first_offset_unit_interval,
        case interval_unit when 'week' then interval 7 day else interval 1 month end
            as interval_unit_interval,
        case after_one_year_interval_unit when 'week' then interval 7 day else interval 1 month end
            as after_one_year_unit_interval,
        -- An upper bound on how many due dates fit before the last countable date: a month is
        -- at least 28 days.
        greatest(
            (last_countable_date - episode_start)
            // (interval_value * case interval_unit when 'week' then 7 else 28 end) + 2,
            0
        ) as max_base_dates
    from episode_rules
),

-- The base series d_k. Each date is computed from its anchor, never by chaining, so calendar
-- month clamping (Jan 31 + 1 month = Feb 28) does not drift: with the same unit for offset and
-- interval the anchor is the episode's start (start + (offset + (k-1) x interval) units),
-- otherwise the first due date (d_1 + (k-1) x interval units).
base_series as (
    select
        unit_lengths.*,
        series.k as base_index,
        cast(
            case
                when first_offset_unit = interval_unit
                    then episode_start
                        + (first_offset_value + (series.k - 1) * interval_value)
                        * interval_unit_interval
                else cast(episode_start + first_offset_value * first_offset_unit_interval as date)
                    + (series.k - 1) * interval_value * interval_unit_interval
            end
            as date
        ) as due_date
    from unit_lengths, range(1, unit_lengths.max_base_dates + 1) as series (k)
),

-- Rules with an interval after one year (foster care in herning_2015): the base series runs
-- up to and including the date one year after the start; later due dates come every
-- after-one-year interval counted from the last base due date on or before that mark.
after_one_year_anchors as (
    select
        rule_set,
        measure_episode_id,
        max(due_date) as anchor_date
    from base_series
    where after_one_year_interval_value is not null
        and due_date <= one_year_after_start
    group by rule_set, measure_episode_id
),

after_one_year_series as (
    select
        unit_lengths.*,
        series.k as later_index,
        cast(
            anchors.anchor_date
            + series.k * unit_lengths.after_one_year_interval_value
            * unit_lengths.after_one_year_unit_interval
            as date
        ) as due_date
    from unit_lengths
    inner join after_one_year_anchors as anchors
        on anchors.rule_set = unit_lengths.rule_set
        and anchors.measure_episode_id = unit_lengths.measure_episode_id,
        range(
            1,
            greatest(
                (unit_lengths.last_countable_date - anchors.anchor_date)
                // (
                    unit_lengths.after_one_year_interval_value
                    * case unit_lengths.after_one_year_interval_unit when 'week' then 7 else 28 end
                )
                + 2,
                1
            )
        ) as series (k)
),

all_due_dates as (
    select * exclude (base_index)
    from base_series
    where after_one_year_interval_value is null
        or due_date <= one_year_after_start
    union all by name
    select * exclude (later_index)
    from after_one_year_series
),

numbered as (
    select
        *,
        row_number() over (
            partition by rule_set, measure_episode_id order by due_date
        ) as due_index,
        lag(due_date) over (
            partition by rule_set, measure_episode_id order by due_date
        ) as previous_due_date
    from all_due_dates
)

select
    rule_set,
    rule_name,
    {{ followup_episode_columns() }},
    episode_start,
    episode_end,
    due_index,
    due_date,
    previous_due_date
from numbered
where due_date <= last_countable_date
