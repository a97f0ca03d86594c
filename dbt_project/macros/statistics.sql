{#- The statistics of the district-group comparisons (fct_group_comparisons, fct_diff_in_diff).
    One method gives each comparison its estimate, its 95 % interval and its p-value, so the
    verdict read off the interval (significant when it excludes 0) and the p-value (< 0.05) say
    the same thing (docs/kpis.md, "Comparisons"):

    * proportion (shares, compliance, complaints per case): Agresti and Caffo's adjusted Wald
      method (The American Statistician 54 (2000) 280-288): each group's proportion is taken
      with one success and one failure added, p~ = (x + 1) / (n + 2), variance
      p~ (1 - p~) / (n + 2); a difference of such proportions is normal with the summed variance.
    * poisson_rate (events per person-time: breakdowns per person-year placed): the Wald method
      for a difference of Poisson rates, rate x / T with variance (x + 0.5) / T^2: half an event
      is added to each count in the variance only, so that a group without events still has one.

    A difference (or difference-in-differences) d with standard error se has the interval
    d -/+ z se, z = 1.959964 (the 97.5 % normal quantile), the test statistic d / se and the
    two-sided p-value 2 (1 - Phi(|d / se|)). -#}

{% macro z_95() -%}
    1.959963984540054
{%- endmacro %}

{#- Each group's estimate on the comparison's scale, and its variance. `comparison` is the
    kpi_catalogue column; a proportion needs 0 <= x <= n (complaints may outnumber cases in a
    small district: then there is no proportion to test and the estimate is null). -#}
{% macro comparison_estimate(comparison, x, n) -%}
case
    when {{ comparison }} = 'proportion' and {{ x }} between 0 and {{ n }}
        then ({{ x }} + 1.0) / ({{ n }} + 2.0)
    when {{ comparison }} = 'poisson_rate' and {{ n }} > 0
        then 1.0 * {{ x }} / {{ n }}
end
{%- endmacro %}

{% macro comparison_variance(comparison, x, n) -%}
case
    when {{ comparison }} = 'proportion' and {{ x }} between 0 and {{ n }}
        then ({{ x }} + 1.0) / ({{ n }} + 2.0) * (1.0 - ({{ x }} + 1.0) / ({{ n }} + 2.0)) / ({{ n }} + 2.0)
    when {{ comparison }} = 'poisson_rate' and {{ n }} > 0
        then ({{ x }} + 0.5) / pow({{ n }}, 2)
end
{%- endmacro %}

{% macro comparison_test_name(comparison) -%}
    case {{ comparison }}
    when 'proportion' then 'agresti_caffo'
    when 'poisson_rate' then 'poisson_rate_wald'
end
{%- endmacro %}

{#- The 95 % interval of an estimate on the scale of the rates (x 100: percentage points, or
    per 100 child-years), each bound rounded to 4 decimals towards the estimate, so that a bound
    is above (below) 0 after rounding exactly when it was before: the stored interval excludes 0
    exactly when the comparison is significant. -#}
{% macro interval_low(estimate, standard_error) -%}
    ceil(100.0 * ({{ estimate }} - {{ z_95() }} * {{ standard_error }}) * 10000) / 10000
{%- endmacro %}

{% macro interval_high(estimate, standard_error) -%}
    floor(100.0 * ({{ estimate }} + {{ z_95() }} * {{ standard_error }}) * 10000) / 10000
{%- endmacro %}

{#- Two-sided p-value of a standard normal z: 1 - erf(|z| / sqrt 2), with the Abramowitz-Stegun
    7.1.26 approximation of erf (absolute error < 1.5e-7). DuckDB has no erf built in. -#}
{% macro two_sided_normal_p_value(z) -%}
(
    (0.254829592 * (1.0 / (1.0 + 0.3275911 * abs({{ z }}) / sqrt(2.0)))
     - 0.284496736 * pow(1.0 / (1.0 + 0.3275911 * abs({{ z }}) / sqrt(2.0)), 2)
     + 1.421413741 * pow(1.0 / (1.0 + 0.3275911 * abs({{ z }}) / sqrt(2.0)), 3)
     - 1.453152027 * pow(1.0 / (1.0 + 0.3275911 * abs({{ z }}) / sqrt(2.0)), 4)
     + 1.061405429 * pow(1.0 / (1.0 + 0.3275911 * abs({{ z }}) / sqrt(2.0)), 5))
    * exp(-pow({{ z }}, 2) / 2.0)
)
{%- endmacro %}
