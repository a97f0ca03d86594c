{#- Body of every stg_<table> model: typed envelope + payload columns, as of var('as_of').
    Silver is already deduplicated; retracted rows are kept there and dropped here, and so are
    the events the quality gate holds in its quarantine for this build (var('quarantine_path'),
    written by expectations.gate.screen before dbt runs): the one place the marts leave them
    out. -#}
-- Jinja loops inside the select trip the indent rule, so it is off for this macro
-- noqa: disable=LT02
{% macro staged_events(source_table, payload_columns) %}
with source as (

    select * from {{ source('silver', source_table) }}

),

as_of_events as (

    select
        cast(event_id as varchar) as event_id,
        cast(event_type as varchar) as event_type,
        cast(schema_version as integer) as schema_version,
        cast(occurred_at as timestamptz) as occurred_at,
        cast(occurred_date as date) as occurred_date,
        cast(recorded_at as timestamptz) as recorded_at,
        cast(municipality as varchar) as municipality,
        cast(case_id as varchar) as case_id,
        cast(child_id as varchar) as child_id,
        cast(caseworker_id as varchar) as caseworker_id
        {%- for column_name, column_type in payload_columns %},
        cast({{ column_name }} as {{ column_type }}) as {{ column_name }}
        {%- endfor %}
    from source
    where
        {{ as_of_condition() }}
        {%- if var('quarantine_path') %}
        and event_id not in (
            select held.event_id
            from read_parquet('{{ var("quarantine_path") }}') as held
        )
        {%- endif %}

)

select * from as_of_events
{% endmacro %}
