-- case.closed events as of var('as_of'): the one place the as-of rule is applied.
{{ staged_events('case_closed', [
    ('reason', 'varchar')
]) }}
