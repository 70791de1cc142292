"""A production install works: ``pip install .`` from a clean clone serves Vietnamese pages.

The wheel is built once per run from the files a clean clone has (git's tracked files and new,
not ignored ones: so no compiled .mo, no instance/), without network, and installed for real
into a fresh virtualenv. The virtualenv gets the dependencies already installed here through a
.pth file written after the install (so pip never sees, nor touches, this environment's copy of
the project). The app then runs from a directory outside the repository with ``APP_ENV=production``:
``flask db upgrade``, then gunicorn, then the pages, as README's production steps do.
"""
import json
import os
import re
import shutil
import subprocess
import sys
import sysconfig
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import REDIS_URL, stop, wait_for

ROOT = Path(__file__).resolve().parent.parent
PROXY_HEADERS = {"X-Forwarded-Proto": "https", "X-Forwarded-For": "203.0.113.7"}  # what nginx adds


def _run(args, **kwargs):
    result = subprocess.run(args, check=False, capture_output=True, text=True, timeout=180, **kwargs)
    assert result.returncode == 0, f"{args} failed ({result.returncode}):\n{result.stdout}\n{result.stderr}"
    return result.stdout


def _clean_tree(target):
    """Copy what ``git clone`` would give (plus new files not ignored) to ``target``."""
    listed = _run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=ROOT)
    for name in filter(None, listed.split("\0")):
        source = ROOT / name
        if source.is_file():  # a tracked file deleted in the working tree is not part of it
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """The wheel of a clean tree installed in a new virtualenv; yields (python, the run directory, env)."""
    base = tmp_path_factory.mktemp("packaging")
    source, dist, venv, run = base / "src", base / "dist", base / "venv", base / "run"
    _clean_tree(source)
    assert not list(source.rglob("*.mo")), "the clean tree must not hold compiled catalogues"
    pip_env = {key: value for key, value in os.environ.items() if not key.startswith("PIP_")}
    _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index", "-q",
          "-w", str(dist), str(source)], env=pip_env)
    wheel = next(dist.glob("langnghe_market-*.whl"))
    _run([sys.executable, "-m", "venv", "--without-pip", str(venv)])
    python = venv / "bin" / "python"
    _run([sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "--no-index", "-q", str(wheel)],
         env=pip_env)
    venv_packages = Path(_run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"]).strip())
    ours = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    (venv_packages / "zz_dependencies.pth").write_text("".join(f"{path}\n" for path in sorted(ours)))
    run.mkdir()
    env = {key: value for key, value in os.environ.items() if key not in ("PYTHONPATH", "FLASK_APP")}
    env.update(
        APP_ENV="production", SECRET_KEY="packaging-test-secret", DATABASE_URL=f"sqlite:///{run / 'market.sqlite'}",
        CELERY_BROKER_URL=REDIS_URL, RATELIMIT_STORAGE_URI="memory://", INSTANCE_PATH=str(run / "instance"),
        UPLOAD_FOLDER=str(run / "uploads"), MAIL_OUTBOX_DIR=str(run / "mail"), TRUSTED_PROXIES="1",
    )
    return python, run, env


@pytest.fixture(scope="module")
def server(installed):
    """gunicorn serving the installed package on 127.0.0.1 (a free port) after ``flask db upgrade``."""
    python, run, env = installed
    _run([str(python), "-m", "flask", "--app", "wsgi", "db", "upgrade"], cwd=run, env=env)
    log_path = run / "gunicorn.log"
    with open(log_path, "w") as log:
        process = subprocess.Popen([str(python), "-m", "gunicorn", "-w", "1", "-b", "127.0.0.1:0", "wsgi:app"],
                                   cwd=run, env=env, stdout=log, stderr=subprocess.STDOUT)

        def listening():
            if process.poll() is not None:
                raise AssertionError(f"gunicorn exited with {process.returncode}:\n{log_path.read_text()}")
            found = re.search(r"Listening at: (http://127\.0\.0\.1:\d+)", log_path.read_text())
            return found and found.group(1)

        try:
            yield wait_for(listening, timeout=60)
        finally:
            stop(process)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def _get(url, headers=PROXY_HEADERS):
    """(status, headers, body text) of a GET, redirects not followed."""
    opener = urllib.request.build_opener(_NoRedirect)
    try:
        with opener.open(urllib.request.Request(url, headers=headers), timeout=30) as response:
            return response.status, response.headers, response.read().decode()
    except urllib.error.HTTPError as answer:
        return answer.code, answer.headers, answer.read().decode()


def test_the_wheel_carries_templates_static_files_migrations_and_compiled_catalogues(installed):
    """Does the installed package hold what the app reads at run time, and is that what it reads?"""
    python, run, env = installed
    out = _run([str(python), "-c", (
        "import marketplace, wsgi; app = wsgi.app; "
        "print(marketplace.__file__); print(app.template_folder); print(app.static_folder); "
        "print(app.extensions['migrate'].directory); print(app.config['BABEL_TRANSLATION_DIRECTORIES'])")],
        cwd=run, env=env)
    package = Path(out.splitlines()[0]).parent
    assert package.is_relative_to(python.parent.parent)  # the venv's copy, not the checkout
    assert out.splitlines()[1:] == [str(package / "templates"), str(package / "static"), str(package / "migrations"),
                                    str(package / "translations")]
    assert (package / "templates" / "base.html").is_file()
    assert (package / "static" / "css" / "app.css").is_file()
    assert (package / "migrations" / "env.py").is_file()
    assert (package / "translations" / "vi" / "LC_MESSAGES" / "messages.mo").stat().st_size > 10_000
    chart_js = package / "static" / "vendor" / "chart.js" / "chart.umd.min.js"
    assert chart_js.read_bytes().startswith(b"/*!\n * Chart.js v4.6.1\n")
    assert (package / "static" / "vendor" / "chart.js" / "LICENSE.md").read_text().startswith("The MIT License (MIT)")


def test_the_installed_app_serves_a_vietnamese_page_and_its_css_in_production(server):
    """After `pip install .`, `flask db upgrade` and gunicorn, is the home page Vietnamese and styled?"""
    status, headers, body = _get(server + "/")
    assert status == 200
    assert '<html lang="vi">' in body
    assert "<h1>Làm bằng tay tại <em>1.350</em> làng nghề Hà Nội</h1>" in body
    assert headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"

    status, headers, css = _get(server + "/static/css/app.css")
    assert status == 200
    assert headers["Content-Type"].startswith("text/css")
    assert css.startswith("/* Làng Nghề Market: one stylesheet")


def test_the_installed_app_sends_plain_http_to_https_but_answers_health_checks(server):
    """In production, is a plain-http page redirected to https while /healthz answers as it is?"""
    status, headers, _ = _get(server + "/products?q=gom", headers={})
    assert status == 302
    assert headers["Location"] == server.replace("http://", "https://") + "/products?q=gom"

    status, _, body = _get(server + "/healthz", headers={})
    assert (status, json.loads(body)) == (200, {"status": "ok", "database": "ok", "broker": "ok"})


def test_production_refuses_to_start_without_a_compiled_catalogue(make_app, tmp_path):
    """Does an app that must translate fail at start-up, naming the file, when messages.mo is missing?"""
    translations = tmp_path / "translations"
    shutil.copytree(ROOT / "marketplace" / "translations", translations, ignore=shutil.ignore_patterns("*.mo"))

    with pytest.raises(RuntimeError) as failure:
        make_app(TRANSLATIONS_REQUIRED=True, BABEL_TRANSLATION_DIRECTORIES=str(translations))

    expected = translations / "vi" / "LC_MESSAGES" / "messages.mo"
    assert str(failure.value).startswith(f"compiled translation catalogue missing: {expected}. Install the package")


def test_production_starts_when_the_catalogue_is_compiled(make_app):
    """With the checkout's compiled catalogue, does the same production check let the app start?"""
    app = make_app(TRANSLATIONS_REQUIRED=True)

    assert app.config["TRANSLATIONS_REQUIRED"] is True

