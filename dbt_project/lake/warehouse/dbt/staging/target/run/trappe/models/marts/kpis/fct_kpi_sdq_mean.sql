
    
      
    

    create  table
      "staging"."main"."fct_kpi_sdq_mean__dbt_tmp"
  
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
    
    
    insert into "staging"."main"."fct_kpi_sdq_mean__dbt_tmp" 
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
        -- sdq_mean: mean SDQ total difficulties of the assessments in the period, by informant
-- (teacher, parent, self; never mixed), in the case's district on the day of the assessment.
-- numerator = sum of scores, denominator = number of assessments.
with assessments as (

    select
        assessments.event_id,
        assessments.municipality,
        assessments.occurred_date,
        assessments.informant,
        assessments.total_difficulties,
        coalesce(assignment.district, 'unknown') as district,
coalesce(assignment.district_group, 'unmapped') as district_group
    from "staging"."main"."stg_wellbeing_assessed" as assessments
    left join "staging"."main"."int_case_assignments" as assignment
    on assessments.municipality = assignment.municipality
    and assessments.case_id = assignment.case_id
    and assessments.occurred_date >= assignment.effective_from
    and (assignment.valid_to is null or assessments.occurred_date < assignment.valid_to)
    where assessments.instrument = 'SDQ'
        and assessments.total_difficulties is not null

),

by_period as (

    select periods.period, periods.period_type, periods.period_start, periods.period_end,
        assessments.municipality, assessments.district_group, assessments.district,
        assessments.informant as breakdown, assessments.total_difficulties
    from assessments
    inner join "staging"."main"."int_periods" as periods
        on assessments.occurred_date between periods.period_start and periods.period_end

),

summed as (

    select
        period, period_type, period_start, period_end, breakdown,
        municipality,
case when grouping(district_group) = 1 then 'all' else district_group end as district_group,
case when grouping(district) = 1 then 'all' else district end as district,
        sum(total_difficulties) as score_sum,
        count(*) as assessments
    from by_period
    group by grouping sets (
    (period, period_type, period_start, period_end, breakdown, municipality, district_group, district),
    (period, period_type, period_start, period_end, breakdown, municipality, district_group),
    (period, period_type, period_start, period_end, breakdown, municipality)
)

)

select
    'sdq_mean' as kpi,
    period, period_type, period_start, period_end,
    municipality, district_group, district, breakdown,
    cast(score_sum as double) as numerator,
    cast(assessments as double) as denominator,
    cast(case when assessments > 0 then 1.0 * score_sum / assessments end as double) as value
from summed
    ) as model_subq
    );
  