"""What a failed browser call is said as: its DOM exception name turned into a reason a
person understands, with the browser's own message after it."""


def described(error: Exception) -> str:
    name = str(getattr(error, "name", "") or type(error).__name__)
    text = str(getattr(error, "message", "") or error)
    reasons = {
        "NotAllowedError": "the browser may not write into this folder (permission)",
        "NoModificationAllowedError": "the folder or file is read-only or locked",
        "QuotaExceededError": "the disk is full",
        "InvalidStateError": "the file changed or is in use",
        "TypeMismatchError": "a file stands where the folder .image-ranker should be",
    }
    return f"{reasons.get(name, name)} ({text})"
