-- docs/kpis.md, "Comparisons": a comparison is significant exactly when its 95 % interval
-- excludes 0, in every row of both comparison marts; and where there is no interval there is no
-- verdict of significance.
with comparisons as (

    select
        'fct_group_comparisons' as mart,
        kpi,
        period as compared,
        breakdown,
        ci_low,
        ci_high,
        p_value,
        significant
    from {{ ref('fct_group_comparisons') }}
    union all
    select
        'fct_diff_in_diff',
        kpi,
        baseline_period || '-' || comparison_period,
        breakdown,
        ci_low,
        ci_high,
        p_value,
        significant
    from {{ ref('fct_diff_in_diff') }}

)

select *
from comparisons
where coalesce(significant, false) is distinct from coalesce(ci_low > 0 or ci_high < 0, false)
    or (ci_low is null) != (ci_high is null)
    or ci_low > ci_high
