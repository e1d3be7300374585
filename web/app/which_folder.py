"""Which folder this browser knows a folder just chosen as, before any answer is resumed:
`ranker.folder_identity` decides from its listing; when a folder known by that name (or at
that place on the disk) has answers here but another listing, the ask view says what changed
and the person chooses to continue with them or start afresh (they stay kept for the other)."""

import asyncio
import json

from ranker.folder_identity import Changed, Known, New, Same, identify, read_listing
from ranker.formats import answers_in_force
from ranker.formats.journal import journal_votes

from . import banner
from .dom import by_id, on, plural, set_view


class WhichFolder:
    def __init__(self, files) -> None:
        self._files = files
        self._asking: asyncio.Future | None = None

    def wire(self) -> None:
        on(by_id("ask-continue"), "click", lambda _e: self._answer(True))
        on(by_id("ask-fresh"), "click", lambda _e: self._answer(False))

    async def recognise(self, folder) -> bool:
        """Sets `folder.id`; False when the person chose another folder while asked."""
        self.cancel()
        listing = str(folder.listing())
        now = _stamps(listing) or {}
        records = (await self._files.knownFolders(folder)).to_py()
        known = [Known(r["id"], _stamps(r["listing"])) for r in records]
        journals = {r["id"]: await self._files.journalEntries(r["id"]) for r in records}
        decision = identify(now, known, lambda folder_id: _answers(journals[folder_id]))
        if isinstance(decision, Same):
            folder_id = decision.id
        elif isinstance(decision, New):
            folder_id = decision.reuse or ""
        else:
            keep = await self._ask(folder, decision)
            if keep is None:
                return False
            folder_id = decision.id if keep else ""
        await self._files.rememberFolder(folder, folder_id, listing)
        return True

    def cancel(self) -> None:
        """Another folder is being opened: a question still open is dropped."""
        self._answer(None)

    async def _ask(self, folder, decision: Changed) -> bool | None:
        name, count = folder.name, plural(decision.answers, "answer")
        if folder.canWrite:
            kept = f"This browser keeps {count} for this folder that are not in its votes.csv yet"
        else:
            kept = f"This browser keeps {count} for a folder named “{name}”"
        if decision.changes is None:
            text = (
                f"{kept}, from before it noted which files a folder holds: it cannot tell "
                "whether this is the same folder."
            )
        else:
            text = f"{kept}, but this folder is not as that one was: {decision.changes.summary()}."
            if decision.changes.same == 0:
                text += " No image is the same file as before: this is likely another folder."
        by_id("ask-title").textContent = f"Continue with the answers kept for “{name}”?"
        by_id("ask-text").textContent = text
        by_id("ask-continue").textContent = f"Continue with its {count}"
        banner.hide()  # it spoke of the folder open until now
        set_view("ask")
        likely_other = decision.changes is None or decision.changes.same == 0
        by_id("ask-fresh" if likely_other else "ask-continue").focus()
        self._asking = asyncio.get_running_loop().create_future()
        return await self._asking

    def _answer(self, keep: bool | None) -> None:
        """The person's choice (None: the question was dropped), to the `_ask` waiting."""
        asking, self._asking = self._asking, None
        if asking is not None and not asking.done():
            asking.set_result(keep)


def _stamps(listing: str) -> dict | None:
    """A listing as the browser keeps it (JSON); None when none was kept or it is unreadable
    (damaged storage): that folder's answers are then asked about, never resumed unasked."""
    try:
        entries = json.loads(listing) if listing else None
    except ValueError:
        return None
    return read_listing(entries) if isinstance(entries, list) else None


def _answers(entries) -> int:
    """Answers in force among a folder's journal entries, as "Resumed …" would count them."""
    return len(answers_in_force(journal_votes(str(text) for e in entries for text in e.rows)))
