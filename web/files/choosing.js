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

// Called in the drop event itself: the items are only readable while it is dispatched.
export function folderFromDrop(items, onProgress) {
  const handles = [...items]
    .filter((item) => item.kind === "file" && item.getAsFileSystemHandle)
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
