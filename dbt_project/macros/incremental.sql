{#- Incremental builds of the case × period projections (docs/architecture.md, "Incremental
    builds"). A row of int_episode_period_days, int_cases_open_in_period or
    int_case_step_snapshots depends on nothing but its case's rows in the models it reads and its
    period's definition (for a snapshot, its date). So each row carries a fingerprint of both, and
    an incremental build (1) deletes the rows whose case or period fingerprint is no longer
    current (`delete_stale_rows`, the model's pre-hook: changed, retracted, quarantined or vanished
    cases; the incomplete period as T moves; periods out of the window), then (2) inserts the rows
    of every case without current rows left, in every period, and of every other case in the
    periods without rows left (`incremental_scope`). A build with other code or settings is a full
    refresh (trappe.warehouse decides, by a signature of the project and its vars). -#}

{#- Per case, the fingerprint of its rows in `inputs` (column prefixes of int_case_fingerprints:
    measure_episodes, cases, assignments, decisions). -#}
{% macro case_fingerprint_sql(inputs) -%}
    select
        municipality,
        case_id,
        md5(concat_ws(
            '|'
    {%- for input in inputs %}, coalesce({{ input }}_fingerprint, '-'){% endfor %}
        )) as case_fingerprint
    from {{ ref('int_case_fingerprints') }}
{%- endmacro %}

{#- Per period (or snapshot date), the fingerprint of its definition in int_periods. -#}
{% macro period_fingerprint_sql(period_key) -%}
    {%- if period_key == 'snapshot_date' -%}
        select distinct
            elapsed_end as snapshot_date,
            cast(elapsed_end as varchar) as period_fingerprint
        from {{ ref('int_periods') }}
    {%- else -%}
        select
            periods.period,
            md5(cast(to_json(periods) as varchar)) as period_fingerprint
        from {{ ref('int_periods') }} as periods
    {%- endif -%}
{%- endmacro %}

{#- The pre-hook: in an incremental build, delete the rows whose case or period changed. -#}
{% macro delete_stale_rows(inputs, period_key) -%}
    {%- if is_incremental() -%}
        delete from {{ this }} as stored_row
        where not exists (
            select 1
            from ({{ case_fingerprint_sql(inputs) }}) as current_cases
            where current_cases.municipality = stored_row.municipality
                and current_cases.case_id = stored_row.case_id
                and current_cases.case_fingerprint = stored_row.case_fingerprint
        )
        or not exists (
            select 1
            from ({{ period_fingerprint_sql(period_key) }}) as current_periods
            where current_periods.{{ period_key }} = stored_row.{{ period_key }}
                and current_periods.period_fingerprint = stored_row.period_fingerprint
        )
    {%- else -%}
        select 1
    {%- endif -%}
{%- endmacro %}

{#- CTEs `case_fingerprints` and `period_fingerprints`, and in an incremental build
    `dirty_cases` (cases with no current row left: new or changed) and `dirty_periods` (periods
    with no row left: new or redefined), after the pre-hook's delete. -#}
{% macro incremental_scope(inputs, period_key) -%}
    case_fingerprints as (

        {{ case_fingerprint_sql(inputs) }}

    ),

    period_fingerprints as (

        {{ period_fingerprint_sql(period_key) }}

    ),

    {% if is_incremental() -%}
        stored_cases as (

            select distinct
                municipality,
                case_id,
                case_fingerprint
            from {{ this }}

        ),

        stored_periods as (

            select distinct {{ period_key }}
            from {{ this }}

        ),

        dirty_cases as (

            select
                case_fingerprints.municipality,
                case_fingerprints.case_id
            from case_fingerprints
            anti join stored_cases
                on case_fingerprints.municipality = stored_cases.municipality
                and case_fingerprints.case_id = stored_cases.case_id
                and case_fingerprints.case_fingerprint = stored_cases.case_fingerprint

        ),

        dirty_periods as (

            select period_fingerprints.{{ period_key }}
            from period_fingerprints
            anti join stored_periods
                on period_fingerprints.{{ period_key }} = stored_periods.{{ period_key }}

        ),
    {%- endif %}
{%- endmacro %}

{#- The case × period pairs a build computes: all of them in a full build; in an incremental one
    the dirty cases in every period and the other cases in the dirty periods. `cases` and
    `periods` are CTEs; `condition` joins them. -#}
{% macro case_period_pairs(cases, periods, period_key, condition) -%}
    select
        {{ cases }}.*,
        {{ periods }}.*
    from {{ cases }}
    {%- if is_incremental() %}
        semi join dirty_cases
            on {{ cases }}.municipality = dirty_cases.municipality
            and {{ cases }}.case_id = dirty_cases.case_id
    {%- endif %}
    inner join {{ periods }}
        on {{ condition }}
    {%- if is_incremental() %}
        union all
        select
            {{ cases }}.*,
            {{ periods }}.*
        from {{ cases }}
        anti join dirty_cases
            on {{ cases }}.municipality = dirty_cases.municipality
            and {{ cases }}.case_id = dirty_cases.case_id
        inner join {{ periods }}
            on {{ condition }}
        semi join dirty_periods
            on {{ periods }}.{{ period_key }} = dirty_periods.{{ period_key }}
    {%- endif %}
{%- endmacro %}
