{#- The episode columns every due follow-up carries (int_followup_due_dates, int_followup_matches),
    taken from `relation` or unqualified. -#}
{% macro followup_episode_columns(relation=none) -%}
    {%- set qualifier = relation ~ '.' if relation else '' -%}
{%- for column in ['measure_episode_id', 'municipality', 'case_id', 'child_id', 'district_group',
                   'district', 'measure_id', 'measure_type', 'step', 'placement_category'] -%}
        {{ qualifier }}{{ column }}{{ ', ' if not loop.last }}
    {%- endfor -%}
{%- endmacro %}
