// The decode worker: pixels of an image in a format the browser may not decode (HEIF, TIFF,
// JPEG XL), or of one much larger than the screen, made off the page's thread and returned as
// a PNG no larger than asked. Python (ranker.display) chose the decoder and the size; this
// only moves bytes and pixels. The browser's own decoder is tried first (Safari decodes HEIF,
// TIFF and JPEG XL); a vendored one is loaded only the first time a format needs it:
//   heif  libheif (LGPL-3.0), vendor/libheif/libheif.js + libheif.wasm, replaceable as they are
//   tiff  UTIF (MIT) with pako (MIT), vendor/utif/
//   jxl   libjxl through @jsquash/jxl (Apache-2.0, BSD-3-Clause), vendor/jxl/
// A classic worker: libheif and UTIF are classic scripts (importScripts); the JPEG XL decoder
// is a module, brought in by import().

const VENDOR = new URL("../vendor/", self.location.href).href;
const nativeFails = new Set(); // decoders whose format this browser was seen not to decode

self.onmessage = async ({ data: { id, file, decoder, side } }) => {
  try {
    const picture = await decoded(file, decoder);
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
async function decoded(file, decoder) {
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
  return DECODERS[decoder](bytes);
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
};

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
