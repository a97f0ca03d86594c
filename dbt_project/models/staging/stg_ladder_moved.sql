-- ladder.moved events as of var('as_of'): the one place the as-of rule is applied.
{{ staged_events('ladder_moved', [
    ('measure_id', 'varchar'),
    ('from_step', 'integer'),
    ('to_step', 'integer'),
    ('measure_type', 'varchar'),
    ('provider_id', 'varchar'),
    ('daily_cost_dkk', 'double'),
    ('short_term', 'boolean'),
    ('reason', 'varchar')
]) }}
