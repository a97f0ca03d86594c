
    
      
    

    create  table
      "staging"."main"."fct_kpi_caseload__dbt_tmp"
  
  (
    kpi varchar,
    period varchar,
    period_type varchar,
    period_start date,
    period_end date,
    municipality varchar,
    district_group varchar,
    district varchar,
    breakdown varchar,
    numerator double,
    denominator double,
    value double
    
    )
 ;
    
    
    insert into "staging"."main"."fct_kpi_caseload__dbt_tmp" 
  (
    
      
      
      kpi ,
    
      
      
      period ,
    
      
      
      period_type ,
    
      
      
      period_start ,
    
      
      
      period_end ,
    
      
      
      municipality ,
    
      
      
      district_group ,
    
      
      
      district ,
    
      
      
      breakdown ,
    
      
      
      numerator ,
    
      
      
      denominator ,
    
      
      
      value 
    
  )
 (
      
    select kpi, period, period_type, period_start, period_end, municipality, district_group, district, breakdown, numerator, denominator, value
    from (
        -- caseload_per_caseworker: cases open on the period's last day divided by the caseworkers
-- holding at least one of them ('all', team). A caseworker counts once per geography, so the
-- municipality figure is not the mean of the district figures. Cases without a caseworker count
-- in the numerator only.
with snapshots as (

    select
        periods.period, periods.period_type, periods.period_start, periods.period_end,
        snapshots.municipality, snapshots.district_group, snapshots.district,
        breakdowns.breakdown,
        snapshots.case_id,
        snapshots.caseworker_id
    from "staging"."main"."int_case_step_snapshots" as snapshots
    inner join "staging"."main"."int_periods" as periods
        on snapshots.snapshot_date = periods.period_end
    cross join lateral (select unnest(['all', coalesce(snapshots.team, 'unknown')]) as breakdown) as breakdowns

),

counted as (

    select
        period, period_type, period_start, period_end, breakdown,
        municipality,
case when grouping(district_group) = 1 then 'all' else district_group end as district_group,
case when grouping(district) = 1 then 'all' else district end as district,
        count(distinct case_id) as open_cases,
        count(distinct caseworker_id) as caseworkers
    from snapshots
    group by grouping sets (
    (period, period_type, period_start, period_end, breakdown, municipality, district_group, district),
    (period, period_type, period_start, period_end, breakdown, municipality, district_group),
    (period, period_type, period_start, period_end, breakdown, municipality)
)

)

select
    'caseload_per_caseworker' as kpi,
    period, period_type, period_start, period_end,
    municipality, district_group, district, breakdown,
    cast(open_cases as double) as numerator,
    cast(caseworkers as double) as denominator,
    cast(case when caseworkers > 0 then 1.0 * open_cases / caseworkers end as double) as value
from counted
where caseworkers > 0
    ) as model_subq
    );
  