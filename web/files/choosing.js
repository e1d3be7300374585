// The ways a person gives the page a folder: the picker, a drop, or a recent folder again.
// (The upload field, where the picker is missing, is Folder.fromFileList.)

import { Folder } from "./folder.js";
import { recentHandle } from "./recent.js";

const READ_WRITE = { mode: "readwrite" };

export const canPickFolders = () => typeof window.showDirectoryPicker === "function";

export async function pickFolder(onProgress) {
  const root = await window.showDirectoryPicker({ id: "image-ranker", ...READ_WRITE });
  return Folder.fromHandle(root, onProgress);
}

// Whether a folder dropped on the page can be read: as a handle (Chromium, written into as
// a chosen one) or as a directory entry (Firefox, Safari: read-only, as the upload field).
export const canDropFolders = () =>
  typeof DataTransferItem !== "undefined" &&
  ("getAsFileSystemHandle" in DataTransferItem.prototype ||
    "webkitGetAsEntry" in DataTransferItem.prototype);

// Called in the drop event itself: the items are only readable while it is dispatched.
export function folderFromDrop(items, onProgress) {
  const files = [...items].filter((item) => item.kind === "file");
  if (!files.some((item) => item.getAsFileSystemHandle)) {
    const folder = files.map((item) => item.webkitGetAsEntry?.()).find((e) => e?.isDirectory);
    return Promise.resolve(folder && Folder.fromEntry(folder, onProgress));
  }
  const handles = files
    .filter((item) => item.getAsFileSystemHandle)
    .map((item) => item.getAsFileSystemHandle());
  return (async () => {
    for (const handle of await Promise.all(handles)) {
      if (handle?.kind === "directory") {
        if ((await handle.requestPermission(READ_WRITE)) !== "granted") throw notAllowed();
        return Folder.fromHandle(handle, onProgress);
      }
    }
    return undefined;
  })();
}

// A recent folder again: the browser asks the person for permission when it must.
export async function reopenFolder(id, onProgress) {
  const handle = await recentHandle(id);
  if (!handle) return undefined;
  if ((await handle.queryPermission(READ_WRITE)) !== "granted") {
    if ((await handle.requestPermission(READ_WRITE)) !== "granted") throw notAllowed();
  }
  return Folder.fromHandle(handle, onProgress);
}

const notAllowed = () =>
  new DOMException("Permission to use the folder was not given", "NotAllowedError");
