"""How a folder reaches the page: the folder picker, a folder used before ("Continue with …"),
the upload field of browsers without folder access, or a folder dropped on the page. Each way
ends in the one `open_folder` it is given; what kept a folder from opening is said in the
message view, and a picker the person closed changes nothing."""

from collections.abc import Callable, Coroutine

from pyodide.ffi import create_proxy
from pyscript import document

from .dom import by_id, element, message, on, set_view, spawn


class FolderChoice:
    def __init__(self, files, open_folder: Callable[[object], Coroutine]) -> None:
        self._files = files
        self._open_folder = open_folder

    def wire(self) -> None:
        on(by_id("choose-folder"), "click", lambda _e: spawn(self.choose()))
        on(by_id("folder-input"), "change", lambda e: self.from_upload(e.target))
        on(document, "dragover", lambda e: e.preventDefault())
        on(document, "drop", self.on_drop)
        if not self._files.canPickFolders():
            by_id("fallback-note").hidden = False
            by_id("fallback-pick").hidden = False
        by_id("drop-hint").hidden = not self._files.canDropFolders()
        spawn(self.show_recent())

    async def show_recent(self) -> None:
        if not self._files.canPickFolders():
            return
        box = by_id("recent")
        box.replaceChildren()
        for record in (await self._files.recentFolders()).to_py():
            button = element("button", "recent-folder", f"Continue with {record['name']}")
            folder_id = record["id"]
            on(button, "click", lambda _e, folder_id=folder_id: spawn(self.reopen(folder_id)))
            box.append(button)

    async def choose(self) -> None:
        if not self._files.canPickFolders():
            by_id("folder-input").click()
            return
        try:
            folder = await self._files.pickFolder(self._listing_progress())
        except Exception as error:
            if _name(error) == "AbortError":  # the person closed the picker
                return
            self.no_folder(error)
            return
        await self._open_folder(folder)

    async def reopen(self, folder_id: str) -> None:
        try:
            folder = await self._files.reopenFolder(folder_id, self._listing_progress())
        except Exception as error:
            self.no_folder(error)
            return
        if folder is not None:
            await self._open_folder(folder)

    def from_upload(self, upload) -> None:
        """The field is emptied once read, so that choosing the same folder again (after it
        changed, or after another one) is a change too."""
        if upload.files.length:
            folder = self._files.Folder.fromFileList(upload.files)
            upload.value = ""
            spawn(self._open_folder(folder))

    def on_drop(self, event) -> None:
        event.preventDefault()
        items = event.dataTransfer.items
        if not items:
            return
        promise = self._files.folderFromDrop(items, self._listing_progress())
        spawn(self._dropped(promise))

    async def _dropped(self, promise) -> None:
        try:
            folder = await promise
        except Exception as error:
            self.no_folder(error)
            return
        if folder is None:
            message("Not a folder", "Drop a folder (not single files) to rank its images.")
        else:
            await self._open_folder(folder)

    def _listing_progress(self):
        """The listing view from the walk's first call on, not before: a person who closes
        the picker (or refuses permission) stays in the view they were in."""

        def progress(count):
            set_view("listing")
            found = f" {int(count):,} files" if count else ""
            by_id("listing-text").textContent = f"Listing the folder…{found}"

        return create_proxy(progress)

    def no_folder(self, error) -> None:
        if _name(error) in ("NotAllowedError", "SecurityError"):
            message(
                "No permission to use that folder",
                "The browser did not let the page read and write that folder. Choose it "
                "again and allow access, or choose another folder.",
            )
        else:
            message("The folder could not be opened", str(getattr(error, "message", "") or error))


def _name(error) -> str:
    return str(getattr(error, "name", "") or type(error).__name__)
