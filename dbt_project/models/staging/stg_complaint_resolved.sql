-- complaint.resolved events as of var('as_of'): the one place the as-of rule is applied.
{{ staged_events('complaint_resolved', [
    ('complaint_id', 'varchar'),
    ('upheld', 'boolean')
]) }}
