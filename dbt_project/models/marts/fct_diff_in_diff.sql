-- Difference-in-differences of every KPI with a group-level value, pilot districts
-- (var('pilot_group')) vs the others (var('comparison_group')): the baseline year is
-- var('did_baseline_year') (default 2013, the year Herning's pilot began) or, when null, the first year with data; every later year is a
-- comparison period. diff_in_diff = (pilot_comparison - pilot_baseline)
-- - (other_comparison - other_baseline), in the KPI's own unit.
with yearly as (

    select kpi, municipality, breakdown, district_group, period, value
    from {{ ref('kpi_values') }}
    where period_type = 'year'
        and district = 'all'
        and district_group in ('{{ var("pilot_group") }}', '{{ var("comparison_group") }}')

),

baseline_year as (

    {% if var('did_baseline_year') %}
    select '{{ var("did_baseline_year") }}' as baseline_period
    {% else %}
    select min(period) as baseline_period
    from {{ ref('int_periods') }}
    where period_type = 'year'
    {% endif %}

),

pivoted as (

    select
        yearly.kpi, yearly.municipality, yearly.breakdown, yearly.period,
        max(yearly.value) filter (where yearly.district_group = '{{ var("pilot_group") }}') as pilot_value,
        max(yearly.value) filter (where yearly.district_group = '{{ var("comparison_group") }}') as other_value
    from yearly
    group by yearly.kpi, yearly.municipality, yearly.breakdown, yearly.period

),

compared as (

    select
        comparison.kpi,
        comparison.municipality,
        comparison.breakdown,
        baseline.period as baseline_period,
        comparison.period as comparison_period,
        baseline.pilot_value as pilot_baseline,
        comparison.pilot_value as pilot_comparison,
        baseline.other_value as other_baseline,
        comparison.other_value as other_comparison
    from pivoted as comparison
    inner join baseline_year
        on comparison.period > baseline_year.baseline_period
    inner join pivoted as baseline
        on baseline.period = baseline_year.baseline_period
        and comparison.kpi = baseline.kpi
        and comparison.municipality = baseline.municipality
        and comparison.breakdown = baseline.breakdown

)

select
    cast(kpi as varchar) as kpi,
    cast(municipality as varchar) as municipality,
    cast(breakdown as varchar) as breakdown,
    cast(baseline_period as varchar) as baseline_period,
    cast(comparison_period as varchar) as comparison_period,
    cast(pilot_baseline as double) as pilot_baseline,
    cast(pilot_comparison as double) as pilot_comparison,
    cast(other_baseline as double) as other_baseline,
    cast(other_comparison as double) as other_comparison,
    cast(round(pilot_comparison - pilot_baseline, 4) as double) as pilot_change,
    cast(round(other_comparison - other_baseline, 4) as double) as other_change,
    cast(round((pilot_comparison - pilot_baseline) - (other_comparison - other_baseline), 4) as double) as diff_in_diff
from compared
where pilot_baseline is not null
    and pilot_comparison is not null
    and other_baseline is not null
    and other_comparison is not null
