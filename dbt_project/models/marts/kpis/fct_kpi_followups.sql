-- The follow-up KPIs (docs/kpis.md), at municipality, district-group and district level, the
-- district being the case's at the episode's start:
-- followup_compliance_herning / _legal / _planned ('all', category, 'preventive'): due dates of
-- int_followup_matches under the rule set herning_2015 / legal_minimum / the planned next_due
-- dates (var('followup_compliance_kpis')) falling in the period, and how many were met, in %.
-- followups_per_case (category, 'preventive'): statutory follow-ups held in the period under the
-- breakdown of the episode they belong to, scaled to a half-year (a year's / 2, a month's x 6,
-- an incomplete period's also / its elapsed share), over the distinct cases with an episode of
-- that breakdown active in the period up to T's date.
-- 'preventive' = an episode on step 1-2 without a placement category. Every period, geography
-- and breakdown has a row; the value is blank where the denominator is 0.
{%- set compliance_kpis = var('followup_compliance_kpis') %}
{%- set breakdown_of_episode = "case when placement_category is not null then placement_category"
    ~ " when step in (1, 2) then 'preventive' end" %}

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

matches as (

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
-- episode covers, up to T's date, for a case with an episode), what it adds to the numerator
-- and to the denominator: a due date counts once, a case once however many of its episodes
-- are active (count distinct).
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
    where schedule in ({{ "'" ~ compliance_kpis | join("', '") ~ "'" }})

),

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

-- Compliance is also reported over all measures ('all'); followups_per_case only by placement
-- category and 'preventive'.
items_by_breakdown as (

    select
        items.* exclude (items.episode_breakdown),
        breakdowns.breakdown
    from items,
        unnest(
            case
                when items.kpi = 'followups_per_case' then [items.episode_breakdown]
                else ['all', items.episode_breakdown]
            end
        ) as breakdowns (breakdown)
    where breakdowns.breakdown is not null

),

counted as (

    select
        items_by_breakdown.kpi,
        periods.period,
        periods.period_type,
        periods.period_start,
        periods.period_end,
        periods.period_complete,
        {{ geography_labels() }},
        items_by_breakdown.breakdown,
        sum(items_by_breakdown.numerator_items) as numerator_items,
        sum(items_by_breakdown.denominator_items)
        + count(distinct items_by_breakdown.denominator_case_id) as denominator_items
    from items_by_breakdown
    inner join periods
        on items_by_breakdown.item_first_day <= periods.elapsed_end
        and items_by_breakdown.item_last_day >= periods.period_start
    group by {{ geography_grouping_sets(['kpi'] + kpi_keys()) }}

),

-- a half-year's worth of follow-ups from a period's: x 6 / its months, and / its elapsed share
half_year_scale as (

    select
        period,
        6.0 / months_in_period * days_in_period / elapsed_days as followups_scale
    from periods

),

{% for kpi in ['followups_per_case'] + compliance_kpis.values() | list %}
    {{ kpi }}_counts as (

        select * from counted
        where kpi = '{{ kpi }}'

    ),

    {{ kpi }}_breakdowns as (

        {{ spine_breakdowns(kpi) }}

    ),

    {{ kpi }}_spine as (

        {{ kpi_spine(breakdowns=kpi ~ '_breakdowns') }}

    ),

{% endfor %}

followups_per_case_rows as (

    select
        {{ kpi_row('followups_per_case',
                   'coalesce(counts.numerator_items, 0) * half_year_scale.followups_scale',
                   'coalesce(counts.denominator_items, 0)', rate='ratio', relation='spine') }}
    from followups_per_case_spine as spine
    left join followups_per_case_counts as counts
        using ({{ spine_keys() }})
    left join half_year_scale
        on spine.period = half_year_scale.period

)

select * from followups_per_case_rows
{% for kpi in compliance_kpis.values() %}
    union all
    select
    {{ kpi_row(kpi, 'coalesce(counts.numerator_items, 0)', 'coalesce(counts.denominator_items, 0)',
               rate='percent', relation='spine') }}
    from {{ kpi }}_spine as spine
    left join {{ kpi }}_counts as counts
        using ({{ spine_keys() }})
{% endfor %}
