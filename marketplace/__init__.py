"""Làng Nghề Market: the application factory, read as a table of contents."""
import logging
from pathlib import Path

import flask_babel
from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from config import INSTANCE_DIR, get_config
from marketplace import (
    commands,
    models,  # noqa: F401  (the whole schema, for SQLAlchemy and Alembic)
)
from marketplace.accounts import auth  # noqa: F401  (registers the user loader)
from marketplace.accounts.views import bp as accounts_bp
from marketplace.admin.marks import bp as marks_bp
from marketplace.admin.reference import bp as reference_bp
from marketplace.admin.reports import bp as reports_bp
from marketplace.admin.shipping import bp as shipping_admin_bp
from marketplace.admin.tradeoffices import bp as tradeoffice_admin_bp
from marketplace.admin.views import bp as admin_bp
from marketplace.api.views import bp as api_bp
from marketplace.catalog.constants import CATALOGUE_TABLES
from marketplace.catalog.views import bp as catalog_bp
from marketplace.core import caching, converters, errors, replica, security, templating
from marketplace.core.transaction import configure_sqlite
from marketplace.core.views import bp as core_bp
from marketplace.deals.views import bp as deals_bp
from marketplace.extensions import babel, csrf, db, limiter, login_manager, migrate
from marketplace.follows.views import bp as follows_bp
from marketplace.i18n import check_catalogues, select_locale
from marketplace.leads.views import bp as leads_bp
from marketplace.messages.views import bp as messages_bp
from marketplace.moderation.views import bp as moderation_bp
from marketplace.orders.views import bp as orders_bp
from marketplace.payments.views import bp as payments_bp
from marketplace.privacy.views import bp as privacy_bp
from marketplace.producers.views import bp as producers_bp
from marketplace.returns.views import bp as returns_bp
from marketplace.reviews.views import bp as reviews_bp
from marketplace.storefront.views import bp as storefront_bp
from marketplace.trademarks.views import bp as trademarks_bp
from marketplace.tradeoffices.directory_views import bp as directory_bp
from marketplace.tradeoffices.views import bp as tradeoffices_bp
from marketplace.villages.views import bp as villages_bp
from workers.celery_app import celery_init_app

PACKAGE = Path(__file__).resolve().parent
ROOT = PACKAGE.parent


def bundled(name):
    """templates/, static/ or migrations/: inside the package once installed (setup.py copies them
    there), at the checkout's top level otherwise."""
    inside = PACKAGE / name
    return inside if inside.is_dir() else ROOT / name


def create_app(test_config=None):
    app = Flask(
        __name__,
        instance_path=str(INSTANCE_DIR),
        template_folder=str(bundled("templates")),
        static_folder=str(bundled("static")),
    )
    app.config.from_object(get_config())
    if test_config:
        app.config.update(test_config)
    check_catalogues(app)
    Path(app.config["UPLOAD_FOLDER"]).mkdir(parents=True, exist_ok=True)
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    register_proxies(app)
    register_extensions(app)
    security.register(app)
    converters.register(app)  # before the blueprints: their <int:...> ids are bounded by it
    register_blueprints(app)
    errors.register(app)
    templating.register(app)
    commands.register(app)
    celery_init_app(app)
    logging.basicConfig(level=logging.INFO)
    return app


def register_proxies(app):
    """Behind ``TRUSTED_PROXIES`` proxies, the client's address and scheme are the ones they forwarded.

    Only that many hops of X-Forwarded-For are believed, so a client cannot pick its own
    address (and its own rate-limit bucket) by sending the header itself.
    """
    hops = app.config["TRUSTED_PROXIES"]
    if hops:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops)


def register_extensions(app):
    replica.configure(app)
    db.init_app(app)
    with app.app_context():
        if db.engine.dialect.name == "sqlite":
            configure_sqlite(db.engine, synchronous=app.config["SQLITE_SYNCHRONOUS"])
    migrate.init_app(app, db, directory=str(bundled("migrations")), render_as_batch=True)
    login_manager.init_app(app)
    csrf.init_app(app)
    babel.init_app(app, locale_selector=select_locale)
    # Flask-Babel caches the locale on the app context; each request chooses again.
    app.before_request(flask_babel.refresh)
    limiter.init_app(app)
    caching.register(app, watched=CATALOGUE_TABLES)


def register_blueprints(app):
    for bp in (storefront_bp, core_bp, accounts_bp, villages_bp, trademarks_bp, producers_bp, catalog_bp, orders_bp,
               payments_bp, admin_bp, reports_bp, reference_bp, shipping_admin_bp, marks_bp, leads_bp, deals_bp,
               moderation_bp, privacy_bp, reviews_bp, follows_bp, returns_bp, messages_bp, directory_bp, tradeoffices_bp,
               tradeoffice_admin_bp):
        app.register_blueprint(bp)
    app.register_blueprint(api_bp, url_prefix="/api/v1")
