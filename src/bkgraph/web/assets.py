"""Front-end files from the npm registry: YASGUI (the query editor) and axe-core (the tests'
accessibility checker), fetched by the set-up and served by bkgraph itself, never from a CDN.

Only Python is needed: each package's tarball comes straight from the registry, is checked
against the integrity hash pinned here (so a changed package is refused, not served), and the
few files the pages need are unpacked into var/assets/{name}/. Without them the plain query
form still works.
"""

from __future__ import annotations

import base64
import hashlib
import io
import shutil
import tarfile
import urllib.request
from dataclasses import dataclass
from pathlib import Path

REGISTRY = "https://registry.npmjs.org"


@dataclass(frozen=True)
class Package:
    name: str
    version: str
    integrity: str  # the registry's dist.integrity, sha512
    files: tuple[str, ...]  # paths inside the tarball

    @property
    def tarball(self) -> str:
        short = self.name.rsplit("/", 1)[-1]
        return f"{REGISTRY}/{self.name}/-/{short}-{self.version}.tgz"


PACKAGES = {
    "yasgui": Package(
        "@triply/yasgui",
        "4.2.28",
        "sha512-HN1neZqERSGoDyk/Fg40nI+F0tHnaBxjqizhN0mur2Kj0oJsklBsFMRk/M+wW+ohy8dSEn7AgX3H0pPrV/wmVg==",
        ("package/build/yasgui.min.js", "package/build/yasgui.min.css", "package/LICENSE.txt"),
    ),
    "axe-core": Package(
        "axe-core",
        "4.11.0",
        "sha512-ilYanEU8vxxBexpJd8cWM4ElSQq4QctCLKih0TSfjIfCQTeyH/6zVrmIJfLPrKTKJRbiG+cfnZbQIjAlJmF1jQ==",
        ("package/axe.min.js", "package/LICENSE"),
    ),
}


class AssetError(RuntimeError):
    pass


def _check(package: Package, data: bytes) -> None:
    algorithm, expected = package.integrity.split("-", 1)
    digest = base64.b64encode(hashlib.new(algorithm, data).digest()).decode()
    if digest != expected:
        raise AssetError(f"{package.name} {package.version}: the tarball does not match its hash")


def fetch(target: Path, names: tuple[str, ...] = tuple(PACKAGES)) -> list[Path]:
    """Download and unpack the packages not yet in `target`; return the files present."""
    present = []
    for name in names:
        package = PACKAGES[name]
        folder = target / name
        stamp = folder / f".{package.version}"
        if not stamp.exists():
            try:
                with urllib.request.urlopen(package.tarball, timeout=60) as response:
                    data = response.read()
            except OSError as exc:
                raise AssetError(f"cannot download {package.tarball}: {exc}") from exc
            _check(package, data)
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir(parents=True)
            with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as archive:
                for member in package.files:
                    source = archive.extractfile(member)
                    if source is None:
                        raise AssetError(f"{package.name}: no {member} in the tarball")
                    (folder / Path(member).name).write_bytes(source.read())
            stamp.touch()
        present += [folder / Path(member).name for member in package.files]
    return present
