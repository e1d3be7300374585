"""One folder being ranked: its images, the engine replaying the folder's log, and the saver.
The single place where a folder becomes a ranking (and resumes one) and where every answer
is made and handed to the saver."""

from collections.abc import Callable
from dataclasses import dataclass, replace

from ranker import DEFAULT_QUESTION, Ranker, Vote
from ranker.engine import Engine, EngineType
from ranker.formats import PathResolver, merge_votes, read_rankings, summarize_log
from ranker.formats.images_jsonl import ImageFacts
from ranker.groups import ALONE, by_folder, by_prompt
from ranker.listing import HIDDEN, LISTED_EXTENSIONS, Listing
from ranker.log import is_removal
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


@dataclass
class Opened:
    session: "Session | None"
    title: str = ""
    report: str = ""


class Session:
    def __init__(
        self,
        folder,
        listing: Listing,
        ranker: Engine,
        saver: Saver,
        on_state: Callable[[], None],
        resolver: PathResolver,
    ) -> None:
        self.folder = folder
        self.listing = listing
        self.ranker = ranker
        self.saver = saver
        self.resolver = resolver  # the original app's paths in the log -> this folder's images
        self._resolved: list[Vote] = []  # the log with those paths matched, as far as done
        self._raw_of: dict[Vote, Vote] = {}  # a row matched -> the row as the log has it
        self._engine = engine()
        self.rankers = {ranker.question: ranker}  # one ranking per question, one shared log
        self.within = "folder"
        self.prompts: dict[str, str | None] = {}
        self._failed: set[str] = set()  # images the page could not show
        self._decoded: set[str] = set()  # and those it showed
        self.image_facts: Callable[[], list[ImageFacts]] = list
        """What images.jsonl lists, as read so far (the page's prompt reader sets it)."""
        self.exports = Exports(
            folder,
            lambda: self.ranker,
            lambda: self.resolved_votes,
            self.export_context,
            on_state,
            lambda: self.unshown,
        )
        saver.connect(take_in=self.take_in, on_saved=self.exports.due, on_device=self._answer_as)

    @classmethod
    async def open(
        cls,
        folder,
        strategy: str,
        judge: str,
        on_state,
        question: str = DEFAULT_QUESTION,
        *,
        device: str,
    ) -> Opened:
        """`device`: this browser's id, in its log's name and on each answer it gives."""
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
                f"({' '.join(LISTED_EXTENSIONS)}).",
            )
        saver = Saver(folder, on_state, judge, device)
        found = await saver.open()
        resolver = PathResolver(listing.images)
        votes = resolver.votes(found.votes)
        ranker = engine().from_votes(
            listing.images,
            votes,
            strategy=strategy,
            judge=judge,
            question=question,
            settled=False,
        )
        report = [f"“{folder.name}”: {listing.summary()}."]
        if found.votes:
            report.append(
                await cls._resumed(folder, listing, votes, found.from_journal, ranker.removed)
            )
        report.extend(found.notes)
        report.extend(f"{problem}." for problem in found.problems[:5])
        if len(found.problems) > 5:
            report.append(f"…and {len(found.problems) - 5} more rows that could not be read.")
        session = cls(folder, listing, ranker, saver, on_state, resolver)
        return Opened(session, report=" ".join(report))

    @staticmethod
    async def _resumed(
        folder, listing: Listing, votes: list[Vote], from_journal: int, removed: list[str]
    ) -> str:
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
        if removed:
            text += (
                f"; {plural(len(removed), 'image')} removed from the ranking (Restore in the "
                "ranking view brings one back)"
            )
        try:
            previous = await folder.readApp("rankings.csv") if folder.canWrite else None
        except Exception:  # not a file (a folder of that name): nothing to compare with
            previous = None
        if previous is not None:
            rankings = previous.to_bytes().decode("utf-8", "replace")
            known = {standing.id for standing in read_rankings(rankings).standings}
            added = len(present - known - set(removed))
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
        """Takes back the latest answer, removal or restore. The undo row names the rows it
        takes back as the log has them (the original app's paths, for an imported row), so
        that the log read again takes back that row; an undone removal changes every
        question's ranking."""
        taken_back = self.ranker.undo()
        row = self.ranker.votes[-1]
        if is_removal(row):
            self._to_other_questions(row)
        self._resolved_votes()  # every row of the log is in _raw_of if it was matched
        raw = self._raw_of.get(taken_back)
        if raw is not None:
            row = replace(row, left=raw.left, right=raw.right, strategy=raw.strategy)
        self.saver.record([row])
        return taken_back

    def remove_image(self, path: str) -> Vote:
        """The person takes an image out of the ranking (every question's); its file is not
        touched, and its answers stay in the log."""
        return self._removal(self.ranker.remove_item(path))

    def restore_image(self, path: str) -> Vote:
        return self._removal(self.ranker.restore_item(path))

    def _removal(self, row: Vote) -> Vote:
        self._to_other_questions(row)
        self.saver.record([row])
        return row

    def _to_other_questions(self, row: Vote) -> None:
        """A removal (or its undo) made in this question's ranking holds in the others."""
        for ranker in self.rankers.values():
            if ranker is not self.ranker:
                ranker.take_in([row])

    # images the page cannot show ---------------------------------------------------------------

    def shown(self, path: str, ok: bool) -> None:
        """What showing an image gave: one that could not be shown is asked about no more,
        and (while it never showed) not ranked among the rest (`ranker.unshown`)."""
        if ok:
            self._decoded.add(path)
        elif path not in self._failed:
            self._failed.add(path)
            for ranker in self.rankers.values():
                ranker.hold_back([path])

    @property
    def unshown(self) -> set[str]:
        """The images this page tried to show and never could."""
        return self._failed - self._decoded

    # the log and its files ----------------------------------------------------------------------

    @property
    def all_votes(self) -> list[Vote]:
        """Every answer of the folder's log, this tab's, other tabs' and imported ones, as the
        log has them."""
        return self.saver.all_votes

    @property
    def resolved_votes(self) -> list[Vote]:
        """`all_votes` with the original app's paths matched to this folder's images: what
        the rankings and the exports are made of."""
        return self._resolved_votes()

    def _resolved_votes(self) -> list[Vote]:
        log = self.saver.all_votes  # only grows: the rows added since are matched
        for vote in log[len(self._resolved) :]:
            matched = self.resolver.vote(vote)
            if matched is not vote:
                self._raw_of[matched] = vote
            self._resolved.append(matched)
        return self._resolved

    @property
    def journaled(self):
        """The latest answer's journal write: the next question waits for it."""
        return self.saver.journaled

    def merge_log(self, theirs: list[Vote]) -> list[Vote]:
        """Another log's answers that this one lacks, added to it and replayed; returns them."""
        new = merge_votes(self.saver.all_votes, theirs, same=self.resolver.vote)
        if new:
            self.saver.record(new)
            self.replace_log(self.resolved_votes)
        return new

    def training_lines(self, name: str):
        return self.exports.lines(name)

    def save_state(self) -> SaveState:
        return self.saver.take_state(self.exports.failed)

    async def retry_saving(self) -> None:
        await self.saver.retry()

    async def write_images(self, facts: list[ImageFacts]) -> None:
        """images.jsonl, by the tab that writes the log, once every image's file is read."""
        if self.saver.writer and self.folder.canWrite:
            await self.exports.write_images(facts)

    async def retry_exports(self) -> None:
        await self.exports.write()

    def close(self) -> None:
        """The page moves on: this session writes no more, and lets the folder go."""
        self.exports.close()
        self.saver.close()

    def take_in(self, votes: list[Vote]) -> None:
        """Answers another tab or program added to the folder's log: every question's ranking
        takes them in, so the ranking view and rankings.csv count every answer."""
        matched = self.resolver.votes(votes)
        for ranker in self.rankers.values():
            ranker.take_in(matched)

    def replace_log(self, votes: list[Vote]) -> None:
        """After loading or importing a log: the engine replays the whole of it."""
        self.rankers = {}
        self._switch(self.ranker.question, votes)

    # questions and groups ---------------------------------------------------------------------

    def _answer_as(self, device: str) -> None:
        """The device this page's answers carry (none while it writes votes.csv alone): the
        folder became a team's, or is one."""
        for ranker in self.rankers.values():
            ranker.device = device

    def set_judge(self, judge: str) -> None:
        """The person's name changed: their next answers are theirs, in their log."""
        self.ranker.judge = judge
        self.saver.write_as(judge)

    def set_question(self, question: str) -> None:
        """Each question has its own ranking over the shared log; switching keeps every log."""
        if question != self.ranker.question:
            self._switch(question, self.resolved_votes)

    def _switch(self, question: str, votes: list[Vote]) -> None:
        old = self.ranker
        ranker = self.rankers.get(question)
        if ranker is None:
            ranker = self._engine.from_votes(
                self.listing.images,
                votes,
                strategy=old.strategy,
                judge=old.judge,
                seed=old.seed,
                question=question,
                settled=False,
            )
            ranker.hold_back(self._failed)
            self.rankers[question] = ranker
        ranker.strategy, ranker.judge, ranker.device = old.strategy, old.judge, old.device
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
            return by_prompt(items, self.prompts)
        return None

    def export_context(self) -> dict:
        """What the training exports add to each answer: its prompt and group, when known."""
        groups = self.groups()
        if groups is not None:
            groups = {item: name for item, name in groups.items() if not name.startswith(ALONE)}
        return {"prompts": self.prompts if any(self.prompts.values()) else None, "groups": groups}
