"""The downloads of Settings: the log and every export, made from the session's answers as
they are now (the rankings settled first, the preference files written in slices: on a long
log either would freeze the page)."""

from collections.abc import Callable

from ranker.formats import image_lines, write_rankings, write_rankings_json, write_votes

from .dom import by_id, on, spawn
from .settling import settle_in_slices
from .slices import pieces_in_slices


class Downloads:
    def __init__(self, files, session: Callable) -> None:
        self._files = files
        self._session = session  # () -> the page's session, or None

    def wire(self) -> None:
        on(by_id("download-votes"), "click", lambda _e: self.votes())
        for what in ("rankings", "preferences", "json", "pick-a-pic", "images"):
            on(by_id(f"download-{what}"), "click", lambda _e, what=what: self.export(what))

    def votes(self) -> None:
        session = self._session()
        if session is not None:
            self._files.download("votes.csv", write_votes(session.all_votes))

    def export(self, what: str) -> None:
        if self._session() is not None:
            spawn(self._when_settled(what, self._session()))

    async def _when_settled(self, what: str, session) -> None:
        ranked = what in ("rankings", "json")
        current = self._session
        if ranked and not await settle_in_slices(
            lambda: session.ranker if current() is session else None, pause_s=0.0
        ):
            return
        ranker = session.ranker
        if what == "rankings":
            self._files.download("rankings.csv", write_rankings(ranker.standings()))
        elif what == "images":
            text = await pieces_in_slices(image_lines(session.image_facts()), pause_s=0.0)
            self._files.download("images.jsonl", text, "application/jsonl")
        elif what in ("preferences", "pick-a-pic"):
            name = f"{what}.jsonl"
            text = await pieces_in_slices(session.training_lines(name), pause_s=0.0)
            self._files.download(name, text, "application/jsonl")
        else:
            judges = sorted({v.judge for v in session.all_votes})
            text = write_rankings_json(ranker.standings(), ranker.question, judges)
            self._files.download("rankings.json", text, "application/json")
