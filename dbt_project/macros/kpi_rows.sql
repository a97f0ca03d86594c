{#- The shape every fct_kpi_* model delivers to kpi_values: kpi, the period keys, the geography,
    breakdown, numerator, denominator, value. -#}

{#- Keys shared by every KPI row. -#}
{% macro kpi_keys() -%}
{{ return(['period', 'period_type', 'period_start', 'period_end', 'breakdown']) }}
{%- endmacro %}

{#- Join the reporting periods (int_periods, as `periods`) a day falls in: its year, half-year
    and month. -#}
{% macro join_periods_containing(day) -%}
inner join {{ ref('int_periods') }} as periods
    on {{ day }} between periods.period_start and periods.period_end
{%- endmacro %}

{% macro percent(numerator, denominator) -%}
cast(case when {{ denominator }} > 0 then 100.0 * {{ numerator }} / {{ denominator }} end as double)
{%- endmacro %}

{% macro ratio(numerator, denominator) -%}
cast(case when {{ denominator }} > 0 then 1.0 * {{ numerator }} / {{ denominator }} end as double)
{%- endmacro %}

{#- The select list of one KPI row, keys and geography taken from `relation` (or unqualified).
    numerator and denominator are SQL expressions. A count has no denominator and is its own
    value; a rate needs `rate`: 'percent' (0-100) or 'ratio', null unless the denominator is
    positive. `value` replaces the computed value where the rate is not reported as
    numerator / denominator (placement_share divides whole days, not child-years). -#}
{% macro kpi_row(kpi, numerator, denominator=none, rate=none, value=none, relation=none) -%}
{%- set qualifier = relation ~ '.' if relation else '' -%}
{%- if value is not none -%}
    {%- set row_value = value -%}
{%- elif denominator is none -%}
    {%- set row_value = 'cast(' ~ numerator ~ ' as double)' -%}
{%- elif rate == 'percent' -%}
    {%- set row_value = percent(numerator, denominator) -%}
{%- elif rate == 'ratio' -%}
    {%- set row_value = ratio(numerator, denominator) -%}
{%- else -%}
    {{- exceptions.raise_compiler_error("kpi_row('" ~ kpi ~ "'): a rate needs rate='percent' or rate='ratio'") }}
{%- endif -%}
'{{ kpi }}' as kpi,
{{ qualifier }}period, {{ qualifier }}period_type, {{ qualifier }}period_start, {{ qualifier }}period_end,
{{ qualifier }}municipality, {{ qualifier }}district_group, {{ qualifier }}district, {{ qualifier }}breakdown,
cast({{ numerator }} as double) as numerator,
cast({{ 'null' if denominator is none else denominator }} as double) as denominator,
{{ row_value }} as value
{%- endmacro %}
