"""Best of 4 takes one row when that shows the four images larger than a 2x2 grid; a touch
answers only when it clearly is a tap, a swipe or a long press."""

import pytest

from ranker.gestures import LONG_PRESS, TAP, gesture, pinch
from ranker.layout import GRID, ROW, best_of_four_layout, shown_area

PHOTO = 4 / 3


def test_an_image_fits_whole_into_its_cell():
    assert shown_area(PHOTO, 400, 600) == pytest.approx(400 * 300)  # width bound
    assert shown_area(PHOTO, 800, 300) == pytest.approx(400 * 300)  # height bound
    assert shown_area(0, 400, 300) == 0.0
    assert shown_area(PHOTO, -5, 300) == 0.0


def test_a_wide_window_puts_four_photos_in_a_row():
    # a 1920 x 560 box: a row gives 470 x 353 px images, a grid 336 x 252
    assert best_of_four_layout([PHOTO] * 4, 1920, 560, gap=8, caption=26) == ROW


def test_a_squarer_window_keeps_the_grid():
    assert best_of_four_layout([PHOTO] * 4, 1264, 620, gap=8, caption=26) == GRID
    assert best_of_four_layout([PHOTO] * 4, 374, 600, gap=8, caption=26) == GRID


def test_tall_images_favour_the_row_where_wide_ones_take_the_grid():
    box = (1264, 560)
    assert best_of_four_layout([2 / 3] * 4, *box, gap=8, caption=26) == ROW
    assert best_of_four_layout([16 / 9] * 4, *box, gap=8, caption=26) == GRID


def test_taps_swipes_and_long_presses():
    assert gesture(3, -4, 0.1) == TAP
    assert gesture(3, -4, 0.8) == LONG_PRESS
    assert gesture(-120, 10, 0.2) == "left"
    assert gesture(120, -10, 0.2) == "right"
    assert gesture(5, 150, 0.2) == "draw"


@pytest.mark.parametrize(
    ("dx", "dy"),
    [(0, -150), (100, 90), (40, 0), (0, 30), (-80, 70)],
)
def test_an_upward_slanted_or_short_stroke_means_nothing(dx, dy):
    assert gesture(dx, dy, 0.2) is None


def test_pinching_zooms_in_and_out():
    assert pinch(100, 180) is True
    assert pinch(180, 100) is False
    assert pinch(100, 110) is None
    assert pinch(0, 100) is None
