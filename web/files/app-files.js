// The app's own files, in <folder>/.image-ranker/: listed, read whole or only at their end,
// and written atomically. The person's files are never written.

export const APP_FOLDER = ".image-ranker";

// The folder's .image-ranker/ handle, or undefined when it does not exist (or is a file).
async function appFolder(root) {
  if (!root) return undefined;
  try {
    return await root.getDirectoryHandle(APP_FOLDER);
  } catch (error) {
    if (error.name === "NotFoundError" || error.name === "TypeMismatchError") return undefined;
    throw error;
  }
}

// Devices' logs are in .image-ranker/votes/, named "votes/<judge>-<device>.csv" here.
const SUBFOLDER = "votes";

// The folder a name is in ("votes/x.csv": .image-ranker/votes/) and its last part; the
// folder is undefined when it does not exist (or is a file), unless `create`.
async function placeOf(root, name, create = false) {
  let dir = create
    ? await root.getDirectoryHandle(APP_FOLDER, { create: true })
    : await appFolder(root);
  const slash = name.indexOf("/");
  if (!dir || slash < 0) return [dir, name];
  try {
    dir = await dir.getDirectoryHandle(name.slice(0, slash), { create });
  } catch (error) {
    if (error.name === "NotFoundError" || error.name === "TypeMismatchError") return [undefined];
    throw error;
  }
  return [dir, name.slice(slash + 1)];
}

async function appFile(root, name) {
  const [dir, base] = await placeOf(root, name);
  if (!dir) return undefined;
  try {
    return await (await dir.getFileHandle(base)).getFile();
  } catch (error) {
    if (error.name === "NotFoundError") return undefined;
    throw error;
  }
}

// The names in .image-ranker/, and those in its votes/ folder as "votes/<name>": undefined
// when it does not exist (or is a file).
export async function listApp(root) {
  const dir = await appFolder(root);
  if (!dir) return undefined;
  const names = [];
  for await (const [name, handle] of dir.entries()) {
    names.push(name);
    if (name === SUBFOLDER && handle.kind === "directory") {
      for await (const inner of handle.keys()) names.push(`${SUBFOLDER}/${inner}`);
    }
  }
  return names;
}

// As bytes, so that the append point counts a byte order mark or stray bytes exactly;
// undefined when absent. A folder where the file should be throws TypeMismatchError.
export async function readApp(root, name) {
  const file = await appFile(root, name);
  return file && new Uint8Array(await file.arrayBuffer());
}

// A look at the end of a file: its size and its bytes from `start` on, or undefined when it
// is absent. Cheap on a long log: only the end is read.
export async function peekApp(root, name, start) {
  const file = await appFile(root, name);
  if (!file) return undefined;
  const data = new Uint8Array(await file.slice(Math.min(start, file.size)).arrayBuffer());
  return { size: file.size, data };
}

// Atomic: createWritable writes a swap file that replaces the file on close. With `keep`,
// the file's first `keep` bytes stay exactly as they were and `text` follows them. `text`
// may be an array of pieces (a long export, made in slices): each is encoded and written
// in turn, so that no one step holds the page. With `expect` (a log), nothing is written
// and false is returned unless the file is still `expect` bytes long and ends in the bytes
// `tail`, as the Python side last saw it: another program may have written it since.
export async function writeApp(root, name, text, keep = 0, expect = undefined, tail = undefined) {
  const [dir, base] = await placeOf(root, name, true);
  const handle = await dir.getFileHandle(base, { create: true });
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

async function endsAs(file, size, tail) {
  if (file.size !== size) return false;
  const end = new Uint8Array(await file.slice(size - tail.length, size).arrayBuffer());
  return end.every((byte, i) => byte === tail[i]);
}
