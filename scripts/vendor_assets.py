#!/usr/bin/env python3
"""Put the pinned front-end libraries from npm into ``static/vendor/`` (stdlib only).

``static/vendor/assets.json`` pins each package: its version, tarball address, the registry's
sha512 ``integrity`` of that tarball, and each file taken from it (the build and its licence)
with the file's own sha512. A download that does not match the pins fails loudly instead of
being served.

The vendored files are committed, so a clean clone, ``pip install .`` and the test suite work
offline; this script is what made them, and what ``scripts/install.sh`` and the wheel build
(``setup.py``) run to check them: by default it verifies the files on disk against their pins
and downloads again only a package whose file is missing or differs; ``--offline`` fails
instead of downloading (the wheel build: no network there). Nothing downloads at run time.

    python3 scripts/vendor_assets.py [--offline]
"""
import base64
import hashlib
import io
import json
import sys
import tarfile
import urllib.request
from pathlib import Path

VENDOR = Path(__file__).resolve().parent.parent / "static" / "vendor"
MANIFEST = VENDOR / "assets.json"


def pins():
    return json.loads(MANIFEST.read_text())


def _digest(data):
    return hashlib.sha512(data).hexdigest()


def problems(pin, root=VENDOR):
    """What is wrong with the package's files under ``root``: missing or not the pinned content."""
    found = []
    for target, source in pin["files"].items():
        path = root / target
        if not path.is_file():
            found.append(f"{path} is missing")
        elif _digest(path.read_bytes()) != source["sha512"]:
            found.append(f"{path} is not the pinned {source['from']} of {pin['tarball']}")
    return found


def _download(pin):
    with urllib.request.urlopen(pin["tarball"], timeout=60) as response:
        data = response.read()
    algorithm, _, expected = pin["integrity"].partition("-")
    actual = base64.b64encode(hashlib.new(algorithm, data).digest()).decode()
    if actual != expected:
        raise SystemExit(f"{pin['tarball']}: integrity {algorithm}-{actual} is not the pinned {pin['integrity']}")
    return data


def vendor(name, pin):
    """Download the package's tarball, check it and each file taken from it, write the files."""
    data = _download(pin)
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as archive:
        for target, source in pin["files"].items():
            content = archive.extractfile(source["from"]).read()
            if _digest(content) != source["sha512"]:
                raise SystemExit(f"{source['from']} in {pin['tarball']} is not the pinned file")
            path = VENDOR / target
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content)
    print(f"vendored {name} {pin['version']} into {VENDOR}")


def main(argv):
    for name, pin in pins().items():
        wrong = problems(pin)
        if wrong and "--offline" in argv:
            raise SystemExit("vendored assets are not as pinned (run scripts/vendor_assets.py):\n" + "\n".join(wrong))
        if wrong:
            vendor(name, pin)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
