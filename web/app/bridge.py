"""The one place the Python glue reaches the page's JavaScript helpers: `files`, which is
`globalThis.imageRankerFiles` (set by web/boot.js). What it offers, with its arguments and
results as Python sees them, is written once at the top of web/bridge.js; a new helper is
added there, not fetched from `window` by the module that needs it."""

from pyscript import window

files = window.imageRankerFiles
