-- Every KPI of docs/kpis.md in one long table: the export contract plus period bookkeeping.
-- Each fct_kpi_* model delivers its KPIs on their full spine (docs/kpis.md, "No gaps"): a row for
-- every period, geography and breakdown, 0 where nothing happened; a rate's value is blank only
-- where its denominator is 0. value is rounded to 4 decimals here, once; percentages are 0-100;
-- unit comes from the kpi_catalogue seed; period_complete is false for a period ending after
-- T's date.
{%- set kpi_models = [
    'fct_kpi_placement',
    'fct_kpi_cases_by_step',
    'fct_kpi_ladder_moves',
    'fct_kpi_breakdown_rate',
    'fct_kpi_complaint_rate',
    'fct_kpi_expenditure',
    'fct_kpi_caseload',
    'fct_kpi_notifications',
    'fct_kpi_sdq_mean',
    'fct_kpi_not_placed_one_year_after',
    'fct_kpi_followups',
] %}

with
{% for model in kpi_models %}
    {{ model }} as (

        select * from {{ ref(model) }}

    ),
{% endfor %}

catalogue as (

    select
        kpi,
        unit
    from {{ ref('kpi_catalogue') }}

),

kpi_rows as (

    {% for model in kpi_models %}
        select
            kpi,
            period,
            period_type,
            period_start,
            period_end,
            period_complete,
            municipality,
            district_group,
            district,
            breakdown,
            numerator,
            denominator,
            value
        from {{ model }}
        {% if not loop.last %}union all{% endif %}
    {% endfor %}

)

select
    cast(kpi_rows.kpi as varchar) as kpi,
    cast(kpi_rows.period as varchar) as period,
    cast(kpi_rows.period_type as varchar) as period_type,
    cast(kpi_rows.period_start as date) as period_start,
    cast(kpi_rows.period_end as date) as period_end,
    cast(kpi_rows.period_complete as boolean) as period_complete,
    cast(kpi_rows.municipality as varchar) as municipality,
    cast(kpi_rows.district_group as varchar) as district_group,
    cast(kpi_rows.district as varchar) as district,
    cast(kpi_rows.breakdown as varchar) as breakdown,
    cast(kpi_rows.numerator as double) as numerator,
    cast(kpi_rows.denominator as double) as denominator,
    cast(round(kpi_rows.value, 4) as double) as value,
    cast(catalogue.unit as varchar) as unit
from kpi_rows
left join catalogue
    on kpi_rows.kpi = catalogue.kpi
