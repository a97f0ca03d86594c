-- One row describing this build, from the vars trappe.warehouse.dbt_build passes: the as-of time,
-- the latest recorded_at the build includes, the trappe version and dbt's invocation id.
select
    cast('2017-04-11T12:36:00+00:00' as timestamptz) as as_of,
    cast('2017-04-11T12:36:00+00:00' as timestamptz) as event_watermark,
    cast('0.1.0' as varchar) as pipeline_version,
    cast('3bcd8c07-5075-4865-8d50-aa20c9ee7035' as varchar) as dbt_invocation_id