-- wellbeing.assessed events as of var('as_of'): the one place the as-of rule is applied.
{{ staged_events('wellbeing_assessed', [
    ('instrument', 'varchar'),
    ('informant', 'varchar'),
    ('total_difficulties', 'integer'),
    ('emotional', 'integer'),
    ('conduct', 'integer'),
    ('hyperactivity', 'integer'),
    ('peer', 'integer'),
    ('prosocial', 'integer')
]) }}
