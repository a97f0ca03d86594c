-- District-group comparisons of the rate KPIs: for every kpi x period x breakdown and every pair
-- of district groups (var('pilot_group') is always group_a; other pairs in alphabetical order),
-- the difference of the rates in percentage points with a 95 % interval (unpooled normal
-- approximation) and a two-sided test:
-- * Fisher's exact test (computed here from the hypergeometric distribution with lgamma; tables
--   as likely as or less likely than the observed one) for proportions of whole counts when a
--   cell of the 2x2 table has fewer than 5 expected;
-- * otherwise the two-proportion z test (pooled variance).
-- breakdown_rate has child-years, not children, as its denominator: it is compared as a Poisson
-- rate (variance rate / exposure instead of p(1 - p) / n) with the same z test; placement_share
-- (child-years too) uses the z test as well.
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
        a.kpi = 'breakdown_rate' as is_exposure_rate,
        a.kpi not in ('breakdown_rate', 'placement_share') as counts_whole_units
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
        counts_whole_units
            and least(
                pooled_rate * denominator_a, pooled_rate * denominator_b,
                (1.0 - pooled_rate) * denominator_a, (1.0 - pooled_rate) * denominator_b
            ) < 5 as use_fisher
    from variances

),

-- Fisher: with margins n_a, n_b and x = numerator_a + numerator_b events, every possible count k
-- of events in group a and its hypergeometric probability.
fisher_tables as (

    select
        tested.kpi, tested.period, tested.municipality, tested.breakdown, tested.group_a, tested.group_b,
        tables.k = cast(tested.numerator_a as bigint) as is_observed,
        exp(
            {{ log_binomial('cast(tested.numerator_a + tested.numerator_b as bigint)', 'tables.k') }}
            + {{ log_binomial('cast(tested.denominator_a + tested.denominator_b - tested.numerator_a - tested.numerator_b as bigint)', 'cast(tested.denominator_a as bigint) - tables.k') }}
            - {{ log_binomial('cast(tested.denominator_a + tested.denominator_b as bigint)', 'cast(tested.denominator_a as bigint)') }}
        ) as probability
    from tested
    cross join lateral (
        select unnest(range(
            greatest(0, cast(tested.denominator_a + tested.numerator_a + tested.numerator_b - tested.denominator_a - tested.denominator_b as bigint)),
            least(cast(tested.denominator_a as bigint), cast(tested.numerator_a + tested.numerator_b as bigint)) + 1
        )) as k
    ) as tables
    where tested.use_fisher

),

fisher as (

    select
        kpi, period, municipality, breakdown, group_a, group_b,
        -- relative tolerance, as R and scipy, so ties in floating point count as ties
        sum(probability) filter (
            where probability <= observed_probability * (1 + 1e-7)
        ) as p_value
    from (
        select *, max(probability) filter (where is_observed) over (
            partition by kpi, period, municipality, breakdown, group_a, group_b
        ) as observed_probability
        from fisher_tables
    ) as with_observed
    group by kpi, period, municipality, breakdown, group_a, group_b

),

p_values as (

    select
        tested.*,
        case
            when tested.use_fisher then least(fisher.p_value, 1.0)
            when tested.z is not null then {{ two_sided_normal_p_value('tested.z') }}
        end as p_value
    from tested
    left join fisher
        on tested.kpi = fisher.kpi
        and tested.period = fisher.period
        and tested.municipality = fisher.municipality
        and tested.breakdown = fisher.breakdown
        and tested.group_a = fisher.group_a
        and tested.group_b = fisher.group_b

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
    cast(round(p_value, 6) as double) as p_value,
    cast(case when use_fisher then 'fisher_exact' else 'two_proportion_z' end as varchar) as test,
    coalesce(p_value < 0.05, false) as significant
from p_values
