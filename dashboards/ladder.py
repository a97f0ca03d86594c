"""Reading the `ladder_moves` breakdown (`5>4`, `entry>3`, `2>exit`) as a direction."""

from __future__ import annotations

from dashboards.labels import STEPS

DOWN, UP, ENTRY, EXIT, SAME = "down", "up", "entry", "exit", "same"

DIRECTIONS: dict[str, str] = {
    DOWN: "Ned ad trappen",
    UP: "Op ad trappen",
    ENTRY: "Ind på trappen",
    EXIT: "Ud af trappen",
    SAME: "Skift på samme trin",
}


def direction(move: str) -> str:
    """`5>4` → down; `1>2` → up; `entry>3` → entry; `2>exit` → exit."""
    source, _, target = move.partition(">")
    if source == "entry":
        return ENTRY
    if target == "exit":
        return EXIT
    if not (source.isdigit() and target.isdigit()):
        raise ValueError(f"ladder_moves breakdown {move!r} is not 'from>to'")
    if int(target) < int(source):
        return DOWN
    if int(target) > int(source):
        return UP
    return SAME


def step_label(step: str) -> str:
    if step in ("entry", "exit"):
        return "Ingen indsats"
    return STEPS.get(step, step)


def move_label(move: str) -> str:
    source, _, target = move.partition(">")
    return f"{step_label(source)} → {step_label(target)}"
