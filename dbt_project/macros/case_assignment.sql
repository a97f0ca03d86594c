{#- Join the case's assignment (district, group, team, caseworker) in force on a local date, from
    `assignments` (a CTE over int_case_assignments that the model defines at its top). -#}
{% macro join_case_assignment(event_alias, on_date, assignments='assignments', alias='assignment') -%}
    left join {{ assignments }} as {{ alias }}
    on {{ event_alias }}.municipality = {{ alias }}.municipality
    and {{ event_alias }}.case_id = {{ alias }}.case_id
    and {{ on_date }} >= {{ alias }}.effective_from
    and ({{ alias }}.valid_to is null or {{ on_date }} < {{ alias }}.valid_to)
{%- endmacro %}

{#- The geography columns of a joined assignment; cases never opened fall under 'unknown'
    ('unmapped'), a geography int_geographies adds for them. -#}
{% macro assignment_geography(alias='assignment') -%}
    coalesce({{ alias }}.district, 'unknown') as district,
coalesce({{ alias }}.district_group, 'unmapped') as district_group
{%- endmacro %}
