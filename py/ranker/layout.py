"""How best of 4 lays its images out: one row of four, or two rows of two, whichever shows
the four larger in the room the window gives. Wide windows and tall images favour the row,
narrow windows and wide images the grid; the page asks again when the window changes."""

ROW = "row"
GRID = "grid"


def shown_area(aspect: float, width: float, height: float) -> float:
    """The area of an image of this aspect (width / height) fitted whole into a cell."""
    if aspect <= 0 or width <= 0 or height <= 0:
        return 0.0
    fitted_width = min(width, height * aspect)
    return fitted_width * fitted_width / aspect


def best_of_four_layout(
    aspects: list[float], width: float, height: float, gap: float = 0.0, caption: float = 0.0
) -> str:
    """ROW or GRID for images of these aspects in a box of width x height, cells `gap` apart,
    each with a caption of that height under its image. A tie keeps the grid."""
    row_cell = ((width - 3 * gap) / 4, height - caption)
    grid_cell = ((width - gap) / 2, (height - gap) / 2 - caption)
    row = sum(shown_area(a, *row_cell) for a in aspects)
    grid = sum(shown_area(a, *grid_cell) for a in aspects)
    return ROW if row > grid else GRID
