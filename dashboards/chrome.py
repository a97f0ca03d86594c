"""Streamlit's own page chrome in Danish: the document's language and a few layout fixes.

Streamlit serves `<html lang="en">` and has no setting for it; a screen reader and the
browser's spell-checking and hyphenation go by it, so the script sets it on every run.
The toolbar's menu is hidden by `client.toolbarMode = "minimal"` (dashboards/server.py).
"""

from __future__ import annotations

import streamlit as st

_CSS = """
<style>
/* a KPI value must never be cut off ("39,5 å…"): let it wrap, a little smaller */
[data-testid="stMetricValue"] { font-size: 1.6rem; }
[data-testid="stMetricValue"] > div { white-space: normal; overflow: visible; }
[data-testid="stMetricLabel"] p { white-space: normal; }
</style>
"""
# Streamlit's hidden "skip to content" link is the one piece of its chrome left in English; React
# may draw it again at any time, so an observer keeps it Danish (installed once per page load).
_LANG = """<script>
document.documentElement.lang = 'da';
if (!window.__trappeDanish) {
  window.__trappeDanish = true;
  const danish = () => {
    if (document.documentElement.lang !== 'da') document.documentElement.lang = 'da';
    for (const link of document.querySelectorAll('[data-testid="stSkipToContent"]')) {
      if (link.textContent !== 'Gå til indhold') link.textContent = 'Gå til indhold';
    }
  };
  danish();
  new MutationObserver(danish).observe(document.body, {childList: true, subtree: true});
}
</script>"""


def danish_document() -> None:
    st.html(_CSS)
    st.html(_LANG, unsafe_allow_javascript=True, width=1)
