-- District-group comparisons of the rate KPIs (kpi_catalogue.comparison set): for every kpi x
-- period x breakdown and every pair of district groups whose denominators are both positive
-- (var('pilot_group') is always group_a; other pairs in alphabetical order), the difference of
-- the rates (percentage points, or per 100 child-years) with a 95 % interval and a p-value from
-- ONE method per family (macros/statistics.sql), so the verdict and the interval never disagree:
-- significant exactly when the stored interval excludes 0 (its bounds are rounded towards the
-- estimate, so rounding never moves a bound across 0), which is when p < 0.05.
-- * proportion (shares, compliance, complaints per case): Agresti-Caffo adjusted Wald; the
--   interval is centred on the adjusted difference, (x_a + 1)/(n_a + 2) - (x_b + 1)/(n_b + 2).
--   A group with more complaints than open cases has no proportion: no interval, not significant.
-- * poisson_rate (breakdowns per person-year placed): Wald for a difference of Poisson rates,
--   centred on the observed difference, each count's variance taken with half an event added.
with kpi_values as (

    select * from {{ ref('kpi_values') }}

),

catalogue as (

    select
        kpi,
        comparison
    from {{ ref('kpi_catalogue') }}
    where comparison in ('proportion', 'poisson_rate')  -- not 'none'

),

group_rates as (

    select
        kpi_values.kpi,
        kpi_values.period,
        kpi_values.period_type,
        kpi_values.period_complete,
        kpi_values.municipality,
        kpi_values.breakdown,
        kpi_values.district_group,
        catalogue.comparison,
        kpi_values.numerator,
        kpi_values.denominator,
        kpi_values.numerator / kpi_values.denominator as rate,
        {{ comparison_estimate(
            'catalogue.comparison', 'kpi_values.numerator', 'kpi_values.denominator',
        ) }}
            as estimate,
        {{ comparison_variance(
            'catalogue.comparison', 'kpi_values.numerator', 'kpi_values.denominator',
        ) }}
            as variance
    from kpi_values
    inner join catalogue
        on kpi_values.kpi = catalogue.kpi
    where kpi_values.district = 'all'
        and kpi_values.district_group != 'all'
        and kpi_values.denominator > 0

),

pairs as (

    select
        a.kpi,
        a.period,
        a.period_type,
        a.period_complete,
        a.municipality,
        a.breakdown,
        a.comparison,
        a.district_group as group_a,
        b.district_group as group_b,
        a.numerator as numerator_a,
        a.denominator as denominator_a,
        a.rate as rate_a,
        b.numerator as numerator_b,
        b.denominator as denominator_b,
        b.rate as rate_b,
        case a.comparison
            when 'proportion' then a.estimate - b.estimate
            else a.rate - b.rate
        end as estimate,
        sqrt(a.variance + b.variance) as standard_error
    from group_rates as a
    inner join group_rates as b
        on a.kpi = b.kpi
        and a.period = b.period
        and a.municipality = b.municipality
        and a.breakdown = b.breakdown
        and (
            (
                a.district_group = '{{ var("pilot_group") }}'
                and b.district_group != '{{ var("pilot_group") }}'
            )
            or (
                a.district_group != '{{ var("pilot_group") }}'
                and b.district_group != '{{ var("pilot_group") }}'
                and a.district_group < b.district_group
            )
        )

),

intervals as (

    select
        *,
        {{ interval_low('estimate', 'standard_error') }} as ci_low,
        {{ interval_high('estimate', 'standard_error') }} as ci_high,
        {{ two_sided_normal_p_value('estimate / standard_error') }} as p_value
    from pairs

)

select
    cast(kpi as varchar) as kpi,
    cast(period as varchar) as period,
    cast(period_type as varchar) as period_type,
    cast(period_complete as boolean) as period_complete,
    cast(municipality as varchar) as municipality,
    cast(breakdown as varchar) as breakdown,
    cast(group_a as varchar) as group_a,
    cast(group_b as varchar) as group_b,
    cast(numerator_a as double) as numerator_a,
    cast(denominator_a as double) as denominator_a,
    cast(round(100 * rate_a, 4) as double) as rate_a,
    cast(numerator_b as double) as numerator_b,
    cast(denominator_b as double) as denominator_b,
    cast(round(100 * rate_b, 4) as double) as rate_b,
    cast(round(100 * (rate_a - rate_b), 4) as double) as difference,
    cast(ci_low as double) as ci_low,
    cast(ci_high as double) as ci_high,
    cast(round(p_value, 6) as double) as p_value,
    cast({{ comparison_test_name('comparison') }} as varchar) as test,
    coalesce(ci_low > 0 or ci_high < 0, false) as significant
from intervals
