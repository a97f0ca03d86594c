"""Indsatstrappen: where the open cases stand on the ladder, and which way children move."""
import streamlit as st

from dashboards import ladder
from dashboards.charts import per_unit, trend_chart
from dashboards.guards import require_selection, section
from dashboards.labels import STEPS
from dashboards.sections import absent_notice, kpi_rows, kpi_section

sel = require_selection()
st.header("Indsatstrappen")
st.caption("Fra tidlig forebyggelse (trin 0) til døgninstitution (trin 5). Forandringsteorien: "
           "flere børn flyttes ned ad trappen, når det er muligt.")

kpi_section(sel, "Åbne sager pr. trin", "cases_by_step", series="trin", labels=STEPS,
              stacked=True, caption="Sager efter deres aktuelle trin på periodens sidste dag.")

with section():
    st.subheader("Bevægelser ned og op ad trappen")
    df = kpi_rows(sel, ("ladder_moves",))
    if df.empty:
        absent_notice(sel, "ladder_moves")
    else:
        df["retning"] = [ladder.DIRECTIONS[ladder.direction(b)] for b in df["breakdown"]]
        steps = df[df["retning"].isin([ladder.DIRECTIONS[ladder.DOWN],
                                       ladder.DIRECTIONS[ladder.UP]])]
        by_direction = (
            steps.groupby(["enhed", "period", "periode", "retning", "unit"], as_index=False)
            ["value"].sum()
        )
        per_unit(sel, by_direction, lambda part, title: trend_chart(
            sel, part, title, color="retning"))

        focus = df[df["period"] == sel.focus]
        with st.expander(f"Alle bevægelser i {sel.period_text(sel.focus)}"):
            if focus.empty:
                st.caption("Ingen bevægelser i perioden for de valgte filtre.")
            else:
                table = focus.pivot_table(index=["breakdown", "retning"], columns="enhed",
                                          values="value", aggfunc="sum", fill_value=0)
                table = table.reset_index()
                table.insert(0, "Bevægelse", [ladder.move_label(b) for b in table["breakdown"]])
                table = table.drop(columns="breakdown").rename(columns={"retning": "Retning"})
                for column in table.columns[2:]:
                    table[column] = table[column].astype(int)
                st.dataframe(table, hide_index=True, width="stretch")

kpi_section(sel, "Børn flyttet ned fra institution før 18 år", "moved_down_from_institution",
              breakdowns=["all"], chart_title="Børn flyttet ned fra trin 5")
