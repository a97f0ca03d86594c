-- cost.booked events as of var('as_of'): the one place the as-of rule is applied.
{{ staged_events('cost_booked', [
    ('measure_id', 'varchar'),
    ('amount_dkk', 'double'),
    ('period_start', 'date'),
    ('period_end', 'date')
]) }}
