// The folder's files, for the Python glue (web/app/): walking a folder, reading an image's
// bytes only when it is about to be shown, writing the app's own files atomically, and the
// browser stores that outlive the tab (recent folders, the journal of unsaved answers, the
// lock that lets one tab write). Kept in JavaScript because each of these is a loop over
// handles or an IndexedDB callback dance, where a Python/JS proxy per step would cost more
// than the work; every decision (what is an image, what to write, when) is made in Python.

const APP_FOLDER = ".image-ranker";
const DB_NAME = "image-ranker";
const FOLDERS = "folders"; // recent folders: {id, name, handle, used}
const JOURNAL = "journal"; // answers not yet known to be on disk: {id, folder, rows: [csv]}

export class Folder {
  constructor(id, name, root, files, hidden) {
    this.id = id; // stable per folder across visits (IndexedDB), "" without a handle
    this.name = name;
    this.root = root; // FileSystemDirectoryHandle, or null for the upload-field fallback
    this.files = files; // Map: relative path -> FileSystemFileHandle | File
    this.hidden = hidden; // hidden entries left out (names starting with ".")
  }

  get paths() {
    return [...this.files.keys()];
  }

  get canWrite() {
    return this.root !== null;
  }

  // onProgress(0) first, as the walk starts: the page shows its listing view from then on.
  static async fromHandle(root, onProgress) {
    const files = new Map();
    let hidden = 0;
    const pending = [[root, ""]];
    onProgress?.(0);
    while (pending.length) {
      const [dir, prefix] = pending.pop();
      for await (const [name, handle] of dir.entries()) {
        if (name === APP_FOLDER && !prefix) {
          // the app's own files: not the person's, not counted
        } else if (name.startsWith(".")) {
          hidden += 1;
        } else if (handle.kind === "directory") {
          pending.push([handle, `${prefix}${name}/`]);
        } else {
          files.set(prefix + name, handle);
          if (files.size % 500 === 0) onProgress?.(files.size);
        }
      }
    }
    onProgress?.(files.size);
    const id = await rememberFolder(root);
    return new Folder(id, root.name, root, sortedMap(files), hidden);
  }

  // A hidden folder counts as one hidden entry, as in fromHandle, however many files it holds.
  static fromFileList(list) {
    const files = new Map();
    const hidden = new Set();
    let name = "";
    for (const file of list) {
      const parts = (file.webkitRelativePath || file.name).split("/");
      name = parts.length > 1 ? parts[0] : name;
      const rel = parts.length > 1 ? parts.slice(1) : parts;
      if (rel[0] === APP_FOLDER) continue;
      const first = rel.findIndex((part) => part.startsWith("."));
      if (first >= 0) hidden.add(rel.slice(0, first + 1).join("/"));
      else files.set(rel.join("/"), file);
    }
    return new Folder("", name || "folder", null, sortedMap(files), hidden.size);
  }

  async file(path) {
    const entry = this.files.get(path);
    if (!entry) throw new Error(`${path} is not in the folder`);
    return entry instanceof File ? entry : entry.getFile();
  }

  // After a write was refused: asks for write access again (the click on Retry is the user
  // activation the browser wants for that); true when it is granted.
  async askToWrite() {
    if (!this.root?.requestPermission) return this.canWrite;
    return (await this.root.requestPermission({ mode: "readwrite" })) === "granted";
  }

  // The names in <folder>/.image-ranker/: undefined when it does not exist (or is a file).
  async listApp() {
    const dir = await this.appFolder();
    if (!dir) return undefined;
    const names = [];
    for await (const name of dir.keys()) names.push(name);
    return names;
  }

  // The app's own files in <folder>/.image-ranker/: undefined (None in Python) when absent.
  // As bytes, so that the append point counts a byte order mark or stray bytes exactly.
  // A folder where the file should be throws TypeMismatchError.
  async readApp(name) {
    const file = await this.appFile(name);
    return file && new Uint8Array(await file.arrayBuffer());
  }

  // A look at the end of one of the app's files: its size and its bytes from `start` on, or
  // undefined when it is absent. Cheap on a long log: only the end is read.
  async peekApp(name, start) {
    const file = await this.appFile(name);
    if (!file) return undefined;
    const data = new Uint8Array(await file.slice(Math.min(start, file.size)).arrayBuffer());
    return { size: file.size, data };
  }

  async appFolder() {
    if (!this.root) return undefined;
    try {
      return await this.root.getDirectoryHandle(APP_FOLDER);
    } catch (error) {
      if (error.name === "NotFoundError" || error.name === "TypeMismatchError") return undefined;
      throw error;
    }
  }

  async appFile(name) {
    const dir = await this.appFolder();
    if (!dir) return undefined;
    try {
      return await (await dir.getFileHandle(name)).getFile();
    } catch (error) {
      if (error.name === "NotFoundError") return undefined;
      throw error;
    }
  }

  // Atomic: createWritable writes a swap file that replaces the file on close. With `keep`,
  // the file's first `keep` bytes stay exactly as they were and `text` follows them. `text`
  // may be an array of pieces (a long export, made in slices): each is encoded and written
  // in turn, so that no one step holds the page. With `expect` (a log), nothing is written
  // and false is returned unless the file is still `expect` bytes long and ends in the bytes
  // `tail`, as the Python side last saw it: another program may have written it since.
  async writeApp(name, text, keep = 0, expect = undefined, tail = undefined) {
    const dir = await this.root.getDirectoryHandle(APP_FOLDER, { create: true });
    const handle = await dir.getFileHandle(name, { create: true });
    const writable = await handle.createWritable({ keepExistingData: keep > 0 });
    try {
      if (expect !== undefined && !(await endsAs(await handle.getFile(), expect, tail))) {
        await writable.abort();
        return false;
      }
      const encoder = new TextEncoder();
      let position = keep;
      for (const piece of typeof text === "string" ? [text] : text) {
        const data = encoder.encode(piece);
        await writable.write({ type: "write", position, data });
        position += data.length;
      }
      await writable.truncate(position);
      await writable.close();
      return true;
    } catch (error) {
      await writable.abort().catch(() => {});
      throw error;
    }
  }
}

async function endsAs(file, size, tail) {
  if (file.size !== size) return false;
  const end = new Uint8Array(await file.slice(size - tail.length, size).arrayBuffer());
  return end.every((byte, i) => byte === tail[i]);
}

function sortedMap(files) {
  return new Map([...files.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

// ----------------------------------------------------------------- picking a folder

export const canPickFolders = () => typeof window.showDirectoryPicker === "function";

export async function pickFolder(onProgress) {
  const root = await window.showDirectoryPicker({ id: "image-ranker", mode: "readwrite" });
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
        if ((await handle.requestPermission({ mode: "readwrite" })) !== "granted") {
          throw new DOMException("Permission to use the folder was not given", "NotAllowedError");
        }
        return Folder.fromHandle(handle, onProgress);
      }
    }
    return undefined;
  })();
}

// ----------------------------------------------------------------- IndexedDB

// One connection for the page's life: a journal write then starts in the same task as the
// answer, with no wait for a database to open.
let connection = null;

function openDb() {
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

async function transact(store, mode, action) {
  const db = await openDb();
  const tx = db.transaction(store, mode);
  const request = action(tx.objectStore(store));
  const done = completed(tx, () => request?.result);
  tx.commit?.(); // handed to the browser now, not when this task ends: a killed tab keeps it
  return done;
}

// `result()` once the transaction has committed; its error if it failed.
function completed(tx, result) {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve(result());
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error);
  });
}

async function rememberFolder(handle) {
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

// A recent folder again: the browser asks the person for permission when it must.
export async function reopenFolder(id, onProgress) {
  const record = await transact(FOLDERS, "readonly", (s) => s.get(id));
  if (!record) return undefined;
  const mode = { mode: "readwrite" };
  if ((await record.handle.queryPermission(mode)) !== "granted") {
    if ((await record.handle.requestPermission(mode)) !== "granted") {
      throw new DOMException("Permission to use the folder was not given", "NotAllowedError");
    }
  }
  return Folder.fromHandle(record.handle, onProgress);
}

// The journal: each tab keeps its answers under its own key until they are on disk, so two
// tabs on one folder never clear each other's; whoever writes the folder's file takes in all.
export async function journalEntries(folderId) {
  const all = (await transact(JOURNAL, "readonly", (s) => s.getAll())) || [];
  return all.filter((entry) => entry.folder === folderId);
}

export async function setJournal(key, folderId, rows) {
  await transact(JOURNAL, "readwrite", (s) =>
    rows.length ? s.put({ id: key, folder: folderId, rows }) : s.delete(key),
  );
  channel(folderId).postMessage("journal");
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
  if (await completed(tx, () => same)) channel(folderId).postMessage("journal");
}

// Tabs on one folder tell each other when a journal changed, so that the folder's writer
// takes another tab's answers in at once, not at its own next answer. A channel does not
// hear its own messages: a tab is told only of the others' changes.
const channels = new Map();

function channel(folderId) {
  if (!channels.has(folderId)) {
    channels.set(folderId, new BroadcastChannel(`image-ranker:${folderId}`));
  }
  return channels.get(folderId);
}

export function onJournalChange(folderId, callback) {
  channel(folderId).onmessage = () => callback();
}

// ----------------------------------------------------------------- one writer per folder

const held = new Map(); // id -> { release, released }: the locks this tab holds
const releasing = new Map(); // id -> a promise that settles once the let-go lock is free

// True if this tab now holds the folder's lock (kept until the tab closes or releaseFolder).
// A lock this tab has just let go stays taken for a moment: when the same folder is opened
// again, that release is waited for, or ifAvailable would find the lock taken.
export async function lockFolder(id) {
  if (!navigator.locks) return true;
  await releasing.get(id);
  if (held.has(id)) return true;
  return new Promise((resolve) => {
    const released = navigator.locks.request(
      `image-ranker:${id}`,
      { ifAvailable: true },
      (lock) => {
        if (!lock) {
          resolve(false);
          return undefined;
        }
        resolve(true);
        return new Promise((release) => held.set(id, { release, released }));
      },
    );
  });
}

export function releaseFolder(id) {
  const lock = held.get(id);
  if (!lock) return;
  held.delete(id);
  lock.release();
  releasing.set(id, lock.released.catch(() => {}));
}

// ----------------------------------------------------------------- downloads

// `text`: a string, or an array of its pieces.
export function download(name, text, type = "text/csv") {
  const pieces = typeof text === "string" ? [text] : text;
  const url = URL.createObjectURL(new Blob(pieces, { type: `${type};charset=utf-8` }));
  const link = Object.assign(document.createElement("a"), { href: url, download: name });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

// ----------------------------------------------------------------- images
// Python (web/app/images.py) decides how each image is shown; these move its bytes and pixels.
// No URL made here is of a type a browser renders as a document: a person can open any image
// the page shows in a tab of its own, where an SVG's script would run with this page's origin.

// A slice of a file: an image's header, read before anything decodes it.
export async function bytesAt(file, offset, length) {
  return new Uint8Array(await file.slice(offset, offset + length).arrayBuffer());
}

// An object URL of a raster image, of the raster type Python chose from its name (never the
// file's own type).
export function rasterUrl(file, type) {
  return URL.createObjectURL(file.slice(0, file.size, type));
}

// Decoded before it is shown, so swapping pairs never flickers.
export async function decodedImage(url) {
  const image = new Image();
  image.decoding = "async";
  image.src = url;
  await image.decode();
  return { width: image.naturalWidth, height: image.naturalHeight };
}

// An SVG as pixels: decoded in an <img> (where an SVG runs no script and loads nothing) that
// is never in the page, from a data: URL (whose origin is opaque, were it ever opened), then
// drawn `side` pixels on its long side into a PNG, whose URL is what the page shows. The size
// returned is the SVG's own.
export async function rasterisedSvg(file, side) {
  const image = new Image();
  image.src = await new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result);
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file.slice(0, file.size, "image/svg+xml"));
  });
  await image.decode();
  const width = image.naturalWidth || side;
  const height = image.naturalHeight || side;
  const scale = side / Math.max(width, height);
  const canvas = new OffscreenCanvas(
    Math.max(1, Math.round(width * scale)),
    Math.max(1, Math.round(height * scale)),
  );
  canvas.getContext("2d").drawImage(image, 0, 0, canvas.width, canvas.height);
  const png = await canvas.convertToBlob({ type: "image/png" });
  return { url: URL.createObjectURL(png), width, height };
}

// A small thumbnail for the ranking view, `size` pixels wide. The browser decodes the whole
// image to make it: Python checks the size first, and makes large ones one at a time.
export async function thumbnail(file, size) {
  const bitmap = await createImageBitmap(file, { resizeWidth: size, resizeQuality: "medium" });
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
  canvas.getContext("2d").drawImage(bitmap, 0, 0);
  bitmap.close();
  return URL.createObjectURL(await canvas.convertToBlob({ type: "image/webp", quality: 0.8 }));
}
