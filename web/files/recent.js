// The folders this browser knows, each under an id that keys its journal and its lock: those
// opened through the picker kept with their handles (so the start view can offer them again),
// those opened through the upload field by name. Each keeps the listing it had when last
// opened, which tells it from another folder at the same place or of the same name
// (ranker.folder_identity decides; this stores).

import { FOLDERS, transact } from "./db.js";

const allFolders = async () => (await transact(FOLDERS, "readonly", (s) => s.getAll())) || [];

// The known folders that `folder` may be: for a handle, those at the same place on the disk;
// for the upload field, those of the same name, and the answers an older version kept under
// the name alone ("upload:<name>"), unless that id is already a record.
// -> [{id, listing: JSON string, "" when none was kept}]
export async function knownFolders(folder) {
  const all = await allFolders();
  const found = [];
  for (const record of all) {
    const same = folder.root
      ? record.handle && (await record.handle.isSameEntry(folder.root).catch(() => false))
      : !record.handle && record.name === folder.name;
    if (same) found.push({ id: record.id, listing: record.listing ?? "" });
  }
  const byName = `upload:${folder.name}`;
  if (!folder.root && !all.some((record) => record.id === byName)) {
    found.push({ id: byName, listing: "" });
  }
  return found;
}

// The folder is `id` from now on ("" for a new one), with this listing; returns the id.
export async function rememberFolder(folder, id, listing) {
  const record = {
    id: id || crypto.randomUUID(),
    handle: folder.root,
    name: folder.name,
    listing,
    used: Date.now(),
  };
  await transact(FOLDERS, "readwrite", (s) => s.put(record));
  folder.id = record.id;
  return record.id;
}

// The folders to offer again, newest first: one per place on the disk (a place can have two
// records when another folder took its place and the first one's answers are kept).
export async function recentFolders() {
  const withHandles = (await allFolders()).filter((record) => record.handle);
  const shown = [];
  for (const record of withHandles.sort((a, b) => b.used - a.used)) {
    if (shown.length === 5) break;
    let seen = false;
    for (const other of shown) {
      seen ||= await other.handle.isSameEntry(record.handle).catch(() => false);
    }
    if (!seen) shown.push(record);
  }
  return shown;
}

// The handle of a recent folder, or undefined when this browser no longer has it.
export async function recentHandle(id) {
  return (await transact(FOLDERS, "readonly", (s) => s.get(id)))?.handle;
}
