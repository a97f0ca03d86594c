"""Text cells that a spreadsheet will not execute (CSV and formula injection).

A cell whose text begins with `=`, `+`, `-` or `@` (or a tab or carriage return, which some
spreadsheets skip before looking for those) is read as a formula by Excel and LibreOffice:
`=HYPERLINK(...)` in a district name would run on the analyst's machine. Such text is written
with a leading apostrophe, the convention spreadsheets themselves use for "this is text"
(OWASP's recommendation); nothing else is changed. Numbers are written as numbers, never as text.
"""

from __future__ import annotations

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(text: str) -> str:
    return "'" + text if text.startswith(FORMULA_STARTS) else text
