"""rankings.json ("Export rankings as JSON"): the standings for programs, best first.

`{"format": "image-ranker-rankings", "version": 1, "question": ..., "judges": [...],
"items": [{"id", "rank", "score", "mu", "sigma", "comparisons", "wins", "losses", "draws"}]}`
with the numbers as the engine has them (not rounded). `format` and `version` let a reader
check what it holds; a later version only adds keys."""

import json
from collections.abc import Iterable

from ..log import DEFAULT_QUESTION
from ..ranker import Standing

FORMAT = "image-ranker-rankings"
VERSION = 1


def write_rankings_json(
    standings: list[Standing], question: str = DEFAULT_QUESTION, judges: Iterable[str] = ()
) -> str:
    items = [
        {
            "id": s.id,
            "rank": s.rank,
            "score": s.score,
            "mu": s.mu,
            "sigma": s.sigma,
            "comparisons": s.comparisons,
            "wins": s.wins,
            "losses": s.losses,
            "draws": s.draws,
        }
        for s in standings
    ]
    document = {
        "format": FORMAT,
        "version": VERSION,
        "question": question,
        "judges": sorted(judges),
        "items": items,
    }
    return json.dumps(document, ensure_ascii=False, indent=1) + "\n"
