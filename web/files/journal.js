// The journal: each tab keeps its answers (CSV rows) under its own key until they are on
// disk, so two tabs on one folder never clear each other's; whoever writes the folder's file
// takes in all. Every change is told to the folder's other tabs (tabs.js).

import { JOURNAL, completed, openDb, transact } from "./db.js";
import { tellOtherTabs } from "./tabs.js";

export async function journalEntries(folderId) {
  const all = (await transact(JOURNAL, "readonly", (s) => s.getAll())) || [];
  return all.filter((entry) => entry.folder === folderId);
}

export async function setJournal(key, folderId, rows) {
  await transact(JOURNAL, "readwrite", (s) =>
    rows.length ? s.put({ id: key, folder: folderId, rows }) : s.delete(key),
  );
  tellOtherTabs(folderId);
}

// Another tab's entry, once the folder's file holds the answers read from it: deleted only if
// it still holds just those, checked and deleted in one transaction. That tab may have
// answered since (its entry then holds more): the entry stays, for the next write.
export async function dropJournal(key, folderId, rows) {
  const db = await openDb();
  const tx = db.transaction(JOURNAL, "readwrite");
  const store = tx.objectStore(JOURNAL);
  let same = false;
  store.get(key).onsuccess = (event) => {
    const entry = event.target.result;
    same = !!entry && entry.rows.length === rows.length;
    same = same && entry.rows.every((row, i) => row === rows[i]);
    if (same) store.delete(key);
  };
  if (await completed(tx, () => same)) tellOtherTabs(folderId);
}
