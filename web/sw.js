// Service worker: after one visit the app loads and runs with the network off.
// build.py puts `const BUILD = {hash, files}` above this code: `files` is every file of the build,
// `hash` is computed over their contents. A new build changes the hash, hence this script's bytes,
// so the browser installs the new worker; it fills a new cache and deletes the old ones.

const SCOPE = self.registration.scope;
const PREFIX = `image-ranker ${SCOPE} `; // several deployments may share one origin
const CACHE = PREFIX + BUILD.hash;
const INDEX = new URL("./index.html", SCOPE).href;

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      // "no-cache": revalidate with the server, so a stale HTTP cache cannot leak an old file in.
      .then((cache) => cache.addAll(BUILD.files.map((file) => new Request(file, { cache: "no-cache" }))))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => keys.filter((key) => key.startsWith(PREFIX) && key !== CACHE))
      .then((old) => Promise.all(old.map((key) => caches.delete(key))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("fetch", (event) => {
  const { request } = event;
  if (request.method !== "GET" || !request.url.startsWith(SCOPE)) return;
  const url = new URL(request.url);
  const key = request.mode === "navigate" && url.href.split(/[?#]/)[0] === SCOPE ? INDEX : request;
  event.respondWith(
    caches
      .open(CACHE)
      .then((cache) => cache.match(key, { ignoreSearch: true }))
      .then((cached) => cached || fetch(request)),
  );
});
