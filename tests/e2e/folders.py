"""Folders for the browser tests: images made with Pillow, written into the page's Origin
Private File System, and a `showDirectoryPicker` that returns that real directory handle, so
the page's File System Access code runs as it does on a person's disk."""

from __future__ import annotations

import base64
import io

from PIL import Image, ImageDraw
from playwright.sync_api import Page

FOLDER = "chosen-folder"

# Before any script of the page: the picker hands out the OPFS folder the test filled.
PICKER_STUB = f"""
window.showDirectoryPicker = async () => {{
  const root = await navigator.storage.getDirectory();
  return root.getDirectoryHandle({FOLDER!r}, {{ create: true }});
}};
"""
NO_PICKER = "delete window.showDirectoryPicker;"

WRITE = """
async ([folder, files]) => {
  const root = await navigator.storage.getDirectory();
  // The page may be writing its own files there (an export's swap file): a folder with a file
  // open for writing cannot be removed, so try again until it is gone (or was never there).
  for (let attempt = 0; ; attempt++) {
    try {
      await root.removeEntry(folder, { recursive: true });
      break;
    } catch (error) {
      if (error.name === "NotFoundError") break;
      if (attempt === 50) throw error;
      await new Promise((done) => setTimeout(done, 100));
    }
  }
  const top = await root.getDirectoryHandle(folder, { create: true });
  for (const [path, data] of files) {
    const parts = path.split("/");
    let dir = top;
    for (const part of parts.slice(0, -1)) dir = await dir.getDirectoryHandle(part, { create: true });
    const handle = await dir.getFileHandle(parts.at(-1), { create: true });
    const writable = await handle.createWritable();
    await writable.write(Uint8Array.from(atob(data), (c) => c.charCodeAt(0)));
    await writable.close();
  }
}
"""
READ = """
async ([folder, path]) => {
  let dir = await (await navigator.storage.getDirectory()).getDirectoryHandle(folder);
  const parts = path.split("/");
  try {
    for (const part of parts.slice(0, -1)) dir = await dir.getDirectoryHandle(part);
    return await (await (await dir.getFileHandle(parts.at(-1))).getFile()).text();
  } catch (error) {
    return null;
  }
}
"""


def image_bytes(index: int, size: tuple[int, int] = (160, 120), fmt: str = "PNG") -> bytes:
    """A distinct picture per index (its colour and number), so screenshots show which is which."""
    hue = (index * 47) % 255
    picture = Image.new("RGB", size, (hue, 255 - hue, (hue * 3) % 255))
    draw = ImageDraw.Draw(picture)
    draw.rectangle((8, 8, size[0] - 8, size[1] - 8), outline=(255, 255, 255), width=3)
    draw.text((size[0] // 3, size[1] // 3), str(index), fill=(0, 0, 0))
    out = io.BytesIO()
    picture.save(out, fmt)
    return out.getvalue()


HOSTILE_NAMES = [
    "plain.png",
    "with space.png",
    "comma, in name.png",
    'quote "marks".png',
    "ünïcødé 写真.png",
    "<img src=x onerror=alert(1)>.png",
    "=cmd()+1.png",
    "nested/deeper/inner.png",
    "nested/UPPER.PNG",
]


def hostile_folder() -> dict[str, bytes]:
    files = {name: image_bytes(i) for i, name in enumerate(HOSTILE_NAMES)}
    files["notes.txt"] = b"not an image"
    files["corrupt.jpg"] = b"\xff\xd8\xff\xe0 this is not really a jpeg"
    return files


def fill(page: Page, files: dict[str, bytes], folder: str = FOLDER) -> None:
    """Replace the OPFS folder `folder` by `files` (relative path -> bytes)."""
    encoded = [[path, base64.b64encode(data).decode()] for path, data in files.items()]
    page.evaluate(WRITE, [folder, encoded])


def read(page: Page, path: str) -> str | None:
    return page.evaluate(READ, [FOLDER, path])
