-- complaint.received events as of var('as_of'): the one place the as-of rule is applied.
{{ staged_events('complaint_received', [
    ('complaint_id', 'varchar'),
    ('team', 'varchar'),
    ('subject', 'varchar')
]) }}
