// The browser's own store (IndexedDB) for what outlives the tab: recent folders (recent.js)
// and the journal of unsaved answers (journal.js). One database, two object stores.

const DB_NAME = "image-ranker";
export const FOLDERS = "folders"; // recent folders: {id, name, handle, used}
export const JOURNAL = "journal"; // answers not yet known to be on disk: {id, folder, rows: [csv]}

// One connection for the page's life: a journal write then starts in the same task as the
// answer, with no wait for a database to open.
let connection = null;

export function openDb() {
  connection ??= new Promise((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => {
      request.result.createObjectStore(FOLDERS, { keyPath: "id" });
      request.result.createObjectStore(JOURNAL, { keyPath: "id" });
    };
    request.onsuccess = () => {
      const db = request.result;
      const forget = () => {
        connection = null;
      };
      db.onversionchange = () => {
        db.close();
        forget();
      };
      db.onclose = forget;
      resolve(db);
    };
    request.onerror = () => {
      connection = null;
      reject(request.error);
    };
  });
  return connection;
}

// One request in its own transaction: its result once the transaction has committed.
export async function transact(store, mode, action) {
  const db = await openDb();
  const tx = db.transaction(store, mode);
  const request = action(tx.objectStore(store));
  const done = completed(tx, () => request?.result);
  tx.commit?.(); // handed to the browser now, not when this task ends: a killed tab keeps it
  return done;
}

// `result()` once the transaction has committed; its error if it failed.
export function completed(tx, result) {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve(result());
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error);
  });
}
