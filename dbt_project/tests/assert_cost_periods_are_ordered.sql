-- int_expenditure leaves out a cost.booked whose period_end is before its period_start (it
-- covers no day); warn so such bookings are seen and corrected at the source.
{{ config(severity='warn') }}
select
    event_id,
    municipality,
    case_id,
    period_start,
    period_end,
    amount_dkk
from {{ ref('stg_cost_booked') }}
where period_end < period_start
