"""The downloads of Settings: the log and every export, made from the session's answers as
they are now (the rankings settled first, the preference files written in slices: on a long
log either would freeze the page)."""

from collections.abc import Callable

from ranker.formats import (
    OriginalPaths,
    image_lines,
    write_flask_comparisons,
    write_flask_rankings,
    write_rankings,
    write_rankings_json,
    write_votes,
)
from ranker.unshown import set_apart

from .dom import by_id, on, spawn
from .settling import settle_in_slices
from .slices import pieces_in_slices


class Downloads:
    def __init__(self, files, session: Callable) -> None:
        self._files = files
        self._session = session  # () -> the page's session, or None

    def wire(self) -> None:
        on(by_id("download-votes"), "click", lambda _e: self.votes())
        for what in ("rankings", "preferences", "json", "pick-a-pic", "images", "original"):
            on(by_id(f"download-{what}"), "click", lambda _e, what=what: self.export(what))

    def votes(self) -> None:
        session = self._session()
        if session is not None:
            self._files.download("votes.csv", write_votes(session.all_votes))

    def export(self, what: str) -> None:
        if self._session() is not None:
            spawn(self._when_settled(what, self._session()))

    async def _when_settled(self, what: str, session) -> None:
        ranked = what in ("rankings", "json", "original")
        current = self._session
        if ranked and not await settle_in_slices(
            lambda: session.ranker if current() is session else None, pause_s=0.0
        ):
            return
        ranker = session.ranker
        standings = list(set_apart(ranker.standings(), session.unshown)) if ranked else []
        if what == "rankings":
            self._files.download("rankings.csv", write_rankings(standings))
        elif what == "images":
            text = await pieces_in_slices(image_lines(session.image_facts()), pause_s=0.0)
            self._files.download("images.jsonl", text, "application/jsonl")
        elif what in ("preferences", "pick-a-pic"):
            name = f"{what}.jsonl"
            text = await pieces_in_slices(session.training_lines(name), pause_s=0.0)
            self._files.download(name, text, "application/jsonl")
        elif what == "original":  # the original app's two files, so a person can go back
            paths = OriginalPaths(session.resolver)
            log = session.resolved_votes
            self._files.download(
                "comparisons.csv", write_flask_comparisons(log, ranker.question, paths)
            )
            self._files.download("image_rankings.csv", write_flask_rankings(standings, paths))
        else:
            judges = sorted({v.judge for v in session.all_votes})
            text = write_rankings_json(standings, ranker.question, judges)
            self._files.download("rankings.json", text, "application/json")
