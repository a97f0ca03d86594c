-- The reporting periods: every calendar year, half-year and month of the reporting window, from
-- 1 January of the year of the feed's earliest recorded_at (local time; var('reporting_start')
-- overrides it: then the periods beginning on or after that day) to T's date, var('as_of_date').
-- It depends on no event type in particular, so a feed with one event of any type has periods.
-- Older occurred_at dates are backfilled history: they give episodes their true start, but
-- fall in no period. A period ending after T's date is incomplete: its elapsed part runs to
-- T's date, and averages are taken over its elapsed days (docs/kpis.md).
with feed as (

    select min(first_recorded_at) as first_recorded_at
    from {{ ref('int_feed_cases') }}

),

reporting_window as (

    select
        {% if var('reporting_start') -%}
            cast('{{ var("reporting_start") }}' as date)
        {%- else -%}
            make_date(year(timezone('Europe/Copenhagen', first_recorded_at)), 1, 1)
        {%- endif %} as window_start,
        {{ as_of_date() }} as window_end
    from feed
    {% if not var('reporting_start') -%}
        where first_recorded_at is not null
    {%- endif %}

),

years as (

    select
        reporting_window.window_start,
        reporting_window.window_end,
        unnest(range(year(reporting_window.window_start), year(reporting_window.window_end) + 1))
            as period_year
    from reporting_window

),

calendar as (

    select
        cast(period_year as varchar) as period,
        'year' as period_type,
        12 as months_in_period,
        make_date(period_year, 1, 1) as period_start,
        make_date(period_year, 12, 31) as period_end,
        *
    from years
    union all
    select
        cast(years.period_year as varchar) || 'H' || cast(halves.half as varchar),
        'half_year',
        6,
        make_date(years.period_year, 6 * halves.half - 5, 1),
        last_day(make_date(years.period_year, 6 * halves.half, 1)),
        years.*
    from years
    cross join (select unnest([1, 2]) as half) as halves
    union all
    select
        strftime(make_date(years.period_year, months.month_number, 1), '%Y-%m'),
        'month',
        1,
        make_date(years.period_year, months.month_number, 1),
        last_day(make_date(years.period_year, months.month_number, 1)),
        years.*
    from years
    cross join (select unnest(range(1, 13)) as month_number) as months

)

select
    cast(period as varchar) as period,
    cast(period_type as varchar) as period_type,
    cast(period_year as integer) as period_year,
    cast(period_start as date) as period_start,
    cast(period_end as date) as period_end,
    cast(datediff('day', period_start, period_end) + 1 as integer) as days_in_period,
    cast(least(period_end, window_end) as date) as elapsed_end,
    cast(datediff('day', period_start, least(period_end, window_end)) + 1 as integer)
        as elapsed_days,
    period_end <= window_end as period_complete,
    cast(
        datediff('day', make_date(period_year, 1, 1), make_date(period_year, 12, 31)) + 1 as integer
    ) as days_in_year,
    cast(months_in_period as integer) as months_in_period
from calendar
where period_start >= window_start
    and period_start <= window_end
