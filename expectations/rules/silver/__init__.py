"""Silver: one copy per event, every event placed (its case, its measure), every value plausible."""
