"""The management dashboard: Streamlit pages on the published marts, read-only.

`trappe dashboard` starts it (`trappe.app.commands.dashboard:dashboard`);
`dashboards/app.py` is the entry
script Streamlit runs, and `dashboards/views/` holds one file per page.
"""
