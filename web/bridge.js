// The contract between this page's JavaScript and its Python glue (web/app/), written once.
// Python reaches it only through web/app/bridge.py, as `files` (globalThis.imageRankerFiles,
// set by boot.js). Everything Python may call is listed here; nothing else is exported to it.
// Every decision (what is an image, what to write, when) is made in Python: these move bytes.
//
// Types as Python sees them (Pyodide): a JS string, number or boolean arrives as str, int or
// float, bool; undefined as None; a Promise is awaited; a Uint8Array is a JsProxy whose
// .to_bytes() gives bytes; any other object or array is a JsProxy (attributes, iteration,
// .to_py()). Python passes str/int as they are, a list or bytes through to_js (an Array, a
// Uint8Array), and a callable JS keeps through create_proxy.
//
// Choosing a folder (files/choosing.js, files/folder.js, files/recent.js)
//   canPickFolders() -> bool                    the File System Access picker exists
//   pickFolder(onProgress) -> Promise<Folder>   rejects AbortError if closed, NotAllowedError
//   canDropFolders() -> bool                   a dropped folder can be read (handle or entry)
//   folderFromDrop(items, onProgress) -> Promise<Folder | None>   call inside the drop event
//   reopenFolder(id: str, onProgress) -> Promise<Folder | None>   None: forgotten meanwhile
//   recentFolders() -> Promise<[{id: str, name: str, handle, used: int}]>  newest first, ≤ 5
//   Folder.fromFileList(FileList) -> Folder     the upload-field fallback: read-only
//   knownFolders(folder) -> Promise<[{id: str, listing: str}]>   what it may be ("": not kept)
//   rememberFolder(folder, id: str, listing: str) -> Promise<str>   sets folder.id ("": new)
//   onProgress(count: int): files listed so far; 0 first, as the walk starts
// Folder (files/folder.js; its app files in <folder>/.image-ranker/, files/app-files.js)
//   .id: str ("" until rememberFolder)  .name: str  .hidden: int  .canWrite: bool
//   .paths -> [str]                             relative paths, sorted
//   .listing() -> str                           JSON [[path, size | null, modified | null]]
//   .file(path: str) -> Promise<File>           File: .size, .slice(a, b).arrayBuffer()
//   .askToWrite() -> Promise<bool>              asks again for write access (needs a click)
//   .listApp() -> Promise<[str] | None>
//   .readApp(name: str) -> Promise<Uint8Array | None>     TypeMismatchError: not a file
//   .peekApp(name: str, start: int) -> Promise<{size: int, data: Uint8Array} | None>
//   .writeApp(name: str, text: str | Array<str>, keep=0, expect=None, tail: Uint8Array=None)
//       -> Promise<bool>   atomic; false (nothing written) if the file is not `expect` bytes
//                          ending in `tail`
// Journal and tabs (files/journal.js, files/tabs.js, files/locks.js); folderId: str
//   journalEntries(folderId) -> Promise<[{id: str, folder: str, rows: [str]}]>
//   setJournal(key: str, folderId, rows: Array<str>) -> Promise<None>   [] deletes the entry
//   dropJournal(key: str, folderId, rows) -> Promise<None>   only if it still holds just rows
//   onJournalChange(folderId, callback()) -> None             another tab changed a journal
//   lockFolder(folderId) -> Promise<bool>       true: this tab is the folder's writer
//   releaseFolder(folderId) -> None
// Downloads (files/downloads.js)
//   download(name: str, text: str | Array<str>, type="text/csv") -> None
// Images (files/images.js); file: a File from Folder.file
//   bytesAt(file, offset: int, length: int) -> Promise<Uint8Array>
//   rasterUrl(file, type: str) -> str           an object URL, revoked by Python
//   rawPreview(file, offset: int, length: int, head: Uint8Array | None) -> Blob   a JPEG,
//                                               used as a file by the helpers here
//   decodedImage(url: str) -> Promise<{width: int, height: int}>   rejects if undecodable
//   rasterisedSvg(file, side: int) -> Promise<{url: str, width: int, height: int}>
//   thumbnail(file, size: int) -> Promise<str>  an object URL of a WebP
//   workerDecoded(file, decoder: str, side: int) -> Promise<{url: str, width: int, height: int}>
//       decoded off the page (HEIF, TIFF, JPEG XL, a RAW's raw data, or shrunk to `side`, 0:
//       full size); rejects if undecodable
//   workerMeasured(file, decoder: str) -> Promise<{width: int, height: int}>   the size (as
//       stored, maybe not upright) the worker's decoder reads before decoding (a RAW without a
//       preview: LibRaw's); rejects if it reads none
// The ranking list (visible-rows.js)
//   watchVisibleRows(list: Element, rowHeight: int, overscan: int, onChange(first, last))
//       -> {setCount(rows: int)}   onChange only when the rows on screen change

import {
  canDropFolders,
  canPickFolders,
  folderFromDrop,
  pickFolder,
  reopenFolder,
} from "./files/choosing.js";
import { download } from "./files/downloads.js";
import { Folder } from "./files/folder.js";
import {
  bytesAt,
  decodedImage,
  rasterisedSvg,
  rasterUrl,
  rawPreview,
  thumbnail,
  workerDecoded,
  workerMeasured,
} from "./files/images.js";
import { dropJournal, journalEntries, setJournal } from "./files/journal.js";
import { lockFolder, releaseFolder } from "./files/locks.js";
import { knownFolders, recentFolders, rememberFolder } from "./files/recent.js";
import { onJournalChange } from "./files/tabs.js";
import { watchVisibleRows } from "./visible-rows.js";

export const bridge = Object.freeze({
  canPickFolders,
  canDropFolders,
  pickFolder,
  folderFromDrop,
  reopenFolder,
  recentFolders,
  knownFolders,
  rememberFolder,
  Folder,
  journalEntries,
  setJournal,
  dropJournal,
  onJournalChange,
  lockFolder,
  releaseFolder,
  download,
  bytesAt,
  rasterUrl,
  rawPreview,
  decodedImage,
  rasterisedSvg,
  thumbnail,
  workerDecoded,
  workerMeasured,
  watchVisibleRows,
});
