"""A hello-world Flask app: the ceiling the catalogue is compared with under the same gunicorn.

Every path (``/healthz`` included) answers 200 "Hello, World!", so a benchmark can send it
exactly the requests it sends the marketplace.

    gunicorn --pythonpath benchmarks hello_wsgi:app
"""
from flask import Flask

app = Flask(__name__)


@app.get("/", defaults={"path": ""})
@app.get("/<path:path>")
def hello(path):
    return "Hello, World!"
