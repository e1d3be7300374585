"""rankings.json: the standings for programs ("Export rankings as JSON")."""

import json

from ..ranker import Standing

FORMAT = "image-ranker-rankings"


def write_rankings_json(standings: list[Standing], question: str, judges: list[str]) -> str:
    items = [
        {
            "id": s.id,
            "rank": s.rank,
            "score": round(s.score, 4),
            "mu": round(s.mu, 6),
            "sigma": round(s.sigma, 6),
            "comparisons": s.comparisons,
            "wins": s.wins,
            "losses": s.losses,
            "draws": s.draws,
        }
        for s in standings
    ]
    document = {"format": FORMAT, "version": 1, "question": question, "judges": judges}
    return json.dumps({**document, "items": items}, ensure_ascii=False, indent=1) + "\n"
