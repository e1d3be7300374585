"""The engine is plain Python: it imports and ranks in CPython with no browser module around."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ENGINE_PATH = Path(__file__).resolve().parents[2] / "py"

CHECK = """
import sys
import ranker

browser_modules = sorted({"js", "pyodide", "pyscript"} & set(sys.modules))
assert browser_modules == [], browser_modules
r = ranker.Ranker(["a", "b", "c"], seed=1)
left, right = r.next_pair()
r.vote(left, right)
assert r.ranking().index(left) < r.ranking().index(right)
print(ranker.__version__)
"""


def test_engine_imports_and_ranks_without_browser_modules():
    # A fresh interpreter: pytest's own process may have imported anything.
    env = {**os.environ, "PYTHONPATH": str(ENGINE_PATH)}
    result = subprocess.run(
        [sys.executable, "-c", CHECK], capture_output=True, text=True, check=False, env=env
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip()
