-- decision.made events as of var('as_of'): the one place the as-of rule is applied.
{{ staged_events('decision_made', [
    ('decision_id', 'varchar'),
    ('kind', 'varchar'),
    ('legal_basis', 'varchar'),
    ('measure_id', 'varchar')
]) }}
