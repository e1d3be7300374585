"""The page shell's startup state, which the markup and styles.css key on `data-engine`."""

from pyscript import document


def show_ready(version: str) -> None:
    """Show the engine's version, enable the controls, and mark the page ready."""
    document.getElementById("engine-version").textContent = f"engine {version}"
    document.getElementById("choose-folder").disabled = False
    document.documentElement.setAttribute("data-engine", "ready")


def show_error(message: str) -> None:
    """Replace the progress indicator with a message saying why the page cannot work."""
    document.getElementById("error-detail").textContent = message
    document.documentElement.setAttribute("data-engine", "error")
