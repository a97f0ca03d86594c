{#- The shape every fct_kpi_* model delivers to kpi_values: kpi, the period keys, the geography,
    breakdown, numerator, denominator, value. -#}

{#- Keys shared by every KPI row. -#}
{% macro kpi_keys() -%}
    {{ return(['period', 'period_type', 'period_start', 'period_end', 'period_complete', 'breakdown']) }}
{%- endmacro %}

{#- A day counts in a period when it falls between the period's first day and its last elapsed
    day (its last day, or T's date in an incomplete period): what happened by T. -#}
{% macro in_elapsed_period(day, periods='periods') -%}
    {{ day }} between {{ periods }}.period_start and {{ periods }}.elapsed_end
{%- endmacro %}

{#- The spine of a KPI (docs/kpis.md, "No gaps"): every period x geography x breakdown, from
    three relations the model defines at its top (periods, geographies, breakdowns). A KPI's
    rows start from its spine and left-join what happened, so nothing is missing. -#}
{% macro kpi_spine(periods='periods', geographies='geographies', breakdowns='breakdowns') -%}
select
    spine_periods.period,
    spine_periods.period_type,
    spine_periods.period_start,
    spine_periods.period_end,
    spine_periods.period_complete,
    spine_geographies.municipality,
    spine_geographies.district_group,
    spine_geographies.district,
    spine_breakdowns.breakdown
from {{ periods }} as spine_periods
cross join {{ geographies }} as spine_geographies
cross join {{ breakdowns }} as spine_breakdowns
{%- endmacro %}

{#- Join what happened to the spine: the keys of one KPI row. -#}
{% macro spine_keys() -%}
    period, municipality, district_group, district, breakdown
{%- endmacro %}

{% macro percent(numerator, denominator) -%}
    cast(case when {{ denominator }} > 0 then 100.0 * {{ numerator }} / {{ denominator }} end as double)
{%- endmacro %}

{% macro ratio(numerator, denominator) -%}
    cast(case when {{ denominator }} > 0 then 1.0 * {{ numerator }} / {{ denominator }} end as double)
{%- endmacro %}

{#- The select list of one KPI row, keys and geography taken from `relation` (or unqualified).
    numerator and denominator are SQL expressions. A count has no denominator and is its own
    value; a rate needs `rate`: 'percent' (x 100: %, or per 100 child-years) or 'ratio', null
    unless the denominator is positive (the only blank value a KPI row may have). `value`
    replaces the computed value where the rate is not reported as numerator / denominator
    (a share of whole days, a rate per person-year computed from whole days). -#}
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
    cast('{{ kpi }}' as varchar) as kpi,
{{ qualifier }}period, {{ qualifier }}period_type, {{ qualifier }}period_start, {{ qualifier }}period_end,
{{ qualifier }}period_complete,
{{ qualifier }}municipality, {{ qualifier }}district_group, {{ qualifier }}district, {{ qualifier }}breakdown,
cast({{ numerator }} as double) as numerator,
cast({{ 'null' if denominator is none else denominator }} as double) as denominator,
cast({{ row_value }} as double) as value
{%- endmacro %}

{#- The breakdowns of a KPI's spine: its fixed ones (seed kpi_breakdowns, as the CTE
    `kpi_breakdowns` the model defines at its top) and, when the data define them (teams, sources,
    ladder moves), those `observed` in a relation of the model with a breakdown column. -#}
{% macro spine_breakdowns(kpi, observed=none) -%}
    select breakdown from kpi_breakdowns where kpi = '{{ kpi }}'
    {%- if observed %}
union
select breakdown from {{ observed }} where breakdown is not null
    {%- endif %}
{%- endmacro %}
