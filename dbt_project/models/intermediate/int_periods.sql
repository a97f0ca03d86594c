-- The reporting periods: every calendar year, half-year and month of the reporting window.
-- The window opens with the first year in which the feed records activity (notifications,
-- follow-ups, costs) and closes with the last year of any event (as of var('as_of')). Case
-- openings and ladder moves may reach further back, so that episodes running into the window
-- count from their true start; the years before the window hold only the history of the cases
-- that reach into it, and are not reported.
with activity_dates as (

    select occurred_date from {{ ref('stg_notification_received') }}
    union all
    select occurred_date from {{ ref('stg_followup_held') }}
    union all
    select period_start as occurred_date from {{ ref('stg_cost_booked') }}

),

event_dates as (

    select occurred_date from activity_dates
    union all
    select occurred_date from {{ ref('stg_case_opened') }}
    union all
    select occurred_date from {{ ref('stg_ladder_moved') }}

),

first_activity as (

    select min(year(occurred_date)) as first_year
    from activity_dates

),

last_event as (

    select max(year(occurred_date)) as last_year
    from event_dates

),

years as (

    select unnest(range(first_activity.first_year, last_event.last_year + 1)) as period_year
    from first_activity
    cross join last_event
    where first_activity.first_year is not null

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
