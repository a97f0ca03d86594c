"""SQL pieces the marts rules share: the kpi_values key and the calendar of its periods."""

PLACEMENT_CATEGORIES = ("institution", "family_foster_care", "home_based_placement")
KEY = "kpi, period, municipality, district_group, district, breakdown"
KV = ("marts.kpi_values",)
STEP = (
    "CASE period_type WHEN 'month' THEN INTERVAL 1 MONTH WHEN 'half_year' THEN INTERVAL 6 MONTH "
    "ELSE INTERVAL 1 YEAR END"
)
LABEL = (
    "CASE period_type WHEN 'year' THEN strftime(period_start, '%Y') "
    "WHEN 'half_year' THEN strftime(period_start, '%Y') || 'H' || "
    "CASE WHEN month(period_start) <= 6 THEN '1' ELSE '2' END "
    "WHEN 'month' THEN strftime(period_start, '%Y-%m') END"
)
