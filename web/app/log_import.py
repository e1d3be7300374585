"""Load votes.csv (a log downloaded before) and Import votes (another judge's votes.csv, or the
original app's comparison history): the file read, its new answers merged into the log, and
what happened said in one banner."""

from ranker.formats import (
    import_flask_history,
    is_flask_history,
    judge_agreement,
    paths_not_in_folder,
    read_votes,
)

from . import banner, settings
from .dom import plural


async def load_log(session, input_element) -> bool:
    """Rows not yet in the log are appended to it, and the ranking is replayed from the whole
    log; False when no file was chosen."""
    if not input_element.files.length:
        return False
    file = input_element.files.item(0)
    text = await file.text()
    input_element.value = ""
    notes = []
    removed: list[str] = []
    if is_flask_history(text):
        imported = import_flask_history(text, session.ranker.items, settings.judge())
        theirs, removed = imported.votes, imported.removed
        if imported.unmatched:
            notes.append(f"{plural(len(imported.unmatched), 'path')} matched no image here")
        if imported.ambiguous:
            notes.append(f"{plural(len(imported.ambiguous), 'path')} matched several images")
        problems = imported.problems
    else:
        read = read_votes(text)
        theirs, problems = read.votes, read.problems
        missing = paths_not_in_folder(theirs, session.listing.images)
        if missing:
            listed = ", ".join(f"“{path}”" for path in missing[:3])
            listed += ", …" if len(missing) > 3 else ""
            named = "" if settings.blind() else f" ({listed})"  # blind mode hides names
            notes.append(
                f"{plural(len(missing), 'path')} not in this folder{named}: their answers "
                "are kept in the log and left out of the ranking"
            )
    new = session.merge_log(theirs)
    removed = [path for path in removed if path in session.ranker.items]
    if removed:  # after the replay, which starts again from the folder's images
        session.ranker.remove(removed)
        notes.append(f"{plural(len(removed), 'image')} left out, as in that history")
    notes.extend(str(problem) for problem in problems[:5])
    summary = f"{file.name}: {plural(len(new), 'new answer')} added"
    if len(theirs) > len(new):
        summary += f", {plural(len(theirs) - len(new), 'answer')} already in the log"
    agreement = [
        f"{a} and {b} agree on {agree} of {both} pairs both answered"
        for (a, b), (both, agree) in judge_agreement(session.all_votes).items()
        if both
    ]
    banner.show(". ".join([summary, *notes, *agreement]) + ".", kind="info")
    return True
