"""Two computers ranking one folder over a sync service: two browsers (each its own storage and
its own copy of the folder), and a sync service between them, simulated here, that copies
files both ways, keeps both versions of a file changed on both sides (a conflict copy), and
never merges a file. Both count every answer of both."""

from __future__ import annotations

from playwright.sync_api import Browser, Page, expect

from ranker.formats import read_votes

from .conftest import Ranking
from .folders import FOLDER
from .test_saving import FILES

# Every file of the folder's .image-ranker/ (and its votes/), as {path: text}.
FILES_OF = """
async ([folder]) => {
  const top = await (await navigator.storage.getDirectory()).getDirectoryHandle(folder);
  const found = {};
  async function walk(dir, prefix) {
    for await (const [name, handle] of dir.entries()) {
      if (name.endsWith(".crswap")) continue;  // a write of the page in progress
      if (handle.kind === "directory") await walk(handle, `${prefix}${name}/`);
      else found[`${prefix}${name}`] = await (await handle.getFile()).text();
    }
  }
  try {
    await walk(await top.getDirectoryHandle(".image-ranker"), ".image-ranker/");
  } catch (error) {
    if (error.name !== "NotFoundError") throw error;
  }
  return found;
}
"""
# The sync service puts a file in place, whole, as it got it from the other computer.
PUT = """
async ([folder, path, text]) => {
  let dir = await (await navigator.storage.getDirectory()).getDirectoryHandle(folder);
  const parts = path.split("/");
  for (const part of parts.slice(0, -1)) dir = await dir.getDirectoryHandle(part, { create: true });
  for (let tries = 0; ; tries++) {
    try {
      const writable = await (await dir.getFileHandle(parts.at(-1), { create: true })).createWritable();
      await writable.write(text);
      return await writable.close();
    } catch (error) {  // OPFS refuses while a write of the page is open; a disk would not
      const busy = ["NoModificationAllowedError", "InvalidModificationError"];
      if (!busy.includes(error.name) || tries > 100) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}
"""


class SyncService:
    """Dropbox between two computers, as far as files go: a file changed on one side since
    the last sync is copied to the other; one changed on both is kept in the version of the
    first computer, and the other's version is put beside it on both as a conflict copy."""

    def __init__(self, pages: dict[str, Page]) -> None:
        self.pages = pages
        self.synced: dict[str, str] = {}  # each file as both sides had it after the last sync
        self.conflicts: list[str] = []  # the files changed on both sides, once each time

    def files(self, name: str) -> dict[str, str]:
        return self.pages[name].evaluate(FILES_OF, [FOLDER])

    def put(self, name: str, path: str, text: str) -> None:
        self.pages[name].evaluate(PUT, [FOLDER, path, text])

    def sync(self) -> None:
        (first, mine), (second, theirs) = [(name, self.files(name)) for name in self.pages]
        for path in sorted(mine.keys() | theirs.keys()):
            ours, other, base = mine.get(path), theirs.get(path), self.synced.get(path)
            if ours == other:
                pass
            elif other is None or other == base:
                self.put(second, path, ours)
            elif ours is None or ours == base:
                self.put(first, path, other)
            else:  # changed on both computers since the last sync
                self.conflicts.append(path)
                stem, dot, extension = path.rpartition(".")
                copy = f"{stem} ({second}'s conflicted copy {len(self.conflicts)}){dot}{extension}"
                self.put(second, path, ours)
                self.put(first, copy, other)
                self.put(second, copy, other)
                self.synced[copy] = other
            self.synced[path] = ours if ours is not None else other


def logs_in(paths) -> list[str]:
    """The logs among these paths (the exports, which both computers write, conflict too)."""
    return [path for path in paths if path.startswith(".image-ranker/votes")]


def computer(browser: Browser, app, site_url: str, judge: str) -> tuple[Ranking, Page]:
    """A browser of its own (its own storage: its own device id and folder), with the folder."""
    page = browser.new_context().new_page()
    page.add_init_script(f"localStorage.setItem('image-ranker.judge', {judge!r})")
    ranking = Ranking(page, type(app)(page), site_url)
    ranking.open(FILES)
    ranking.choose_folder()
    return ranking, page


def test_two_computers_over_a_sync_service_count_every_answer(browser: Browser, app, site_url):
    ann, ann_page = computer(browser, app, site_url, "ann")
    ben, ben_page = computer(browser, app, site_url, "ben")
    try:
        for key in "ada":
            ann.press(key)
        for key in "dd":
            ben.press(key)
        for one in (ann, ben):  # each alone so far: it writes votes.csv, as before
            one.saved()
        service = SyncService({"ann": ann_page, "ben": ben_page})
        service.sync()  # both changed votes.csv: ben's answers go to a conflict copy
        assert logs_in(service.conflicts) == [".image-ranker/votes.csv"]
        for page in (ann_page, ben_page):  # each takes the other's answers in by itself
            expect(page.locator("#progress-text")).to_contain_text("5 answers", timeout=20_000)
        expect(ann_page.locator("#arrived-status")).to_have_text("2 answers from ben came in.")

        for key in "ad":
            ann.press(key)
        for key in "sa":
            ben.press(key)
        for page in (ann_page, ben_page):  # each now writes a log no one else writes
            expect(page.locator("#save-status")).to_contain_text(
                "Saved to .image-ranker/votes/", timeout=20_000
            )
        for _ in range(2):
            service.sync()
        assert logs_in(service.conflicts) == [".image-ranker/votes.csv"], "no log changes twice"
        for page in (ann_page, ben_page):
            expect(page.locator("#progress-text")).to_contain_text("9 answers", timeout=20_000)

        for name in ("ann", "ben"):
            files = service.files(name)
            logs = logs_in(files)
            rows = [vote for path in logs for vote in read_votes(files[path]).votes]
            assert len(set(rows)) == 9, "every answer is on both computers"
            own = [path for path in logs if path.startswith(f".image-ranker/votes/{name}-")]
            assert len(own) == 1, f"{name}'s computer writes one log of its own: {logs}"
    finally:
        ann_page.context.close()
        ben_page.context.close()
