-- Every case the feed names, as of var('as_of'): one row per municipality and case_id with the
-- earliest recorded_at of its counted events, whatever their type. The reporting window opens
-- with the year of the feed's earliest recorded_at (int_periods), and every municipality and
-- every case without an assignment gets a geography (int_geographies).
{%- set staged = ['stg_case_opened', 'stg_case_transferred', 'stg_case_closed',
                  'stg_notification_received', 'stg_notification_assessed', 'stg_decision_made',
                  'stg_ladder_moved', 'stg_followup_held', 'stg_placement_broke_down',
                  'stg_complaint_received', 'stg_complaint_resolved', 'stg_cost_booked',
                  'stg_wellbeing_assessed', 'stg_event_retracted'] %}

with
{% for model in staged %}
    {{ model }} as (

        select
            municipality,
            case_id,
            min(recorded_at) as first_recorded_at
        from {{ ref(model) }}
        group by municipality, case_id

    ),
{% endfor %}

feed as (

    {% for model in staged %}
        select * from {{ model }}
        {% if not loop.last %}union all{% endif %}
    {% endfor %}

)

select
    municipality,
    case_id,
    min(first_recorded_at) as first_recorded_at
from feed
group by municipality, case_id
