-- followup.held events as of var('as_of'): the one place the as-of rule is applied.
{{ staged_events('followup_held', [
    ('measure_id', 'varchar'),
    ('child_conversation', 'boolean'),
    ('action_plan_reviewed', 'boolean'),
    ('channel', 'varchar'),
    ('statutory', 'boolean'),
    ('next_due', 'date')
]) }}
