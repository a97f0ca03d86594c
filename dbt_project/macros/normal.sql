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

{#- log of the binomial coefficient C(n, k), for exact tests. -#}
{% macro log_binomial(n, k) -%}
(lgamma({{ n }} + 1) - lgamma({{ k }} + 1) - lgamma({{ n }} - ({{ k }}) + 1))
{%- endmacro %}
