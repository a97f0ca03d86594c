-- case.transferred events as of var('as_of'): the one place the as-of rule is applied.
{{ staged_events('case_transferred', [
    ('district', 'varchar'),
    ('team', 'varchar'),
    ('payload_caseworker_id', 'varchar')
]) }}
