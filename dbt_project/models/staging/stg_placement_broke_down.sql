-- placement.broke_down events as of var('as_of'): the one place the as-of rule is applied.
{{ staged_events('placement_broke_down', [
    ('measure_id', 'varchar'),
    ('initiated_by', 'varchar')
]) }}
