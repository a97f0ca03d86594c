{#- Every KPI is reported per district, per district group and municipality-wide. Facts carry
    municipality, district_group and district; these grouping sets roll them up, and
    geography_labels() names the rolled-up levels 'all' (grouping(), so a real null is not 'all'). -#}
{% macro geography_grouping_sets(keys) -%}
grouping sets (
    ({{ keys | join(', ') }}, municipality, district_group, district),
    ({{ keys | join(', ') }}, municipality, district_group),
    ({{ keys | join(', ') }}, municipality)
)
{%- endmacro %}

{% macro geography_labels() -%}
municipality,
case when grouping(district_group) = 1 then 'all' else district_group end as district_group,
case when grouping(district) = 1 then 'all' else district end as district
{%- endmacro %}

{#- Days of [start, end_exclusive) inside [period_start, period_end]; 0 when disjoint. -#}
{% macro overlap_days(start, end_exclusive, period_start, period_end) -%}
    greatest(0, datediff('day', greatest({{ start }}, {{ period_start }}), least({{ end_exclusive }}, {{ period_end }} + 1)))
{%- endmacro %}
