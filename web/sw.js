// Service worker: after one visit the app loads and runs with the network off.
// build.py puts `const BUILD = {hash, files, later, csp}` above this code: `files` and `later`
// are every file of the build, `hash` is computed over their contents, `csp` is the page's
// Content-Security-Policy. `later` are the image decoders (HEIF, TIFF, JPEG XL: 3 MB), which
// the page fetches only when a folder needs them: they are cached after the rest, in the same
// install, so the worker serves offline only once it holds them too, and the files the page
// needs to start are fetched first.
// A new build changes the hash, hence this script's bytes, so the browser installs the new
// worker; it fills a new cache and deletes the old ones. It does not claim the pages already
// open (no clients.claim()): in WebKitGTK 2.50 the worker then stayed "activating" for good once
// the page had read a folder, so it never served offline; a page loads every file it needs as
// it starts, and is served by the worker from its next load on.

const SCOPE = self.registration.scope;
const PREFIX = `image-ranker ${SCOPE} `; // several deployments may share one origin
const CACHE = PREFIX + BUILD.hash;
const INDEX = new URL("./index.html", SCOPE).href;

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(requests(BUILD.files)).then(() => cache.addAll(requests(BUILD.later))))
      .then(() => self.skipWaiting()),
  );
});

// "no-cache": revalidate with the server, so a stale HTTP cache cannot leak an old file in.
function requests(files) {
  return files.map((file) => new Request(file, { cache: "no-cache" }));
}

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => keys.filter((key) => key.startsWith(PREFIX) && key !== CACHE))
      .then((old) => Promise.all(old.map((key) => caches.delete(key)))),
  );
});

self.addEventListener("fetch", (event) => {
  const { request } = event;
  if (request.method !== "GET" || !request.url.startsWith(SCOPE)) return;
  const url = new URL(request.url);
  const key = request.mode === "navigate" && url.href.split(/[?#]/)[0] === SCOPE ? INDEX : request;
  const response = caches
    .open(CACHE)
    .then((cache) => cache.match(key, { ignoreSearch: true }))
    .then((cached) => cached || fetch(request));
  event.respondWith(request.mode === "navigate" ? response.then(withPolicy) : response);
});

// A page this worker serves carries the Content-Security-Policy as a header, as the server's
// does: a host that sends no headers (a static file host) leaves the meta tag alone otherwise.
function withPolicy(response) {
  if (response.type !== "basic" && response.type !== "default") return response;
  const headers = new Headers(response.headers);
  headers.set("Content-Security-Policy", BUILD.csp);
  const { status, statusText } = response;
  return new Response(response.body, { status, statusText, headers });
}
