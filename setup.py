"""The build step of ``pip install .``: the wheel carries everything the app reads at run time.

Developers edit templates/, static/ and migrations/ at the repository's top level; the wheel gets
copies of them inside the ``marketplace`` package, and the translation catalogues compiled from
their .po files (the .mo files are not in git, so a clean clone has none). The app looks for these
folders inside the package first and in the checkout otherwise (``marketplace/__init__.py``).
The vendored front-end libraries (``static/vendor/``, pinned in its ``assets.json``) are checked
against their pins first, so a wheel never ships a changed or missing Chart.js.
Everything else about the package is declared in pyproject.toml.
"""
import shutil
import subprocess
import sys
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent
BUNDLED = ("templates", "static", "migrations")
TRANSLATIONS = HERE / "marketplace" / "translations"


def compile_catalogue(po_path: Path, mo_path: Path) -> None:
    """Compile one .po file as ``pybabel compile`` does (fuzzy entries left out); a broken one fails the build."""
    with po_path.open("rb") as po:
        catalog = read_po(po, abort_invalid=True)
    problems = [f"{po_path}:{message.lineno}: {error}" for message, errors in catalog.check() for error in errors]
    if problems:
        raise SystemExit("translation catalogue errors:\n" + "\n".join(problems))
    mo_path.parent.mkdir(parents=True, exist_ok=True)
    with mo_path.open("wb") as mo:
        write_mo(mo, catalog, use_fuzzy=False)


class BuildPyWithAssets(build_py):
    """setuptools' build_py, then the templates, static files, migrations and compiled catalogues."""

    def run(self):
        super().run()
        if self.editable_mode:  # an editable install reads them from the checkout
            return
        # The build runs offline (pip --no-index): a vendored file that is not as pinned fails it.
        subprocess.run([sys.executable, str(HERE / "scripts" / "vendor_assets.py"), "--offline"], check=True)
        package = Path(self.build_lib) / "marketplace"
        for name in BUNDLED:
            shutil.copytree(HERE / name, package / name, dirs_exist_ok=True,
                            ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        for po_path in sorted(TRANSLATIONS.glob("*/LC_MESSAGES/*.po")):
            compile_catalogue(po_path, package / po_path.relative_to(HERE / "marketplace").with_suffix(".mo"))


setup(cmdclass={"build_py": BuildPyWithAssets})
