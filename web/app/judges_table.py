"""The judges table of the ranking view, shown when the answers come from two judges or more
(what each cell says: `ranker.judges.judge_cells`)."""

from ranker.judges import JudgeRow, judge_cells

from .dom import by_id, element

SHOWN = 50
"""Rows shown at the most (a log may name any number of judges); judges.csv lists all."""


def show_judges(rows: list[JudgeRow]) -> None:
    body = by_id("judges-rows")
    body.replaceChildren()
    by_id("judges").hidden = len(rows) < 2
    if len(rows) < 2:
        return
    for row in rows[:SHOWN]:
        line = element("tr")
        name, *numbers = judge_cells(row)
        head = element("th", "", name)
        head.scope = "row"
        line.append(head)
        for text in numbers:
            line.append(element("td", "", text))
        body.append(line)
    if len(rows) > SHOWN:
        more = element("td", "", f"and {len(rows) - SHOWN:,} more judges: see judges.csv")
        more.colSpan = 5
        line = element("tr")
        line.append(more)
        body.append(line)
