-- One row describing this build, from the vars trappe.warehouse.dbt_build passes: the as-of time,
-- the latest recorded_at the build includes, the trappe version, dbt's invocation id, and the
-- silver release and bronze version the build read (what reproduces it).
select
    cast({% if var('as_of') %}'{{ var("as_of") }}'{% else %}null{% endif %} as timestamptz)
        as as_of,
    cast(
        {% if var('event_watermark', none) %}'{{ var("event_watermark") }}'{% else %}
            null
        {% endif %} as timestamptz
    )
        as event_watermark,
    cast('{{ var("pipeline_version", "unknown") }}' as varchar) as pipeline_version,
    cast('{{ invocation_id }}' as varchar) as dbt_invocation_id,
    cast(
        {% if var('silver_release', none) %}'{{ var("silver_release") }}'{% else %}
            null
        {% endif %} as varchar
    )
        as silver_release,
    cast(
        {% if var('bronze_version', none) is not none %}{{ var("bronze_version") }}{% else %}
            null
        {% endif %} as bigint
    )
        as bronze_version
