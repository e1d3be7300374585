"""What the page says about saving: the status line under the pair, and the banner with Retry
and Download votes.csv while the folder cannot be written, or an export cannot."""

from . import banner
from .dom import by_id, spawn


class SaveBanner:
    def __init__(self, download_votes) -> None:
        self._download_votes = download_votes
        self._showing = False  # the banner shows a saving problem (hidden once it is over)

    def show(self, session) -> None:
        state = session.save_state()
        by_id("save-status").textContent = state.status
        by_id("arrived-status").textContent = state.arrived
        if state.failed:
            banner.show(
                f"Your answers could not be written to .image-ranker/{state.log}: "
                f"{state.failed}. They are kept in this browser; nothing is lost.",
                retry=lambda: spawn(session.retry_saving()),
                download=self._download_votes,
            )
        elif state.exports_failed:
            banner.show(
                f"Could not update {state.exports_failed}. Your answers are saved in "
                f"{state.log}; the exports are written again after the next answer.",
                retry=lambda: spawn(session.retry_exports()),
            )
        elif state.notice:
            banner.show(state.notice, kind="info")
        elif self._showing:
            banner.hide()
        self._showing = bool(state.failed or state.exports_failed)
