"""The page's Python entry point: import the engine, then start the page.

The views live in the `app` package next to this file; build.py ships every module of web/ but
this one through PyScript's [files], so they import like any package.
"""

import gc
import warnings

from app import shell

# trueskill 0.4.5 has an invalid escape sequence in a docstring; Python 3.14 (Pyodide 314) warns
# about it while compiling, on stderr, which the browser would log as an error.
warnings.filterwarnings("ignore", category=SyntaxWarning, module=r".*/trueskill/")

try:
    import ranker
    from app.page import Page
except Exception as error:  # whatever the reason, the page cannot work without the engine
    shell.show_error(f"The ranking engine failed to load: {type(error).__name__}: {error}")
else:
    # What is loaded by now lives as long as the page: frozen, it is left out of the collector's
    # full passes, which otherwise walk all of it while the folder's files are read
    # (`bench prompts` counts the long tasks).
    gc.collect()
    gc.freeze()
    Page().start()
    shell.show_ready(ranker.__version__)
