"""One folder being ranked: its images, the engine replaying the folder's log, and the saver.
The single place where a folder becomes a ranking (and resumes one) and where every answer
is made and handed to the saver."""

from collections.abc import Callable
from dataclasses import dataclass

from ranker import DEFAULT_QUESTION, Ranker, Vote
from ranker.engine import Engine, EngineType
from ranker.formats import merge_votes, read_rankings, summarize_log
from ranker.groups import by_folder, by_prompt
from ranker.listing import HIDDEN, Listing
from ranker.reference import OnlineRanker

from .dom import plural
from .exports import Exports
from .saving import Saver, SaveState


def engine() -> EngineType:
    """The ranking engine, or with `?engine=reference` in the address the original app's way
    (random pairs, one online TrueSkill update per answer), which `bench browser` compares."""
    from pyscript import window  # noqa: PLC0415 - browser only

    reference = "engine=reference" in str(window.location.search)
    return OnlineRanker if reference else Ranker


UNREAD = "\0unread:"  # the group of an image whose prompt is still being read


@dataclass
class Opened:
    session: "Session | None"
    title: str = ""
    report: str = ""


class Session:
    def __init__(
        self, folder, listing: Listing, ranker: Engine, saver: Saver, on_state: Callable[[], None]
    ) -> None:
        self.folder = folder
        self.listing = listing
        self.ranker = ranker
        self.saver = saver
        self._engine = engine()
        self.rankers = {ranker.question: ranker}  # one ranking per question, one shared log
        self.within = "folder"
        self.prompts: dict[str, str | None] = {}
        self.exports = Exports(
            folder, lambda: self.ranker, lambda: saver.all_votes, self.export_context, on_state
        )
        saver.connect(take_in=self.take_in, on_saved=self.exports.due)

    @classmethod
    async def open(
        cls, folder, strategy: str, judge: str, on_state, question: str = DEFAULT_QUESTION
    ) -> Opened:
        listing = Listing()
        for path in folder.paths:
            listing.add(path)
        if folder.hidden:
            listing.skipped[HIDDEN] += folder.hidden
        if len(listing.images) < 2:
            return Opened(
                None,
                "Fewer than two images",
                f"“{folder.name}” has {listing.summary()}. Ranking needs at least two images "
                "(.jpg .jpeg .png .gif .webp .avif .bmp .svg).",
            )
        saver = Saver(folder, on_state)
        found = await saver.open()
        ranker = engine().from_votes(
            listing.images,
            found.votes,
            strategy=strategy,
            judge=judge,
            question=question,
            settled=False,
        )
        report = [f"“{folder.name}”: {listing.summary()}."]
        if found.votes:
            report.append(await cls._resumed(folder, listing, found.votes, found.from_journal))
        report.extend(found.notes)
        report.extend(f"{problem}." for problem in found.problems[:5])
        if len(found.problems) > 5:
            report.append(f"…and {len(found.problems) - 5} more rows that could not be read.")
        session = cls(folder, listing, ranker, saver, on_state)
        return Opened(session, report=" ".join(report))

    @staticmethod
    async def _resumed(folder, listing: Listing, votes: list[Vote], from_journal: int) -> str:
        summary = summarize_log(votes, listing.images)
        present = set(listing.images)
        gone = len(summary.missing)
        text = (
            f"Resumed {plural(summary.answers, 'answer')} by {plural(len(summary.judges), 'judge')}"
        )
        if from_journal and folder.canWrite:  # else all are, as the report goes on to say
            text += f" ({from_journal:,} of them kept in this browser until now)"
        if gone:
            text += (
                f"; {plural(gone, 'image')} no longer in the folder (their answers are kept "
                "in the log, left out of the ranking)"
            )
        try:
            previous = await folder.readApp("rankings.csv") if folder.canWrite else None
        except Exception:  # not a file (a folder of that name): nothing to compare with
            previous = None
        if previous is not None:
            rankings = previous.to_bytes().decode("utf-8", "replace")
            known = {standing.id for standing in read_rankings(rankings).standings}
            added = len(present - known)
            if added:
                text += f"; {plural(added, 'new image')} added"
        return text + "."

    # answering ------------------------------------------------------------------------------

    def answer(self, kind: str, left: str, right: str) -> Vote:
        """A pair answered: `kind` is one of `ANSWER_KINDS` (the page's answer keys)."""
        ranker = self.ranker
        answers = {
            "left": lambda: ranker.vote(left, right),
            "right": lambda: ranker.vote(right, left),
            "draw": lambda: ranker.draw(left, right),
            "skip": lambda: ranker.skip(left, right),
        }
        if kind not in answers:
            raise ValueError(f"not an answer: {kind!r} (one of {', '.join(answers)})")
        vote = answers[kind]()
        self.saver.record([vote])
        return vote

    def skip_set(self, shown: tuple[str, ...]) -> list[Vote]:
        """Best of k the person cannot answer: one answer, and another set comes next."""
        rows = self.ranker.skip_set(shown)
        self.saver.record(rows)
        return rows

    def choose(self, best: str, shown: tuple[str, ...]) -> list[Vote]:
        """Best of k: one answer, logged as the pairs it implies."""
        rows = self.ranker.choose(best, shown)
        self.saver.record(rows)
        return rows

    def undo(self) -> Vote:
        taken_back = self.ranker.undo()
        self.saver.record([self.ranker.votes[-1]])
        return taken_back

    # the log and its files ----------------------------------------------------------------------

    @property
    def all_votes(self) -> list[Vote]:
        """Every answer of the folder's log, this tab's, other tabs' and imported ones."""
        return self.saver.all_votes

    @property
    def journaled(self):
        """The latest answer's journal write: the next question waits for it."""
        return self.saver.journaled

    def merge_log(self, theirs: list[Vote]) -> list[Vote]:
        """Another log's answers that this one lacks, added to it and replayed; returns them."""
        new = merge_votes(self.saver.all_votes, theirs)
        if new:
            self.saver.record(new)
            self.replace_log(self.saver.all_votes)
        return new

    def training_lines(self, name: str):
        return self.exports.lines(name)

    def save_state(self) -> SaveState:
        return self.saver.take_state(self.exports.failed)

    async def retry_saving(self) -> None:
        await self.saver.retry()

    async def retry_exports(self) -> None:
        await self.exports.write()

    def close(self) -> None:
        """The page moves on: this session writes no more, and lets the folder go."""
        self.exports.close()
        self.saver.close()

    def take_in(self, votes: list[Vote]) -> None:
        """Answers another tab or program added to the folder's log: every question's ranking
        takes them in, so the ranking view and rankings.csv count every answer."""
        for ranker in self.rankers.values():
            ranker.take_in(votes)

    def set_aside(self, path: str) -> None:
        """An image that cannot be shown leaves the ranking; its file is not touched."""
        self.ranker.remove([path])

    def replace_log(self, votes: list[Vote]) -> None:
        """After loading or importing a log: the engine replays the whole of it."""
        self.rankers = {}
        self._switch(self.ranker.question, votes)

    # questions and groups ---------------------------------------------------------------------

    def set_question(self, question: str) -> None:
        """Each question has its own ranking over the shared log; switching keeps every log."""
        if question != self.ranker.question:
            self._switch(question, self.saver.all_votes)

    def _switch(self, question: str, votes: list[Vote]) -> None:
        old = self.ranker
        ranker = self.rankers.get(question)
        if ranker is None:
            ranker = self._engine.from_votes(
                old.items,
                votes,
                strategy=old.strategy,
                judge=old.judge,
                seed=old.seed,
                question=question,
                settled=False,
            )
            ranker.remove([item for item in ranker.items if item not in old.items])
            self.rankers[question] = ranker
        ranker.strategy, ranker.judge = old.strategy, old.judge
        self.ranker = ranker
        self.set_within(self.within)

    def set_within(self, within: str) -> None:
        """Compare within the whole folder, each subfolder, or each prompt."""
        self.within = within
        self.ranker.set_groups(self.groups())

    def groups(self) -> dict[str, str] | None:
        items = self.listing.images
        if self.within == "subfolder":
            return by_folder(items)
        if self.within == "prompt":
            grouped = by_prompt(items, self.prompts)
            for item in items:  # not read yet: alone, so never paired across prompts
                if item not in self.prompts:
                    grouped[item] = UNREAD + item
            return grouped
        return None

    def export_context(self) -> dict:
        """What the training exports add to each answer: its prompt and group, when known."""
        groups = self.groups()
        return {"prompts": self.prompts if any(self.prompts.values()) else None, "groups": groups}
