-- Difference-in-differences of every KPI with a group-level value, pilot districts
-- (var('pilot_group')) vs the others (var('comparison_group')): the baseline year is
-- var('did_baseline_year') (default 2013, the year Herning's pilot began) or, when null, the first
-- year of the reporting window; every later year is a comparison period. diff_in_diff =
-- (pilot_comparison - pilot_baseline) - (other_comparison - other_baseline), in the KPI's own unit.
-- A rate KPI (kpi_catalogue.comparison) also gets its own 95 % interval and p-value by the method
-- its group comparisons use (macros/statistics.sql), the four estimates taken as independent
-- (the same children may be counted in both years; the interval does not model that); it is
-- significant exactly when the stored interval excludes 0. Other KPIs (child-years, money,
-- counts, means) are levels of the whole population, not estimates from a sample: no interval,
-- no test (null).
with kpi_values as (

    select * from {{ ref('kpi_values') }}

),

catalogue as (

    select
        kpi,
        comparison
    from {{ ref('kpi_catalogue') }}

),

yearly as (

    select
        kpi_values.kpi,
        kpi_values.municipality,
        kpi_values.breakdown,
        kpi_values.district_group,
        kpi_values.period,
        kpi_values.period_complete,
        kpi_values.value,
        kpi_values.numerator,
        kpi_values.denominator,
        catalogue.comparison,
        {{ comparison_estimate(
            'catalogue.comparison', 'kpi_values.numerator', 'kpi_values.denominator',
        ) }}
            as estimate,
        {{ comparison_variance(
            'catalogue.comparison', 'kpi_values.numerator', 'kpi_values.denominator',
        ) }}
            as variance
    from kpi_values
    left join catalogue
        on kpi_values.kpi = catalogue.kpi
    where kpi_values.period_type = 'year'
        and kpi_values.district = 'all'
        and kpi_values.district_group in (
            '{{ var("pilot_group") }}', '{{ var("comparison_group") }}'
        )

),

baseline_year as (

    {% if var('did_baseline_year') %}
        select '{{ var("did_baseline_year") }}' as baseline_period
    {% else %}
        select min(period) as baseline_period
        from periods
        where period_type = 'year'
    {% endif %}

),

pivoted as (

    select
        kpi,
        municipality,
        breakdown,
        period,
        comparison,
        bool_and(period_complete) as period_complete,
        max(value) filter (where district_group = '{{ var("pilot_group") }}') as pilot_value,
        max(value) filter (where district_group = '{{ var("comparison_group") }}') as other_value,
        max(estimate) filter (where district_group = '{{ var("pilot_group") }}') as pilot_estimate,
        max(estimate) filter (where district_group = '{{ var("comparison_group") }}')
            as other_estimate,
        max(variance) filter (where district_group = '{{ var("pilot_group") }}') as pilot_variance,
        max(variance) filter (where district_group = '{{ var("comparison_group") }}')
            as other_variance
    from yearly
    group by kpi, municipality, breakdown, period, comparison

),

compared as (

    select
        comparison.kpi,
        comparison.municipality,
        comparison.breakdown,
        comparison.comparison,
        baseline.period as baseline_period,
        comparison.period as comparison_period,
        baseline.period_complete and comparison.period_complete as period_complete,
        baseline.pilot_value as pilot_baseline,
        comparison.pilot_value as pilot_comparison,
        baseline.other_value as other_baseline,
        comparison.other_value as other_comparison,
        (comparison.pilot_estimate - baseline.pilot_estimate)
        - (comparison.other_estimate - baseline.other_estimate) as estimate,
        sqrt(
            baseline.pilot_variance + comparison.pilot_variance
            + baseline.other_variance + comparison.other_variance
        ) as standard_error
    from pivoted as comparison
    inner join baseline_year
        on comparison.period > baseline_year.baseline_period
    inner join pivoted as baseline
        on baseline.period = baseline_year.baseline_period
        and comparison.kpi = baseline.kpi
        and comparison.municipality = baseline.municipality
        and comparison.breakdown = baseline.breakdown

),

intervals as (

    select
        *,
        {{ interval_low('estimate', 'standard_error') }} as ci_low,
        {{ interval_high('estimate', 'standard_error') }} as ci_high,
        {{ two_sided_normal_p_value('estimate / standard_error') }} as p_value
    from compared
    where pilot_baseline is not null
        and pilot_comparison is not null
        and other_baseline is not null
        and other_comparison is not null

)

select
    cast(kpi as varchar) as kpi,
    cast(municipality as varchar) as municipality,
    cast(breakdown as varchar) as breakdown,
    cast(baseline_period as varchar) as baseline_period,
    cast(comparison_period as varchar) as comparison_period,
    cast(period_complete as boolean) as period_complete,
    cast(pilot_baseline as double) as pilot_baseline,
    cast(pilot_comparison as double) as pilot_comparison,
    cast(other_baseline as double) as other_baseline,
    cast(other_comparison as double) as other_comparison,
    cast(round(pilot_comparison - pilot_baseline, 4) as double) as pilot_change,
    cast(round(other_comparison - other_baseline, 4) as double) as other_change,
    cast(
        round(
            (pilot_comparison - pilot_baseline) - (other_comparison - other_baseline), 4
        ) as double
    ) as diff_in_diff,
    cast(ci_low as double) as ci_low,
    cast(ci_high as double) as ci_high,
    cast(round(p_value, 6) as double) as p_value,
    cast({{ comparison_test_name('comparison') }} as varchar) as test,
    cast(case when ci_low is not null then ci_low > 0 or ci_high < 0 end as boolean) as significant
from intervals
