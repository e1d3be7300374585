// The decode worker: pixels of an image in a format the browser may not decode (HEIF, TIFF,
// JPEG XL, a camera RAW's raw data), or of one much larger than the screen, made off the page's
// thread and returned as a PNG no larger than asked. Python (ranker.display) chose the decoder
// and the size; this only moves bytes and pixels. The browser's own decoder is tried first
// (Safari decodes HEIF, TIFF and JPEG XL); a vendored one is loaded only the first time a
// format needs it:
//   heif  libheif (LGPL-3.0), vendor/libheif/libheif.js + libheif.wasm, replaceable as they are
//   tiff  UTIF (MIT) with pako (MIT), vendor/utif/
//   jxl   libjxl through @jsquash/jxl (Apache-2.0, BSD-3-Clause), vendor/jxl/
//   libraw  LibRaw (LGPL-2.1 or CDDL-1.0) through libraw-mini (MIT), for a camera RAW with no
//         embedded preview a browser decodes: vendor/libraw/libraw-mini-worker.js, one file
//         (the wasm inside), replaceable; a module worker of its own (see LibRaw below)
// A classic worker: libheif and UTIF are classic scripts (importScripts); the JPEG XL decoder
// is a module, brought in by import().

const VENDOR = new URL("../vendor/", self.location.href).href;
const nativeFails = new Set(); // decoders whose format this browser was seen not to decode

self.onmessage = async ({ data: { id, file, decoder, side, measure } }) => {
  try {
    if (measure) {
      self.postMessage({ id, ...(await MEASURES[decoder](file)) });
      return;
    }
    const picture = await decoded(file, decoder, side);
    try {
      const blob = await drawn(picture, side);
      self.postMessage({ id, blob, width: picture.width, height: picture.height });
    } finally {
      picture.source.close?.();
    }
  } catch (error) {
    self.postMessage({ id, error: String(error?.message || error) });
  }
};

// { source (drawable), its width and height, orientation (EXIF 1-8, that the drawing applies),
// and width and height as shown (turned) }.
async function decoded(file, decoder, side) {
  if (!decoder || !nativeFails.has(decoder)) {
    try {
      const bitmap = await createImageBitmap(file, { imageOrientation: "from-image" });
      return picture(bitmap, bitmap.width, bitmap.height, 1);
    } catch (error) {
      if (!decoder) throw error;
      nativeFails.add(decoder);
    }
  }
  const bytes = new Uint8Array(await file.arrayBuffer());
  return DECODERS[decoder](bytes, side);
}

function picture(source, width, height, orientation) {
  const turned = orientation >= 5 && orientation <= 8;
  return {
    source,
    orientation,
    sourceWidth: width,
    sourceHeight: height,
    width: turned ? height : width,
    height: turned ? width : height,
  };
}

const DECODERS = {
  async heif(bytes) {
    const libheif = await heifModule();
    const decoder = new libheif.HeifDecoder();
    try {
      const images = decoder.decode(bytes);
      if (!images.length) throw new Error("no image in the HEIF file");
      // The primary image, turned and mirrored as its irot and imir say (libheif applies them).
      const image = images.find((each) => each.is_primary()) || images[0];
      const width = image.get_width();
      const height = image.get_height();
      const pixels = new ImageData(width, height);
      await new Promise((resolve, reject) =>
        image.display(pixels, (shown) => (shown ? resolve() : reject(new Error("HEIF decode failed")))),
      );
      for (const each of images) each.free();
      return picture(await createImageBitmap(pixels), width, height, 1);
    } finally {
      decoder.decoder && libheif.heif_context_free(decoder.decoder);
      decoder.decoder = null;
    }
  },

  async tiff(bytes) {
    loadClassic("utif/pako.min.js", "utif/UTIF.js");
    const ifds = self.UTIF.decode(bytes.buffer);
    const first = ifds[0];
    if (!first) throw new Error("no image in the TIFF file");
    // UTIF fills what lies past the end of a cut file with nothing, silently: refused here.
    const offsets = first.t273 || first.t324 || [];
    const counts = first.t279 || first.t325 || [];
    if (!offsets.length || offsets.some((at, i) => !(at + (counts[i] ?? Infinity) <= bytes.length))) {
      throw new Error("the TIFF file is cut short");
    }
    self.UTIF.decodeImage(bytes.buffer, first);
    const { width, height } = first;
    if (!width || !height) throw new Error("TIFF decode failed");
    const rgba = new Uint8ClampedArray(self.UTIF.toRGBA8(first).buffer, 0, width * height * 4);
    const orientation = first.t274?.[0] ?? 1;
    return picture(await createImageBitmap(new ImageData(rgba, width, height)), width, height, orientation);
  },

  async jxl(bytes) {
    const { default: decode } = await import(VENDOR + "jxl/decode.js");
    const pixels = await decode(bytes.buffer); // libjxl turns it as the file says
    return picture(await createImageBitmap(pixels), pixels.width, pixels.height, 1);
  },

  // Demosaiced at full size (libraw-mini has no half-size setting), by linear interpolation
  // when the picture is shrunk at least twice for the screen (its artefacts are averaged away;
  // it is several times faster than LibRaw's default AHD), turned upright by LibRaw (its flip).
  async libraw(bytes, side) {
    return librawJob(async (libraw) => {
      const { width, height } = await librawOpen(libraw, bytes);
      const shrunk = side > 0 && 2 * side <= Math.max(width, height);
      await libraw.call("set_params", { user_qual: shrunk ? 0 : 3, use_camera_wb: 1, output_bps: 8 });
      const out = await libraw.call("get_image");
      if (out?.format !== 2 || !out.width || !out.height || out.data?.length !== out.width * out.height * 4) {
        throw new Error("LibRaw could not decode the raw data");
      }
      const pixels = new ImageData(out.data, out.width, out.height);
      return picture(await createImageBitmap(pixels), out.width, out.height, 1);
    });
  },
};

// The size a decoder reads in a file (as stored, maybe turned), asked before decoding it:
// Python refuses one too large before its pixels take memory (ranker.display).
const MEASURES = {
  async libraw(file) {
    const bytes = new Uint8Array(await file.arrayBuffer());
    return librawJob((libraw) => librawOpen(libraw, bytes));
  },
};

// LibRaw: libraw-mini's module worker, started by this one (nested) from its own file under
// the page's Content-Security-Policy (worker-src 'self'), and spoken to as its onmessage
// expects: {fn, args} in, {out} or {error} back, progress reports ({out: {cb: true}}) between.
// One call at a time (a job holds it from open to image). It is ended after a failure (a
// corrupt file can abort the wasm module, which then stays dead), and once no job came for
// LIBRAW_IDLE_MS, so the memory a large decode grew its heap to is given back (a wasm heap
// never shrinks), while a measure and the decode after it share one start (a few hundred ms).
const LIBRAW_IDLE_MS = 5_000;
let libraw = null;
let librawJobs = Promise.resolve();
let librawIdle = null;

function librawJob(job) {
  clearTimeout(librawIdle);
  const done = librawJobs.then(async () => {
    clearTimeout(librawIdle);
    libraw ||= librawStarted();
    try {
      return await job(await libraw);
    } catch (error) {
      librawEnd();
      throw error;
    } finally {
      librawIdle = setTimeout(librawEnd, LIBRAW_IDLE_MS);
    }
  });
  librawJobs = done.catch(() => {});
  return done;
}

function librawEnd() {
  clearTimeout(librawIdle);
  libraw?.then((started) => started.worker.terminate(), () => {});
  libraw = null;
}

function librawStarted() {
  const worker = new Worker(VENDOR + "libraw/libraw-mini-worker.js", { type: "module" });
  let waiting = null;
  const answer = () => new Promise((resolve, reject) => (waiting = { resolve, reject }));
  const ready = answer();
  worker.onmessage = ({ data }) => {
    if (data?.out?.cb || !waiting) return;
    const { resolve, reject } = waiting;
    waiting = null;
    if (data?.error !== undefined) reject(new Error(`LibRaw: ${data.error}`));
    else resolve(data?.out);
  };
  worker.onerror = (event) => {
    event.preventDefault?.();
    waiting?.reject(new Error(event.message || "LibRaw could not start"));
    waiting = null;
  };
  const call = (fn, ...args) => {
    const answered = answer();
    const moved = args.filter((arg) => arg instanceof Uint8Array).map((arg) => arg.buffer);
    worker.postMessage({ fn, args }, moved);
    return answered;
  };
  return ready.then(() => ({ worker, call }));
}

// The file given to LibRaw, and the size it says the picture has, as stored (before it is
// turned: libraw-mini 0.1.9 reads LibRaw's flip at the wrong offset, so it is not known here;
// the image LibRaw makes is upright all the same).
async function librawOpen(libraw, bytes) {
  const status = await libraw.call("open", bytes);
  if (status !== 0) throw new Error(`LibRaw does not read this file (error ${status})`);
  const { sizes } = await libraw.call("get_metadata");
  if (!sizes?.width || !sizes?.height) throw new Error("LibRaw found no picture in this file");
  return { width: sizes.width, height: sizes.height };
}

let heifLoading;
function heifModule() {
  if (!heifLoading) {
    loadClassic("libheif/libheif.js");
    heifLoading = self.libheif({ locateFile: (name) => VENDOR + "libheif/" + name });
  }
  return heifLoading;
}

const loaded = new Set();
function loadClassic(...names) {
  for (const name of names) {
    if (!loaded.has(name)) {
      self.importScripts(VENDOR + name);
      loaded.add(name);
    }
  }
}

// The picture drawn upright, its long side at most `side` (0: its own size), as a PNG.
async function drawn(picture, side) {
  const long = Math.max(picture.width, picture.height);
  const scale = side && long > side ? side / long : 1;
  const width = Math.max(1, Math.round(picture.width * scale));
  const height = Math.max(1, Math.round(picture.height * scale));
  const canvas = new OffscreenCanvas(width, height);
  const context = canvas.getContext("2d");
  context.imageSmoothingQuality = "high";
  context.scale(width / picture.width, height / picture.height);
  context.transform(...orientationMatrix(picture.orientation, picture.sourceWidth, picture.sourceHeight));
  context.drawImage(picture.source, 0, 0);
  return canvas.convertToBlob({ type: "image/png" });
}

// EXIF orientation as a canvas transform of a w x h source (TIFF's Orientation tag).
function orientationMatrix(orientation, w, h) {
  return (
    {
      2: [-1, 0, 0, 1, w, 0],
      3: [-1, 0, 0, -1, w, h],
      4: [1, 0, 0, -1, 0, h],
      5: [0, 1, 1, 0, 0, 0],
      6: [0, 1, -1, 0, h, 0],
      7: [0, -1, -1, 0, h, w],
      8: [0, -1, 1, 0, 0, w],
    }[orientation] || [1, 0, 0, 1, 0, 0]
  );
}
