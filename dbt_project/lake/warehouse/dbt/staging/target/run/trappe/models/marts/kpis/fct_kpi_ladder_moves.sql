
    
      
    

    create  table
      "staging"."main"."fct_kpi_ladder_moves__dbt_tmp"
  
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
    
    
    insert into "staging"."main"."fct_kpi_ladder_moves__dbt_tmp" 
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
        -- ladder_moves: counted ladder.moved events in the period by 'from>to' ('entry>3', '5>4',
-- '2>exit'), 'from' being the step the case's previous move left it on.
-- moved_down_from_institution: distinct children with a move from step 5 to step 0-4 in the
-- period before their 18th birthday (a move to exit is not a move down; children without a
-- known birth date are not counted). Both by the case's district on the day of the move.
with moves as (

    select
        periods.period, periods.period_type, periods.period_start, periods.period_end,
        moves.*
    from "staging"."main"."int_ladder_moves" as moves
    inner join "staging"."main"."int_periods" as periods
        on moves.occurred_date between periods.period_start and periods.period_end

),

move_counts as (

    select
        period, period_type, period_start, period_end, move_label as breakdown,
        municipality,
case when grouping(district_group) = 1 then 'all' else district_group end as district_group,
case when grouping(district) = 1 then 'all' else district end as district,
        count(*) as moves
    from moves
    group by grouping sets (
    (period, period_type, period_start, period_end, move_label, municipality, district_group, district),
    (period, period_type, period_start, period_end, move_label, municipality, district_group),
    (period, period_type, period_start, period_end, move_label, municipality)
)

),

moved_down as (

    select
        period, period_type, period_start, period_end, 'all' as breakdown,
        municipality,
case when grouping(district_group) = 1 then 'all' else district_group end as district_group,
case when grouping(district) = 1 then 'all' else district end as district,
        count(distinct child_id) as children
    from moves
    where from_step = 5
        and to_step < 5
        and occurred_date < child_birth_date + interval 18 year
    group by grouping sets (
    (period, period_type, period_start, period_end, municipality, district_group, district),
    (period, period_type, period_start, period_end, municipality, district_group),
    (period, period_type, period_start, period_end, municipality)
)

)

select
    'ladder_moves' as kpi,
    period, period_type, period_start, period_end,
    municipality, district_group, district, breakdown,
    cast(moves as double) as numerator,
    cast(null as double) as denominator,
    cast(moves as double) as value
from move_counts
union all
select
    'moved_down_from_institution' as kpi,
    period, period_type, period_start, period_end,
    municipality, district_group, district, breakdown,
    cast(children as double) as numerator,
    cast(null as double) as denominator,
    cast(children as double) as value
from moved_down
    ) as model_subq
    );
  