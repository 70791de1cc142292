"""Entry point for ``celery -A workers.worker worker`` and ``celery -A workers.worker beat``."""
from marketplace import create_app

flask_app = create_app()
celery = flask_app.extensions["celery"]
