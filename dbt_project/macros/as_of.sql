{#- The one as-of rule (docs/architecture.md): an event counts at T when it was recorded by T and
    not retracted by a retraction that itself was recorded by T. Applied only in staging. -#}
{% macro as_of_condition() %}
    {%- if var('as_of') -%}
    recorded_at <= {{ as_of_timestamp() }}
    and (retracted_at is null or retracted_at > {{ as_of_timestamp() }})
  {%- else -%}
        retracted_at is null
    {%- endif -%}
{% endmacro %}

{% macro as_of_timestamp() -%}
    cast('{{ var("as_of") }}' as timestamptz)
{%- endmacro %}

{#- Local date up to which open spans (episodes, cases) are counted. -#}
{% macro as_of_date() -%}
    {%- if var('as_of_date') -%}
    cast('{{ var("as_of_date") }}' as date)
  {%- elif var('as_of') -%}
    cast(timezone('Europe/Copenhagen', {{ as_of_timestamp() }}) as date)
  {%- else -%}
        current_date
    {%- endif -%}
{%- endmacro %}
