"""Run as ``python -m tests.image_memory IMAGE UPLOAD_FOLDER``: stores IMAGE through the listing
image pipeline in a fresh process and prints how much its peak resident memory grew, in MB.

A fresh process, because a process's peak (``ru_maxrss``) only ever grows: measured inside the
test run it would carry every earlier test's peak. Pillow allocates pixels outside Python's
allocator, so tracemalloc cannot see them.
"""
import json
import os
import resource
import sys
from pathlib import Path

os.environ["APP_ENV"] = "testing"

from marketplace import create_app  # noqa: E402
from marketplace.catalog import images  # noqa: E402
from marketplace.core.errors import InvalidInput  # noqa: E402


def main(image_path, upload_folder):
    app = create_app({"TESTING": True, "UPLOAD_FOLDER": upload_folder, "SQLALCHEMY_DATABASE_URI": "sqlite://",
                      "CELERY_BROKER_URL": "memory://"})
    data = Path(image_path).read_bytes()
    with app.app_context():
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        try:
            stored = images.store_image(data)
            outcome = {"stored": list(stored)}
        except InvalidInput as exc:
            outcome = {"refused": exc.message}
        after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({**outcome, "peak_growth_mb": (after - before) / 1024}))


if __name__ == "__main__":
    main(*sys.argv[1:])
