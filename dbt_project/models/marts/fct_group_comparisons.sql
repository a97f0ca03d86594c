-- District-group comparisons of the rate KPIs: for every kpi x period x breakdown and every pair
-- of district groups (var('pilot_group') is always group_a; other pairs in alphabetical order),
-- the difference of the rates in percentage points with a 95 % interval (unpooled normal
-- approximation) and a two-sided two-proportion z test (pooled variance).
-- breakdown_rate has child-years, not children, as its denominator: it is compared as a Poisson
-- rate (variance rate / exposure instead of p(1 - p) / n), the same large-sample test for rates;
-- the test column says two_proportion_z for both. Fisher's exact test is not used (DuckDB has
-- none built in): when a group has fewer than 5 expected events or non-events, the z test is
-- unreliable and significant is reported false whatever the p-value.
{%- set rate_kpis = ['placement_share', 'breakdown_rate', 'complaint_rate',
                     'notification_24h_compliance', 'not_placed_one_year_after',
                     'followup_compliance_herning', 'followup_compliance_legal',
                     'followup_compliance_planned'] %}

with group_rates as (

    select
        kpi, period, period_type, municipality, breakdown, district_group,
        numerator, denominator,
        numerator / denominator as rate
    from {{ ref('kpi_values') }}
    where kpi in ('{{ rate_kpis | join("', '") }}')
        and district = 'all'
        and district_group != 'all'
        and denominator > 0

),

pairs as (

    select
        a.kpi, a.period, a.period_type, a.municipality, a.breakdown,
        a.district_group as group_a,
        b.district_group as group_b,
        a.numerator as numerator_a, a.denominator as denominator_a, a.rate as rate_a,
        b.numerator as numerator_b, b.denominator as denominator_b, b.rate as rate_b,
        (a.numerator + b.numerator) / (a.denominator + b.denominator) as pooled_rate,
        a.kpi = 'breakdown_rate' as is_exposure_rate
    from group_rates as a
    inner join group_rates as b
        on a.kpi = b.kpi
        and a.period = b.period
        and a.municipality = b.municipality
        and a.breakdown = b.breakdown
        and (
            (a.district_group = '{{ var("pilot_group") }}' and b.district_group != '{{ var("pilot_group") }}')
            or (a.district_group != '{{ var("pilot_group") }}' and b.district_group != '{{ var("pilot_group") }}'
                and a.district_group < b.district_group)
        )

),

variances as (

    select
        *,
        case when is_exposure_rate
            then pooled_rate * (1.0 / denominator_a + 1.0 / denominator_b)
            else pooled_rate * (1.0 - pooled_rate) * (1.0 / denominator_a + 1.0 / denominator_b)
        end as pooled_variance,
        case when is_exposure_rate
            then rate_a / denominator_a + rate_b / denominator_b
            else rate_a * (1.0 - rate_a) / denominator_a + rate_b * (1.0 - rate_b) / denominator_b
        end as unpooled_variance
    from pairs

),

tested as (

    select
        *,
        case when pooled_variance > 0 then (rate_a - rate_b) / sqrt(pooled_variance) end as z,
        least(
            pooled_rate * denominator_a, pooled_rate * denominator_b,
            (1.0 - pooled_rate) * denominator_a, (1.0 - pooled_rate) * denominator_b
        ) as smallest_expected_count
    from variances

)

select
    cast(kpi as varchar) as kpi,
    cast(period as varchar) as period,
    cast(period_type as varchar) as period_type,
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
    cast(round(100 * (rate_a - rate_b - 1.959964 * sqrt(unpooled_variance)), 4) as double) as ci_low,
    cast(round(100 * (rate_a - rate_b + 1.959964 * sqrt(unpooled_variance)), 4) as double) as ci_high,
    cast(case when z is not null then round({{ two_sided_normal_p_value('z') }}, 6) end as double) as p_value,
    'two_proportion_z' as test,
    coalesce(
        z is not null
        and {{ two_sided_normal_p_value('z') }} < 0.05
        and (is_exposure_rate or smallest_expected_count >= 5),
        false
    ) as significant
from tested
