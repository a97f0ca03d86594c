
    
      
    

    create  table
      "staging"."main"."dim_periods__dbt_tmp"
  
  (
    period varchar,
    period_type varchar,
    period_year integer,
    period_start date,
    period_end date,
    days_in_period integer
    
    )
 ;
    
    
    insert into "staging"."main"."dim_periods__dbt_tmp" 
  (
    
      
      
      period ,
    
      
      
      period_type ,
    
      
      
      period_year ,
    
      
      
      period_start ,
    
      
      
      period_end ,
    
      
      
      days_in_period 
    
  )
 (
      
    select period, period_type, period_year, period_start, period_end, days_in_period
    from (
        -- The reporting periods (year, half-year, month) the marts are computed for.
select * from "staging"."main"."int_periods"
    ) as model_subq
    );
  