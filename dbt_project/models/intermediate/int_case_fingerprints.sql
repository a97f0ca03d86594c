-- Per case, a fingerprint of its rows in each case-keyed model the incremental projections read
-- (macros/incremental.sql): md5 over the JSON of the case's rows in a fixed order, so equal rows
-- give equal prints and any change to a case (a late event, a retraction, a transfer, a
-- quarantined event, a seed's new mapping) gives another. (A table's alias is its row as a struct,
-- which sqlfluff cannot see: hence the noqa.)
{%- set inputs = [
    ('measure_episodes', 'int_measure_episodes'),
    ('cases', 'int_cases'),
    ('assignments', 'int_case_assignments'),
    ('decisions', 'stg_decision_made'),
] %}

with
{% for name, model in inputs %}
    {{ name }} as (

        select
            municipality,
            case_id,
            md5(cast(to_json(list(input_rows order by input_rows)) as varchar))
                as {{ name }}_fingerprint
        from {{ ref(model) }} as input_rows  -- noqa: AL05
        group by municipality, case_id

    ),
{% endfor %}

case_keys as (

    {% for name, _ in inputs %}
        select
            municipality,
            case_id
        from {{ name }}
        {% if not loop.last %}union{% endif %}
    {% endfor %}

)

select
    case_keys.municipality,
    case_keys.case_id,
    {%- for name, _ in inputs %}
        {{ name }}.{{ name }}_fingerprint{% if not loop.last %},{% endif %}
    {%- endfor %}
from case_keys
{% for name, _ in inputs %}
    left join {{ name }}
        on case_keys.municipality = {{ name }}.municipality
        and case_keys.case_id = {{ name }}.case_id
{% endfor %}
