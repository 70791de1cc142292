"""All configuration, read from the environment in this one place.

Unset variables mean the embedded default: SQLite and a SQLite-backed Celery broker in
``instance/``, e-mail written to a local outbox folder, Stripe off. ``APP_ENV=production``
refuses to start without its secrets.
"""
import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent
INSTANCE_DIR = Path(os.environ.get("INSTANCE_PATH", BASE_DIR / "instance")).resolve()


def _env(name, default):
    """The environment variable ``name`` read as ``default``'s type (text, a whole number, a number or a
    yes/no: "1", "true", "yes" or "on" mean yes); ``default`` when it is unset."""
    value = os.environ.get(name)
    if value is None:
        return default
    if isinstance(default, bool):
        return value.strip().lower() in {"1", "true", "yes", "on"}
    return type(default)(value)


class Config:
    # "development" (embedded default), "production" or "testing".
    ENV_NAME = _env("APP_ENV", "development")
    # Signs sessions and CSRF tokens; production must set its own.
    SECRET_KEY = _env("SECRET_KEY", "dev-only-not-secret")
    # SQLAlchemy URL; SQLite in instance/ when unset.
    SQLALCHEMY_DATABASE_URI = _env("DATABASE_URL", f"sqlite:///{INSTANCE_DIR / 'marketplace.sqlite'}")
    # Read replica (a PostgreSQL hot standby) for public catalogue reads (core.replica); unset: all on DATABASE_URL.
    DATABASE_REPLICA_URL = _env("DATABASE_REPLICA_URL", "")
    # SQLite's PRAGMA synchronous (FULL, NORMAL or OFF): how hard each commit waits for the disk.
    SQLITE_SYNCHRONOUS = {"FULL": "FULL", "NORMAL": "NORMAL", "OFF": "OFF"}[_env("SQLITE_SYNCHRONOUS", "FULL").upper()]
    # Pre-ping so a restarted PostgreSQL does not surface as a 500.
    SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}
    # Celery broker; a SQLite file through kombu's SQLAlchemy transport when unset.
    CELERY_BROKER_URL = _env("CELERY_BROKER_URL", f"sqla+sqlite:///{INSTANCE_DIR / 'celery-broker.sqlite'}")
    # Queue the app sends to and workers consume; tests use their own so runs never mix.
    CELERY_QUEUE = _env("CELERY_QUEUE", "celery")
    # Run tasks in-process instead of through the broker (tests that are not about the pipeline).
    CELERY_TASK_ALWAYS_EAGER = _env("CELERY_TASK_ALWAYS_EAGER", False)
    # Where uploaded and generated images live; outside the code tree.
    UPLOAD_FOLDER = _env("UPLOAD_FOLDER", str(INSTANCE_DIR / "uploads"))
    # Folders under UPLOAD_FOLDER that /media never serves: OCOP certificate scans, shown to staff and the
    # producer only (moderation.ocop_scan).
    PRIVATE_UPLOAD_FOLDERS = frozenset({"ocop", "private"})  # OCOP scans; return photos and message attachments
    # Largest accepted request body (images included), in bytes.
    MAX_CONTENT_LENGTH = _env("MAX_CONTENT_LENGTH", 20 * 1024 * 1024)
    # Largest single image, in bytes.
    MAX_IMAGE_BYTES = _env("MAX_IMAGE_BYTES", 5 * 1024 * 1024)
    # Largest single image, in pixels: decoding costs about 4 bytes a pixel (25 MP ≈ 100 MB).
    MAX_IMAGE_PIXELS = _env("MAX_IMAGE_PIXELS", 25_000_000)
    # Pixels all the images of one request may have together (eight 12-megapixel phone photos fit).
    MAX_REQUEST_PIXELS = _env("MAX_REQUEST_PIXELS", 100_000_000)
    # Images a listing may have.
    MAX_IMAGES_PER_LISTING = 8
    # Shared storage for Flask-Limiter counters; Redis in production so workers count together.
    RATELIMIT_STORAGE_URI = _env("RATELIMIT_STORAGE_URI", "memory://")
    # Login attempts allowed per client address.
    LOGIN_RATE_LIMIT = _env("LOGIN_RATE_LIMIT", "10 per minute")
    # Failed logins allowed per account (the e-mail tried), from whatever addresses.
    LOGIN_ACCOUNT_RATE_LIMIT = _env("LOGIN_ACCOUNT_RATE_LIMIT", "10 per minute")
    # Reports (of a listing, producer or mark) one signed-in account may send.
    REPORT_RATE_LIMIT = _env("REPORT_RATE_LIMIT", "10 per hour")
    # Hours between two digests of new products for followers of shops and villages.
    FOLLOW_DIGEST_HOURS = _env("FOLLOW_DIGEST_HOURS", 24.0)
    # Reviews (with their photos) one client may post.
    REVIEW_RATE_LIMIT = _env("REVIEW_RATE_LIMIT", "20 per hour")
    # Sign-ups allowed per client address.
    REGISTER_RATE_LIMIT = _env("REGISTER_RATE_LIMIT", "10 per hour")
    # Password reset requests allowed per client address.
    RESET_RATE_LIMIT = _env("RESET_RATE_LIMIT", "10 per hour")
    # Password reset requests allowed per e-mail address asked for, from whatever client addresses.
    RESET_EMAIL_RATE_LIMIT = _env("RESET_EMAIL_RATE_LIMIT", "3 per hour")
    # API writes (inquiries, quotes) allowed per account, whichever of its tokens sends them.
    API_WRITE_RATE_LIMIT = _env("API_WRITE_RATE_LIMIT", "60 per hour")
    # Reverse proxies in front of the app whose X-Forwarded-For/-Proto to trust (0: none, the app faces clients).
    TRUSTED_PROXIES = _env("TRUSTED_PROXIES", 0)
    RATELIMIT_HEADERS_ENABLED = True
    # Seconds an e-mail verification link stays valid (3 days); after that the owner asks for a new one.
    EMAIL_VERIFICATION_MAX_AGE = _env("EMAIL_VERIFICATION_MAX_AGE", 3 * 24 * 3600)
    # Seconds a password reset link stays valid (1 hour); it also stops working once used.
    PASSWORD_RESET_MAX_AGE = _env("PASSWORD_RESET_MAX_AGE", 3600)
    # Seconds an association admin's invitation link stays valid (7 days); staff or an admin send a new one after.
    ADMIN_INVITATION_MAX_AGE = _env("ADMIN_INVITATION_MAX_AGE", 7 * 24 * 3600)
    # Seconds a trade office's invitation, and an importer's referral link, stay valid (14 days).
    TRADE_OFFICE_INVITATION_MAX_AGE = _env("TRADE_OFFICE_INVITATION_MAX_AGE", 14 * 24 * 3600)
    # Seconds a trade office's shared link to the export directory stays valid (90 days).
    DIRECTORY_SHARE_MAX_AGE = _env("DIRECTORY_SHARE_MAX_AGE", 90 * 24 * 3600)
    # Largest uploaded document (a mark's rules of use, PDF), in bytes.
    MAX_DOCUMENT_BYTES = _env("MAX_DOCUMENT_BYTES", 10 * 1024 * 1024)
    # Vietnamese first; English is the other language of the UI.
    BABEL_DEFAULT_LOCALE = "vi"
    # Times are stored in UTC and shown in Hanoi time.
    BABEL_DEFAULT_TIMEZONE = "Asia/Ho_Chi_Minh"
    LANGUAGES = ("vi", "en")
    BABEL_TRANSLATION_DIRECTORIES = str(BASE_DIR / "marketplace" / "translations")
    # Card payments are off unless both keys are set.
    STRIPE_SECRET_KEY = _env("STRIPE_SECRET_KEY", "")
    STRIPE_PUBLISHABLE_KEY = _env("STRIPE_PUBLISHABLE_KEY", "")
    # Verifies signatures on Stripe webhooks.
    STRIPE_WEBHOOK_SECRET = _env("STRIPE_WEBHOOK_SECRET", "")
    # Points the Stripe client at a fake server (localstripe) in tests.
    STRIPE_API_BASE = _env("STRIPE_API_BASE", "")
    # Platform commission on each order part's goods, in basis points (800 = 8 %).
    PLATFORM_COMMISSION_BP = _env("PLATFORM_COMMISSION_BP", 800)
    # Commission on each member's share of a wholesale deal's deposit and balance, in basis points
    # (the retail rate unless set; the same half-up rounding as order parts).
    WHOLESALE_COMMISSION_BP = _env("WHOLESALE_COMMISSION_BP", PLATFORM_COMMISSION_BP)
    # A flat shipping fee per producer's parcel, in VND, instead of the zone and weight table
    # (marketplace/shipping, edited at /staff/shipping); unset, the table applies.
    SHIPPING_FEE_VND = int(os.environ["SHIPPING_FEE_VND"]) if os.environ.get("SHIPPING_FEE_VND") else None
    # How long an unpaid card order keeps its stock reserved.
    CARD_RESERVATION_MINUTES = _env("CARD_RESERVATION_MINUTES", 30)
    # How long an unpaid bank-transfer order keeps its stock reserved (transfers take a while).
    TRANSFER_RESERVATION_HOURS = _env("TRANSFER_RESERVATION_HOURS", 48)
    # A shipped part the buyer has not confirmed counts as delivered this many days after shipping
    # (a beat task); only then does the producer's payout fall due.
    AUTO_DELIVERED_AFTER_DAYS = _env("AUTO_DELIVERED_AFTER_DAYS", 7)
    # How many days after delivery a buyer may ask to return products or for a refund.
    RETURN_WINDOW_DAYS = _env("RETURN_WINDOW_DAYS", 14)
    # The platform's bank account that buyers transfer to (VietQR): NAPAS bank BIN, number, holder.
    BANK_BIN = _env("BANK_BIN", "970436")
    BANK_NAME = _env("BANK_NAME", "Vietcombank")
    BANK_ACCOUNT_NUMBER = _env("BANK_ACCOUNT_NUMBER", "1023456789")
    BANK_ACCOUNT_NAME = _env("BANK_ACCOUNT_NAME", "CONG TY LANG NGHE MARKET")
    # SMTP host for e-mail; unset writes messages to MAIL_OUTBOX_DIR instead.
    MAIL_SERVER = _env("MAIL_SERVER", "")
    MAIL_PORT = _env("MAIL_PORT", 587)
    MAIL_USERNAME = _env("MAIL_USERNAME", "")
    MAIL_PASSWORD = _env("MAIL_PASSWORD", "")
    MAIL_USE_TLS = _env("MAIL_USE_TLS", True)
    # Sender address on every e-mail.
    MAIL_DEFAULT_SENDER = _env("MAIL_DEFAULT_SENDER", "Làng Nghề Market <no-reply@langnghe.local>")
    # Folder for .eml files when no SMTP server is configured.
    MAIL_OUTBOX_DIR = _env("MAIL_OUTBOX_DIR", str(INSTANCE_DIR / "mail-outbox"))
    # Public base URL used in QR codes and e-mails when outside a request.
    PUBLIC_BASE_URL = _env("PUBLIC_BASE_URL", "http://127.0.0.1:5000")
    # VND per US dollar, for the importer-facing USD figures (derived for display, never stored).
    USD_VND_RATE = _env("USD_VND_RATE", 25400)
    # Seconds an inquiry may wait for matching before the beat sweep queues it again.
    MATCHING_RETRY_AFTER = _env("MATCHING_RETRY_AFTER", 120)
    # Matches a search counts at most: more show as "1,000+", facets then count the newest this many
    # (README, Benchmarks: at 100,000 listings a broad search's SQL is ~4x cheaper at 1,000 than at 10,000).
    SEARCH_COUNT_CAP = max(10, _env("SEARCH_COUNT_CAP", 1_000))
    # Cache of anonymous catalogue answers (core.caching): RedisCache at CACHE_REDIS_URL when set,
    # else in-process SimpleCache (one worker's memory); NullCache turns caching off.
    CACHE_REDIS_URL = _env("CACHE_REDIS_URL", "")
    CACHE_TYPE = _env("CACHE_TYPE", "RedisCache" if CACHE_REDIS_URL else "SimpleCache")
    CACHE_KEY_PREFIX = "lnm:"
    # Seconds a cached catalogue answer lives at most; any catalogue change makes it stale at once anyway.
    CACHE_DEFAULT_TIMEOUT = _env("CACHE_DEFAULT_TIMEOUT", 300)
    # Batched product-view and mark-scan counters (core.counters): this Redis, else CACHE_REDIS_URL's,
    # else the web process's memory; written to the database every COUNTER_FLUSH_SECONDS (beat task,
    # or the web process itself in memory mode).
    COUNTER_REDIS_URL = _env("COUNTER_REDIS_URL", "")
    COUNTER_FLUSH_SECONDS = _env("COUNTER_FLUSH_SECONDS", 60)
    # Anonymous HTML pages sent "Cache-Control: public, max-age=60" (catalog.index, catalog.detail and the
    # API set their own).
    PUBLIC_PAGE_ENDPOINTS = frozenset({"storefront.index", "storefront.about", "villages.index",
                                       "villages.detail", "villages.craft", "trademarks.index", "trademarks.detail"})
    # Listings per catalogue page.
    PRODUCTS_PER_PAGE = 24
    # Development and tests are plain http on 127.0.0.1: no https redirect, no HSTS.
    HTTPS_ONLY = False
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_HTTPONLY = True
    WTF_CSRF_TIME_LIMIT = None


class ProductionConfig(Config):
    # Refuse to start when a language's compiled catalogue (messages.mo) is missing: pages would be English.
    TRANSLATIONS_REQUIRED = True
    # Redirect plain http to https and send HSTS (core/security.py); /healthz still answers http.
    HTTPS_ONLY = True
    SESSION_COOKIE_SECURE = True
    REMEMBER_COOKIE_SECURE = True
    PREFERRED_URL_SCHEME = "https"
    # Several gunicorn workers must share login-attempt counters.
    RATELIMIT_STORAGE_URI = _env("RATELIMIT_STORAGE_URI", "redis://127.0.0.1:6379/1")
    # Every worker reads and invalidates the same catalogue cache.
    CACHE_REDIS_URL = _env("CACHE_REDIS_URL", "redis://127.0.0.1:6379/2")
    CACHE_TYPE = _env("CACHE_TYPE", "RedisCache")


class TestingConfig(Config):
    TESTING = True
    WTF_CSRF_ENABLED = False
    # Tasks run in-process in tests, except in a test's real worker, which sets this to 0.
    CELERY_TASK_ALWAYS_EAGER = _env("CELERY_TASK_ALWAYS_EAGER", True)
    RATELIMIT_ENABLED = True
    # Off unless a test asks for it (tests/test_caching.py uses Redis).
    CACHE_TYPE = _env("CACHE_TYPE", "NullCache")
    CACHE_NO_NULL_WARNING = True


def get_config():
    """The config class for ``APP_ENV``; production fails loudly without its secrets."""
    env = Config.ENV_NAME
    if env == "production":
        missing = [name for name in ("SECRET_KEY", "DATABASE_URL", "CELERY_BROKER_URL") if not os.environ.get(name)]
        if missing:
            raise RuntimeError(f"APP_ENV=production needs {', '.join(missing)} set in the environment")
        return ProductionConfig
    if env == "testing":
        return TestingConfig
    return Config
