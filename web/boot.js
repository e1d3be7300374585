// Runs before PyScript. It shows what is happening while Python starts, turns every way the
// start can fail into the page's error state, and registers the service worker once the engine
// is ready (so a working build is what gets cached for offline use).
//
// How a failed start shows up with PyScript 0.7 and Pyodide 314:
// - a file of [files] or the interpreter's module that cannot be fetched rejects a promise that
//   nobody awaits ("unhandledrejection");
// - a bad config, or an exception that Python raises, is shown by PyScript's error plugin as a
//   `.py-error` element;
// - a script that cannot be loaded fires "error" on its element (seen here in capture phase);
// - pyodide.asm.wasm failing to load or compile is only logged by Pyodide, which then waits
//   forever: an HTTP error is caught from the resource timing entries, anything else by the
//   timeout at the end.

import { bridge } from "./bridge.js";

// What the Python glue may call, as bridge.js states it (read by web/app/bridge.py alone).
globalThis.imageRankerFiles = bridge;

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

// Chromium reports HTTP statuses in resource timing; other browsers rely on the rest.
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    if (entry.responseStatus >= 400) fail(`Could not load ${entry.name} (HTTP ${entry.responseStatus})`);
  }
}).observe({ type: "resource", buffered: true });

addEventListener("py:progress", ({ detail }) => {
  step.textContent = detail;
});

setTimeout(() => {
  if (root.dataset.engine === "loading") {
    step.textContent += " (still working: a first visit downloads the Python runtime, about 15 MB)";
  }
}, 20_000);

// Last resort: if Python turns up after all, it marks the page ready over this.
setTimeout(() => fail("Python did not start within 3 minutes."), 180_000);

new MutationObserver(() => {
  if (root.dataset.engine === "ready" && "serviceWorker" in navigator) {
    navigator.serviceWorker.register("./sw.js").catch((error) => {
      console.warn("Offline use is unavailable:", error);
    });
  }
}).observe(root, { attributes: true, attributeFilter: ["data-engine"] });
