-- case.opened events as of var('as_of'): the one place the as-of rule is applied.
{{ staged_events('case_opened', [
    ('district', 'varchar'),
    ('team', 'varchar'),
    ('birth_date', 'date'),
    ('birth_month', 'varchar')
]) }}
