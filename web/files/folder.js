// A folder as the Python glue sees it: the relative paths of its files (walked once, sorted),
// each file read only when asked for, and its app files (app-files.js) when it can be written.
// Walked in JavaScript: a loop over handles, where a Python/JS proxy per step would cost more
// than the work.

import { APP_FOLDER, listApp, peekApp, readApp, writeApp } from "./app-files.js";

export class Folder {
  constructor(id, name, root, files, hidden) {
    this.id = id; // which folder this browser knows it as: set by rememberFolder (recent.js)
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
    const children = async (dir) => {
      const found = [];
      for await (const [name, handle] of dir.entries()) {
        found.push([name, handle.kind === "directory", handle]);
      }
      return found;
    };
    const { files, hidden } = await walk(root, children, (handle) => handle, onProgress);
    return new Folder("", root.name, root, files, hidden);
  }

  // A folder dropped where the File System Access API is missing (Firefox, Safari): its
  // FileSystemDirectoryEntry, walked as fromHandle walks a handle; read-only, as the upload
  // field's. A file that cannot be read (gone meanwhile) is left out.
  static async fromEntry(root, onProgress) {
    const children = async (dir) =>
      (await allEntries(dir)).map((entry) => [entry.name, entry.isDirectory, entry]);
    const fileOf = (entry) => new Promise((done) => entry.file(done, () => done(null)));
    const { files, hidden } = await walk(root, children, fileOf, onProgress);
    return new Folder("", root.name, null, files, hidden);
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

  // What tells this folder from another of the same name, as JSON: [path, size, modified]
  // for each file; the upload field gives sizes and times at no cost, a handle would have to
  // open every file for them, so there they are null (paths alone).
  listing() {
    const entries = [];
    for (const [path, entry] of this.files) {
      const file = entry instanceof File ? entry : null;
      entries.push([path, file ? file.size : null, file ? file.lastModified : null]);
    }
    return JSON.stringify(entries);
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

  listApp() {
    return listApp(this.root);
  }

  readApp(name) {
    return readApp(this.root, name);
  }

  peekApp(name, start) {
    return peekApp(this.root, name, start);
  }

  writeApp(name, text, keep = 0, expect = undefined, tail = undefined) {
    return writeApp(this.root, name, text, keep, expect, tail);
  }
}

// Every entry of a directory: readEntries gives them in batches (100 in Chromium) until none.
async function allEntries(dir) {
  const reader = dir.createReader();
  const all = [];
  for (;;) {
    const batch = await new Promise((done, fail) => reader.readEntries(done, fail));
    if (!batch.length) return all;
    all.push(...batch);
  }
}

function sortedMap(files) {
  return new Map([...files.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

// A folder's tree, handle or entry alike: `children(dir)` gives a directory's entries as
// [name, isDirectory, child], `fileOf(child)` what the listing keeps of a file (null: left
// out). The app's own folder is not the person's and not counted; hidden entries are counted.
async function walk(root, children, fileOf, onProgress) {
  const files = new Map();
  let hidden = 0;
  const pending = [[root, ""]];
  onProgress?.(0);
  while (pending.length) {
    const [dir, prefix] = pending.pop();
    for (const [name, isDirectory, child] of await children(dir)) {
      if (name === APP_FOLDER && !prefix) continue;
      if (name.startsWith(".")) {
        hidden += 1;
      } else if (isDirectory) {
        pending.push([child, `${prefix}${name}/`]);
      } else {
        const file = await fileOf(child);
        if (file) files.set(prefix + name, file);
        if (files.size % 500 === 0) onProgress?.(files.size);
      }
    }
  }
  onProgress?.(files.size);
  return { files: sortedMap(files), hidden };
}
