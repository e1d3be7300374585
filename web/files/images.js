// Images' bytes and pixels: a header's slice, a raster's URL, a decode, an SVG drawn as a PNG,
// a thumbnail. Python (web/app/images.py, ranker.display) decides how each image is shown.
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

// A camera RAW's embedded JPEG preview as an image of its own: a slice of the file (never read
// whole into memory), of type image/jpeg. `head`, when given, takes the place of the JPEG's
// first two bytes (its start marker): the start again and an EXIF segment with the RAW's
// orientation, which the browser then applies as it does to any photo (web/app/images.py).
export function rawPreview(file, offset, length, head) {
  const rest = file.slice(offset + (head ? 2 : 0), offset + length);
  return new Blob(head ? [head, rest] : [rest], { type: "image/jpeg" });
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
// drawn `side` pixels on its long side into a PNG, whose URL is what the page shows, decoded
// before it is. The size returned is the SVG's own.
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
  const url = URL.createObjectURL(await canvas.convertToBlob({ type: "image/png" }));
  await decodedImage(url); // as every other image: WebKit showed the PNG blank for a moment
  return { url, width, height };
}

// A small thumbnail for the ranking view, `size` pixels wide. The browser decodes the whole
// image to make it: Python checks the size first, and makes large ones one at a time.
export async function thumbnail(file, size) {
  const bitmap = await createImageBitmap(file, {
    resizeWidth: size,
    resizeQuality: "medium",
    imageOrientation: "from-image", // upright as the file's EXIF says, in every engine
  });
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
  canvas.getContext("2d").drawImage(bitmap, 0, 0);
  bitmap.close();
  return URL.createObjectURL(await canvas.convertToBlob({ type: "image/webp", quality: 0.8 }));
}

// An image decoded in the decode worker (decode-worker.js): a format the browser may not decode
// (`decoder` names the vendored decoder to fall back on: "libraw" for a camera RAW's raw data),
// or one to shrink to `side` pixels on its long side (0: its own size). Returns the URL of a
// PNG, decoded before it is shown, and the image's own size, upright. One worker, made on first
// use; a decode that takes over DECODE_TIMEOUT_MS (a crafted file that sends a decoder into a
// loop) ends the worker, whose pending decodes fail, and the next decode starts a new one.
const DECODE_TIMEOUT_MS = 60_000;
let worker = null;
let nextId = 0;
const pending = new Map();

export async function workerDecoded(file, decoder, side) {
  const { blob, width, height } = await asked({ file, decoder: decoder || "", side });
  const url = URL.createObjectURL(blob);
  try {
    await decodedImage(url);
  } catch (error) {
    URL.revokeObjectURL(url);
    throw error;
  }
  return { url, width, height };
}

// The size the worker's decoder `decoder` reads in the file (as stored: maybe not upright),
// before any pixel is decoded (a camera RAW without a preview: LibRaw's); rejects if it
// cannot read one.
export async function workerMeasured(file, decoder) {
  const { width, height } = await asked({ file, decoder, measure: true });
  return { width, height };
}

function asked(message) {
  return new Promise((resolve, reject) => {
    const id = nextId++;
    const timer = setTimeout(() => endWorker(new Error("decoding took too long")), DECODE_TIMEOUT_MS);
    pending.set(id, { resolve, reject, timer });
    decodeWorker().postMessage({ id, ...message });
  });
}

function decodeWorker() {
  if (!worker) {
    worker = new Worker(new URL("./decode-worker.js", import.meta.url));
    worker.onmessage = ({ data }) => {
      const request = pending.get(data.id);
      if (!request) return;
      pending.delete(data.id);
      clearTimeout(request.timer);
      if (data.error === undefined) request.resolve(data);
      else request.reject(new Error(data.error));
    };
    worker.onerror = (event) => endWorker(new Error(event.message || "the decode worker failed"));
  }
  return worker;
}

function endWorker(error) {
  worker?.terminate();
  worker = null;
  for (const { reject, timer } of pending.values()) {
    clearTimeout(timer);
    reject(error);
  }
  pending.clear();
}
