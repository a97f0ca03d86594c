-- notification.assessed events as of var('as_of'): the one place the as-of rule is applied.
{{ staged_events('notification_assessed', [
    ('notification_id', 'varchar'),
    ('acute', 'boolean'),
    ('outcome', 'varchar')
]) }}
