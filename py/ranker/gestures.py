"""What one touch on the compare view means, from where the finger went down, where it came
up and how long it stayed: a tap chooses the image under it, a swipe left, right or down
answers "left", "right" or "equally good" (as the arrow keys of the same directions do), and a
long press that hardly moved zooms. Anything else (a slanted or upward stroke, a short drag)
means nothing, so a stray touch never answers."""

TAP = "tap"
LONG_PRESS = "zoom"
SWIPES = {"left": "left", "right": "right", "down": "draw"}

SWIPE_MIN_PX = 60.0  # a deliberate stroke: a thumb's tap wanders well under this
STILL_PX = 12.0
LONG_PRESS_S = 0.5
SLANT = 2.0  # a swipe's main direction is at least this many times its other one


def gesture(dx: float, dy: float, seconds: float) -> str | None:
    """TAP, LONG_PRESS, an answer kind of SWIPES, or None. dx and dy in CSS pixels, down and
    right positive."""
    if abs(dx) <= STILL_PX and abs(dy) <= STILL_PX:
        return LONG_PRESS if seconds >= LONG_PRESS_S else TAP
    if abs(dx) >= SWIPE_MIN_PX and abs(dx) >= SLANT * abs(dy):
        return SWIPES["left" if dx < 0 else "right"]
    if dy >= SWIPE_MIN_PX and dy >= SLANT * abs(dx):
        return SWIPES["down"]
    return None


def pinch(start_distance: float, end_distance: float) -> bool | None:
    """Two fingers spread apart: True (zoom in); pinched together: False (zoom out); else
    None."""
    if start_distance <= 0:
        return None
    ratio = end_distance / start_distance
    if ratio >= 1.3:
        return True
    if ratio <= 0.77:
        return False
    return None
