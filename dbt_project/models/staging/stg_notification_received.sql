-- notification.received events as of var('as_of'): the one place the as-of rule is applied.
{{ staged_events('notification_received', [
    ('notification_id', 'varchar'),
    ('source', 'varchar'),
    ('concern', 'varchar')
]) }}
