-- The follow-up KPIs in the columns of kpi_values: followups_per_case and
-- followup_compliance_{herning,legal,planned}, by period of int_periods, at municipality,
-- district-group and district level (the geography macros).

{%- set compliance_kpis = var('followup_compliance_kpis', {
    'herning_2015': 'followup_compliance_herning',
    'legal_minimum': 'followup_compliance_legal',
    'planned': 'followup_compliance_planned',
}) %}
{%- set breakdown_of_episode -%}
case when placement_category is not null then placement_category when step in (1, 2) then 'preventive' end
{%- endset %}

with matches as (
    select * from {{ ref('int_followup_matches') }}
),

followups_held as (
    select * from {{ ref('int_followups_held') }}
),

episodes as (
    select * from {{ ref('int_measure_episodes') }}
    where episode_start <= {{ as_of_date() }}
),

-- Every counted item as a date range (a single day for a due date or a follow-up; the days an
-- episode covers, up to the as-of date, for a case with an episode), what it adds to the
-- numerator and to the denominator: a due date counts once, a case once however many of its
-- episodes are active (count distinct).
compliance_items as (
    select
        case schedule
            {%- for schedule, kpi in compliance_kpis.items() %}
            when '{{ schedule }}' then '{{ kpi }}'
            {%- endfor %}
        end as kpi,
        due_date as item_first_day,
        due_date as item_last_day,
        municipality,
        district_group,
        district,
        {{ breakdown_of_episode }} as episode_breakdown,
        cast(is_met as integer) as numerator_items,
        1 as denominator_items,
        cast(null as varchar) as denominator_case_id
    from matches
    where schedule in ({% for schedule in compliance_kpis %}'{{ schedule }}'{{ ", " if not loop.last }}{% endfor %})
),

-- followups_per_case: statutory follow-ups held, over the cases with an episode of the
-- breakdown active in the period. A follow-up counts under the breakdown of the episode it
-- belongs to.
statutory_followup_items as (
    select
        'followups_per_case' as kpi,
        occurred_date as item_first_day,
        occurred_date as item_last_day,
        municipality,
        district_group,
        district,
        {{ breakdown_of_episode }} as episode_breakdown,
        1 as numerator_items,
        0 as denominator_items,
        cast(null as varchar) as denominator_case_id
    from followups_held
    where statutory and measure_episode_id is not null
),

case_episode_items as (
    select
        'followups_per_case' as kpi,
        episode_start as item_first_day,
        least(coalesce(episode_end - 1, {{ as_of_date() }}), {{ as_of_date() }}) as item_last_day,
        municipality,
        district_group,
        district,
        {{ breakdown_of_episode }} as episode_breakdown,
        0 as numerator_items,
        0 as denominator_items,
        case_id as denominator_case_id
    from episodes
),

items as (
    select * from compliance_items
    union all
    select * from statutory_followup_items
    union all
    select * from case_episode_items
),

-- Compliance is also reported over all measures (`all`); followups_per_case only by
-- placement category and `preventive`.
items_by_breakdown as (
    select items.* exclude (episode_breakdown), breakdowns.breakdown
    from items,
        unnest(
            case
                when kpi = 'followups_per_case' then [episode_breakdown]
                else ['all', episode_breakdown]
            end
        ) as breakdowns(breakdown)
    where breakdowns.breakdown is not null
),

periods as (
    select period, period_type, period_start, period_end from {{ ref('int_periods') }}
),

aggregated as (
    select
        items_by_breakdown.kpi,
        periods.period,
        periods.period_type,
        periods.period_start,
        periods.period_end,
        {{ geography_labels() }},
        items_by_breakdown.breakdown,
        cast(sum(items_by_breakdown.numerator_items) as double) as numerator,
        cast(
            sum(items_by_breakdown.denominator_items)
            + count(distinct items_by_breakdown.denominator_case_id)
            as double
        ) as denominator
    from items_by_breakdown
    inner join periods
        on items_by_breakdown.item_first_day <= periods.period_end
        and items_by_breakdown.item_last_day >= periods.period_start
    group by {{ geography_grouping_sets(['kpi'] + kpi_keys()) }}
)

-- A denominator of 0 (follow-ups held in a period where no episode of their category was
-- active) gives no row: kpi_values and the export carry only rows with a value.
select
    kpi,
    period,
    period_type,
    period_start,
    period_end,
    municipality,
    district_group,
    district,
    breakdown,
    numerator,
    denominator,
    round(
        case
            when kpi = 'followups_per_case' then {{ ratio('numerator', 'denominator') }}
            else {{ percent('numerator', 'denominator') }}
        end,
        4
    ) as value,
    case when kpi = 'followups_per_case' then 'follow-ups per case' else '%' end as unit
from aggregated
where denominator > 0
