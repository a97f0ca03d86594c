
  
  create view "staging"."main"."stg_complaint_resolved__dbt_tmp" as (
    -- complaint.resolved events as of var('as_of'): the one place the as-of rule is applied.

with source as (

    select * from read_parquet('/tmp/gx_e2e/lake/silver_versions/20261124T033723655855Z-f331d7/complaint_resolved/*/*.parquet', hive_partitioning = true, union_by_name = true)

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
        cast(caseworker_id as varchar) as caseworker_id,
        cast(complaint_id as varchar) as complaint_id,
        cast(upheld as boolean) as upheld
    from source
    where recorded_at <= cast('2017-04-11T12:36:00+00:00' as timestamptz)
    and (retracted_at is null or retracted_at > cast('2017-04-11T12:36:00+00:00' as timestamptz))

)

select * from as_of_events

  );
