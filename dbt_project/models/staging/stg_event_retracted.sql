-- event.retracted events as of var('as_of'): the one place the as-of rule is applied.
{{ staged_events('event_retracted', [
    ('retracts_event_id', 'varchar'),
    ('reason', 'varchar')
]) }}
