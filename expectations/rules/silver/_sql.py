"""SQL pieces the silver rules share."""

# each case's first case.opened: its date and the event that says so (the one to name)
FIRST_OPENED = """opened AS (
            SELECT municipality, case_id, min(occurred_date) AS opened_on,
                   arg_min(event_id, occurred_date) AS opened_event_id
            FROM counting_case_opened GROUP BY ALL)"""


def held_longer_than(days: float) -> str:
    """The events of the quarantine held more than `days` (each once, with every check holding
    it), the longest held first."""
    return f"""SELECT event_id, any_value(event_type) AS event_type,
                             any_value(case_id) AS case_id, max(age_days) AS age_days,
                             string_agg(DISTINCT "check", ',') AS checks
                      FROM quarantine GROUP BY event_id
                      HAVING max(age_days) > {float(days)}
                      ORDER BY age_days DESC, event_id"""
