"""The keyboard: which key is which action, said once. The page decides what an action does
in the view it is in; the answer actions are the kinds `Session.answer` takes."""

KEYS = {
    "ArrowLeft": "left",
    "a": "left",
    "ArrowRight": "right",
    "d": "right",
    "ArrowDown": "draw",
    "s": "draw",
    " ": "skip",
    "Backspace": "undo",
    "z": "zoom",
    "f": "full",
    "c": "flicker",  # held
    "x": "skip-image",
    "p": "prompt",
    "r": "ranking",
    "?": "help",
    "Escape": "escape",
    "1": "1",
    "2": "2",
    "3": "3",
    "4": "4",
}
ANSWERS = ("left", "right", "draw", "skip", "1", "2", "3", "4")
PAN = {"ArrowLeft": (-1, 0), "ArrowRight": (1, 0), "ArrowUp": (0, -1), "ArrowDown": (0, 1)}


def action_of(event) -> str | None:
    """The action of a keydown, or None: keys typed into a field are the field's (but Esc),
    and a shortcut with Alt or Cmd is the browser's."""
    if event.target.tagName in ("INPUT", "SELECT", "TEXTAREA") and event.key != "Escape":
        return None
    if event.altKey or event.metaKey:
        return None
    if event.key == "?":
        return "help"
    key = event.key if len(event.key) > 1 else event.key.lower()
    if event.ctrlKey:
        return "undo" if key == "z" else None
    return KEYS.get(key)


def pan_of(event) -> tuple[int, int] | None:
    """The direction an arrow key pans the zoomed images in, or None (taken as `action_of`
    takes keys: not in a field, not with a modifier)."""
    if event.target.tagName in ("INPUT", "SELECT", "TEXTAREA"):
        return None
    if event.altKey or event.metaKey or event.ctrlKey:
        return None
    return PAN.get(event.key)
