"""Indsatstrappen: where the open cases stand on the ladder, and which way children move."""

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from dashboards import ladder
from dashboards.charts import per_unit, series_colour, trend_chart
from dashboards.downloads import chart_frame, download
from dashboards.formatting import number
from dashboards.guards import require_selection, section
from dashboards.labels import STEPS
from dashboards.privacy import sum_parts
from dashboards.sections import absent_notice, kpi_rows, kpi_section

sel = require_selection()
st.header("Indsatstrappen")
st.caption(
    "Fra tidlig forebyggelse (trin 0) til døgninstitution (trin 5). Forandringsteorien: "
    "flere børn flyttes ned ad trappen, når det er muligt."
)

kpi_section(
    sel,
    "Åbne sager pr. trin",
    "cases_by_step",
    series="trin",
    labels=STEPS,
    stacked=True,
    caption="Sager efter deres aktuelle trin på periodens sidste dag.",
)


def sankey(moves, title: str) -> go.Figure:
    """Moves of one unit in one period: from a step on the left to a step on the right."""
    sources = [ladder.step_label(b.partition(">")[0]) for b in moves["breakdown"]]
    targets = [ladder.step_label(b.partition(">")[2]) for b in moves["breakdown"]]
    left = list(dict.fromkeys(sorted(sources)))
    right = list(dict.fromkeys(sorted(targets)))
    labels = [f"Fra {s}" for s in left] + [f"Til {t}" for t in right]
    colours = [series_colour(s) for s in left] + [series_colour(t) for t in right]
    link_colours = [
        {ladder.DOWN: "rgba(39,174,96,0.45)", ladder.UP: "rgba(192,57,43,0.45)"}.get(
            ladder.direction(b), "rgba(150,150,150,0.35)"
        )
        for b in moves["breakdown"]
    ]
    figure = go.Figure(
        go.Sankey(
            arrangement="snap",
            node={"label": labels, "color": colours, "pad": 14, "thickness": 16},
            link={
                "source": [left.index(s) for s in sources],
                "target": [len(left) + right.index(t) for t in targets],
                "value": moves["value"].tolist(),
                "color": link_colours,
                "hovertemplate": "%{source.label} → %{target.label}: %{value:,.0f}<extra></extra>",
            },
        )
    )
    figure.update_layout(
        title=title,
        height=460,
        margin={"l": 10, "r": 10, "t": 40, "b": 10},
        font={"size": 12},
        separators=",.",
    )
    return figure


with section():
    st.subheader("Bevægelser ned og op ad trappen")
    df = kpi_rows(sel, ("ladder_moves",))
    if df.empty:
        absent_notice(sel, "ladder_moves")
    else:
        df["retning"] = [ladder.DIRECTIONS[ladder.direction(b)] for b in df["breakdown"]]
        steps = df[
            df["retning"].isin([ladder.DIRECTIONS[ladder.DOWN], ladder.DIRECTIONS[ladder.UP]])
        ]
        by_direction = sum_parts(steps, ["enhed", "period", "periode", "retning", "unit"])
        st.caption(
            f"Bevægelser i {sel.period_text(sel.focus)}; en sum med skjulte små tal vises kun, "
            "når den ikke afslører dem."
        )
        now = by_direction[by_direction["period"] == sel.focus]
        counted = [u for u in sel.units if (now["enhed"] == u.label).any()]
        for column, place in zip(st.columns(max(len(counted), 1)), counted):
            with column.container(border=True):
                st.markdown(f"**{place.label}**")
                for part, direction in zip(st.columns(2), (ladder.DOWN, ladder.UP)):
                    name = ladder.DIRECTIONS[direction]
                    cell = now[(now["enhed"] == place.label) & (now["retning"] == name)]
                    value = cell["value"].iloc[0] if len(cell) else 0.0
                    part.metric(
                        name,
                        "skjult" if pd.isna(value) else f"{number(value)} bevægelser",
                    )
        per_unit(
            sel, by_direction, lambda part, title: trend_chart(sel, part, title, color="retning")
        )

        focus = df[df["period"] == sel.focus]
        st.subheader(f"Strømme på trappen, {sel.period_text(sel.focus)}")
        st.caption(
            "Hver strøm er et antal bevægelser fra et trin (venstre) til et andet "
            "(højre). Grøn er ned ad trappen, rød op. Skjulte små tal (under 5) er "
            "udeladt."
        )
        shown = [u.label for u in sel.units if (focus["enhed"] == u.label).any()]
        if not shown:
            st.caption("Ingen bevægelser i perioden for de valgte filtre.")
        else:
            unit = (
                st.segmented_control("Enhed", shown, default=shown[0], key="sankey_unit")
                or shown[0]
            )
            moves = focus[(focus["enhed"] == unit) & focus["value"].notna() & (focus["value"] > 0)]
            if moves.empty:
                st.caption("Ingen bevægelser at vise for enheden.")
            else:
                st.plotly_chart(
                    sankey(moves, unit),
                    width="stretch",
                    config={"displayModeBar": False, "locale": "da"},
                )
            shown_values = focus.assign(
                vist=[
                    "skjult" if hidden else number(v)
                    for v, hidden in zip(focus["value"], focus["suppressed"])
                ]
            )
            table = shown_values.pivot_table(
                index=["breakdown", "retning"],
                columns="enhed",
                values="vist",
                aggfunc="first",
                fill_value="0",
            )
            table = table.reset_index()
            table.insert(0, "Bevægelse", [ladder.move_label(b) for b in table["breakdown"]])
            table = table.drop(columns="breakdown").rename(columns={"retning": "Retning"})
            with st.expander(f"Alle bevægelser i {sel.period_text(sel.focus)}"):
                st.dataframe(table, hide_index=True, width="stretch")
                download(
                    chart_frame(
                        focus.assign(bevaegelse=[ladder.move_label(b) for b in focus["breakdown"]]),
                        "bevaegelse",
                    ),
                    f"bevaegelser {sel.focus}",
                )

kpi_section(
    sel,
    "Børn flyttet ned fra institution før 18 år",
    "moved_down_from_institution",
    breakdowns=["all"],
    chart_title="Børn flyttet ned fra trin 5",
)
kpi_section(
    sel,
    "Ikke anbragt et år efter",
    "not_placed_one_year_after",
    breakdowns=["all"],
    caption="Af de børn, der var anbragt et år før periodens sidste dag: andelen, der "
    "ikke er anbragt på den dag (som i Danmarks Statistiks og FLIS' opgørelse).",
)
