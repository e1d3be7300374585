// The folders opened lately, kept with their handles (IndexedDB) so the start view can offer
// them again; a folder's id here is what keys its journal and its lock.

import { FOLDERS, transact } from "./db.js";

// The folder's id: the one it had before if this browser knows it, a new one if not.
export async function rememberFolder(handle) {
  const known = (await transact(FOLDERS, "readonly", (s) => s.getAll())) || [];
  let record = null;
  for (const folder of known) {
    if (await folder.handle.isSameEntry(handle).catch(() => false)) record = folder;
  }
  record = record || { id: crypto.randomUUID(), handle, name: handle.name };
  record.used = Date.now();
  await transact(FOLDERS, "readwrite", (s) => s.put(record));
  return record.id;
}

export async function recentFolders() {
  const known = (await transact(FOLDERS, "readonly", (s) => s.getAll())) || [];
  return known.sort((a, b) => b.used - a.used).slice(0, 5);
}

// The handle of a recent folder, or undefined when this browser no longer has it.
export async function recentHandle(id) {
  return (await transact(FOLDERS, "readonly", (s) => s.get(id)))?.handle;
}
