// Runs before PyScript. It shows what is happening while Python starts, turns every way the
// start can fail into the page's error state, and registers the service worker once the engine
// is ready (so a working build is what gets cached for offline use).
//
// How PyScript 0.7 reports a failed start: a file of [files] or the interpreter that cannot be
// fetched rejects a promise nobody awaits ("unhandledrejection"); a bad config or an exception
// raised by Python is shown by PyScript's error plugin as a `.py-error` element; a script that
// cannot be loaded fires "error" on its element (seen here in the capture phase).

const root = document.documentElement;
const step = document.getElementById("loading-step");

function fail(detail) {
  if (root.dataset.engine !== "loading") return;
  document.getElementById("error-detail").textContent = detail;
  root.dataset.engine = "error";
}

const describe = (reason) => (reason && reason.message) || String(reason);

addEventListener("unhandledrejection", (event) => fail(describe(event.reason)));

addEventListener(
  "error",
  (event) => {
    const { target } = event;
    if (target instanceof HTMLScriptElement || target instanceof HTMLLinkElement) {
      fail(`Could not load ${target.src || target.href}`);
    } else if (event instanceof ErrorEvent) {
      fail(event.message || describe(event.error));
    }
  },
  true,
);

new MutationObserver((records) => {
  for (const { addedNodes } of records) {
    for (const node of addedNodes) {
      if (node instanceof Element && node.classList.contains("py-error")) fail(node.textContent);
    }
  }
}).observe(document.body, { childList: true, subtree: true });

addEventListener("py:progress", ({ detail }) => {
  step.textContent = detail;
});

setTimeout(() => {
  if (root.dataset.engine === "loading") {
    step.textContent += " (still working: a first visit downloads the Python runtime, about 15 MB)";
  }
}, 20000);

new MutationObserver(() => {
  if (root.dataset.engine === "ready" && "serviceWorker" in navigator) {
    navigator.serviceWorker.register("./sw.js").catch((error) => {
      console.warn("Offline use is unavailable:", error);
    });
  }
}).observe(root, { attributes: true, attributeFilter: ["data-engine"] });
