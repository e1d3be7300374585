"""Load votes.csv (a log downloaded before) and Import votes (another judge's votes.csv, or the
original app's comparison history, chosen or found in the folder as its autosave): the file
read, its new rows merged into the log, and what happened said in one banner."""

from ranker.formats import (
    import_flask_history,
    is_flask_autosave,
    is_flask_history,
    judge_agreement,
    merge_votes,
    paths_not_in_folder,
    read_votes,
)
from ranker.log import REMOVE, is_removal

from . import settings
from .dom import plural

AUTOSAVE_LIMIT = 16 * 1024 * 1024
"""The largest autosave of the original app read by itself when a folder opens: about 130,000
comparisons of paths 60 characters long (a larger one can still be chosen in Import votes)."""


async def load_log(session, input_element) -> str | None:
    """Rows not yet in the log are appended to it, and the ranking is replayed from the whole
    log; what happened, for the banner once the page shows the new state (None when no file
    was chosen)."""
    if not input_element.files.length:
        return None
    file = input_element.files.item(0)
    text = await file.text()
    input_element.value = ""
    return merge_file(session, str(file.name), text)


def merge_file(session, name: str, text: str) -> str:
    """Merges one file into the log; what happened, in one sentence for the banner."""
    notes = []
    if is_flask_history(text):
        imported = import_flask_history(text, session.listing.images, settings.judge())
        theirs, problems = imported.votes, imported.problems
        if imported.unmatched:
            notes.append(
                f"{plural(len(imported.unmatched), 'path')} matched no image here: their rows "
                "are kept in the log, and count once the images are here"
            )
        if imported.ambiguous:
            notes.append(
                f"{plural(len(imported.ambiguous), 'path')} matched several images here: "
                "their rows are kept in the log, left out of the ranking"
            )
    else:
        read = read_votes(text)
        theirs, problems = read.votes, read.problems
        missing = paths_not_in_folder(session.resolver.votes(theirs), session.listing.images)
        if missing:
            listed = ", ".join(f"“{path}”" for path in missing[:3])
            listed += ", …" if len(missing) > 3 else ""
            named = "" if settings.blind() else f" ({listed})"  # blind mode hides names
            notes.append(
                f"{plural(len(missing), 'path')} not in this folder{named}: their answers "
                "are kept in the log and left out of the ranking"
            )
    new = session.merge_log(theirs)
    removed = {session.resolver.vote(v).left for v in new if v.outcome == REMOVE}
    if removed:
        notes.append(f"{plural(len(removed), 'image')} removed from the ranking, as in that log")
    notes.extend(str(problem) for problem in problems[:5])
    answers = [vote for vote in new if not is_removal(vote)]
    given = [vote for vote in theirs if not is_removal(vote)]
    summary = f"{name}: {plural(len(answers), 'new answer')} added"
    if len(given) > len(answers):
        summary += f", {plural(len(given) - len(answers), 'answer')} already in the log"
    agreement = [
        f"{a} and {b} agree on {agree} of {both} pairs both answered"
        for (a, b), (both, agree) in judge_agreement(session.resolved_votes).items()
        if both
    ]
    return ". ".join([summary, *notes, *agreement]) + "."


async def autosaves_to_offer(session) -> list[str]:
    """The original app's own histories in the folder (`comparisons_autosave_*.csv`, saved
    beside its images) that hold rows the log lacks: the page offers to import them."""
    offered = []
    for path in filter(is_flask_autosave, session.folder.paths):
        text = await _small_text(session.folder, path)
        if text is None or not is_flask_history(text):
            continue
        imported = import_flask_history(text, session.listing.images, settings.judge())
        if merge_votes(session.all_votes, imported.votes, same=session.resolver.vote):
            offered.append(path)
    return offered


async def import_autosaves(session, paths: list[str]) -> str:
    said = []
    for path in paths:
        text = await _small_text(session.folder, path)
        if text is not None:
            said.append(merge_file(session, path, text))
    return " ".join(said)


async def _small_text(folder, path: str) -> str | None:
    try:
        file = await folder.file(path)
        if file.size > AUTOSAVE_LIMIT:
            return None
        return str(await file.text())
    except Exception:  # gone since it was listed, or not readable: nothing to offer
        return None
