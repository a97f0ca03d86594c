
    

    create  table
      "staging"."main"."int_periods__dbt_tmp"
  
    
    as (
      -- The reporting periods: every calendar year, half-year and month from the first to the last
-- year with data (case openings, ladder moves, notifications, costs, as of var('as_of')).
with event_dates as (

    select occurred_date from "staging"."main"."stg_case_opened"
    union all
    select occurred_date from "staging"."main"."stg_ladder_moved"
    union all
    select occurred_date from "staging"."main"."stg_notification_received"
    union all
    select period_start as occurred_date from "staging"."main"."stg_cost_booked"

),

years as (

    select unnest(range(min(year(occurred_date)), max(year(occurred_date)) + 1)) as period_year
    from event_dates
    having count(*) > 0

),

year_periods as (

    select
        cast(period_year as varchar) as period,
        'year' as period_type,
        period_year,
        make_date(period_year, 1, 1) as period_start,
        make_date(period_year, 12, 31) as period_end
    from years

),

half_year_periods as (

    select
        cast(period_year as varchar) || 'H' || cast(half as varchar) as period,
        'half_year' as period_type,
        period_year,
        make_date(period_year, 6 * half - 5, 1) as period_start,
        last_day(make_date(period_year, 6 * half, 1)) as period_end
    from years
    cross join (select unnest([1, 2]) as half) as halves

),

month_periods as (

    select
        strftime(make_date(period_year, month_number, 1), '%Y-%m') as period,
        'month' as period_type,
        period_year,
        make_date(period_year, month_number, 1) as period_start,
        last_day(make_date(period_year, month_number, 1)) as period_end
    from years
    cross join (select unnest(range(1, 13)) as month_number) as months

),

periods as (

    select * from year_periods
    union all
    select * from half_year_periods
    union all
    select * from month_periods

)

select
    period,
    period_type,
    cast(period_year as integer) as period_year,
    period_start,
    period_end,
    cast(datediff('day', period_start, period_end) + 1 as integer) as days_in_period
from periods
    );
    
  