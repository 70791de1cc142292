"""Catalogue caching: a generation token bumped after commit, normalised keys, HTTP cache headers.

Every cached catalogue answer is stored with the *generation* it was built in, a random token
kept in the cache without expiry, and is read together with the current token in one round
trip (``get_many``, an MGET on Redis); an answer of another generation is built again. A commit
that wrote one of the watched tables (listings, their variants and images, producers, marks
and rights: see ``catalog.constants``) replaces the token once the transaction has committed,
so every older answer is stale at once and expires on its own. The writes are noticed by SQLAlchemy session events, ORM flushes and
bulk UPDATE/DELETE statements alike (stock changes are bulk updates), so a service cannot
forget to invalidate; a rolled-back transaction bumps nothing.

A cached answer may be one part of a page (a product's own part of ``/products/<id>``), the page
around it, with the visitor's header, rendered per request; a part with forms is rendered by
:func:`fragment` and placed by :func:`filled`, which puts the visitor's CSRF token in. Or it is
a whole page (``/products``): :func:`page` renders it with a slot wherever one anonymous visitor's
page differs from another's (CSRF token, CSP nonce, the address and query as typed, the login
link back), and :func:`filled_page` fills them per request, so a hit renders no template at all.

HTTP: anonymous catalogue answers carry ``Cache-Control: public, max-age=60`` and a weak ETag
made of the generation and the key (304 on a matching If-None-Match, without touching the
database); anything seen by a signed-in user, or by a visitor with a cart, is ``private, no-store``.
"""
import dataclasses
import hashlib
import logging
import re
import uuid
from datetime import date
from itertools import chain
from urllib.parse import urlencode

from flask import current_app, has_app_context, render_template, request, session, url_for
from flask_babel import get_locale
from flask_login import current_user
from flask_wtf.csrf import generate_csrf
from markupsafe import Markup, escape
from sqlalchemy import event
from sqlalchemy.orm import Session

from marketplace.core import replica
from marketplace.extensions import cache

log = logging.getLogger(__name__)

GENERATION_KEY = "catalogue:generation"
PUBLIC_MAX_AGE = 60  # seconds browsers and shared caches may keep an anonymous answer
CART_SESSION_KEY = "cart_token"  # orders keeps an anonymous visitor's cart under this session key
CSRF_SLOT = Markup("<csrf-token>")  # where a cached fragment's forms take the visitor's CSRF token
# A cached whole page's other slots: the request's CSP nonce, its path and query (the language form's
# "next"), the query as typed (the search box) and the login link back. Each begins with "<", which
# escaped text cannot contain, so no title or query can forge one.
NONCE_SLOT, HERE_SLOT, TYPED_SLOT, LOGIN_SLOT = (Markup(f"<{name}>") for name in ("csp-nonce", "here", "typed-q", "login-href"))
_ANY_SLOT = re.compile("|".join(re.escape(slot) for slot in (CSRF_SLOT, NONCE_SLOT, HERE_SLOT, TYPED_SLOT, LOGIN_SLOT)))
_CHANGED = "catalogue_changed"
_watched = set()


def watch(tables):
    """Bump the generation after any commit that writes one of these tables."""
    _watched.update(tables)


def _touches(obj):
    return getattr(obj, "__tablename__", None) in _watched


@event.listens_for(Session, "before_flush")
def _note_flush(session, flush_context, instances):
    if any(_touches(obj) for obj in chain(session.new, session.dirty, session.deleted)):
        session.info[_CHANGED] = True


@event.listens_for(Session, "do_orm_execute")
def _note_bulk(state):
    if state.is_update or state.is_delete or state.is_insert:
        table = getattr(state.statement, "table", None)
        if getattr(table, "name", None) in _watched:
            state.session.info[_CHANGED] = True


@event.listens_for(Session, "after_commit")
def _bump_committed(session):
    if session.info.pop(_CHANGED, None) and has_app_context():
        replica.note_primary_position()  # first: a read under the new generation must wait for the replica
        bump()


@event.listens_for(Session, "after_soft_rollback")
def _forget(session, previous_transaction):
    if previous_transaction.parent is None:
        session.info.pop(_CHANGED, None)


def bump():
    """Make every cached catalogue answer stale (after a commit that changed what buyers see)."""
    try:
        cache.set(GENERATION_KEY, uuid.uuid4().hex, timeout=0)
    except Exception:  # the cache is down: answers are not read from it either (see generation)
        log.exception("could not bump the catalogue generation")


def generation(token=None):
    """The current generation token (``token``: as just read); a new one when the cache lost it (or is NullCache)."""
    token = token or cache.get(GENERATION_KEY)
    if token is None:
        token = uuid.uuid4().hex
        cache.add(GENERATION_KEY, token, timeout=0)
        token = cache.get(GENERATION_KEY) or token
    return token


def normalised(params):
    """A search's query string, sorted, defaults removed, q case-folded and its spaces collapsed."""
    values = {}
    for spec in dataclasses.fields(params):
        value = getattr(params, spec.name)
        if spec.name == "q":
            value = " ".join(str(value).casefold().split())
        if value != spec.default and value not in ("", None):
            values[spec.name] = value
    return urlencode(sorted(values.items()))


def key_for(kind, params):
    """The cache key of one catalogue answer: language, day (OCOP expiry), query. The answer is stored
    with the generation it was built in, and read with the current one in the same round trip."""
    return f"catalogue:{get_locale()}:{date.today().isoformat()}:{kind}:{normalised(params)}"


def personal():
    """Whether this request's pages carry per-visitor content: a signed-in user, a cart, or a message
    waiting to be shown (a flash)."""
    return current_user.is_authenticated or bool(session.get(CART_SESSION_KEY)) or bool(session.get("_flashes"))


def catalogue_read(kind, params, build, respond, private=None):
    """Answer an anonymous catalogue read from the cache, or 304; ``build()`` the value on a miss.

    ``respond(value)`` makes the response. A signed-in user's read (``private()``, by default
    :func:`personal`) is built afresh every time and sent ``private, no-store``.
    """
    if (private or personal)():
        return no_store(respond(build()))
    key = key_for(kind, params)
    token, stored = cache.get_many(GENERATION_KEY, key)  # one round trip (MGET on Redis)
    token = generation(token)
    etag = hashlib.sha1(f"{token}:{key}".encode()).hexdigest()[:24]
    if request.if_none_match.contains_weak(etag):
        response = current_app.response_class(status=304)
    else:
        if isinstance(stored, tuple) and stored[0] == token:  # built in this generation: still true
            value = stored[1]
        else:
            value = build()
            cache.set(key, (token, value))
        response = respond(value)
    if response.status_code in (200, 304):
        response.set_etag(etag, weak=True)
        public(response)
    return response


def fragment(template, **context):
    """Render a part of a page to cache: the same for every anonymous visitor, forms included.

    Where a form asks for ``csrf_token()`` the part gets :data:`CSRF_SLOT`, and :func:`filled`
    puts the visitor's own token there when the page around it is made. So the forms stay whole
    in the markup and work without JavaScript, and a form added to the part later needs nothing
    more (moving the tokens out instead, into inputs placed outside with ``form="…"``, would tie
    each form's id to the page around). The slot begins with "<", which escaped text cannot
    contain, so no title or review can forge one. A script needs the request's CSP nonce, which a
    copy shared between requests cannot carry: ``csp_nonce()`` refuses, so scripts go in the page
    around (or in a static file) instead.
    """
    return render_template(template, csrf_token=lambda: CSRF_SLOT, csp_nonce=_no_nonce, **context)


def page_context():
    """The per-request values the layout shows (``base.html``), as a context processor gives them."""
    back = None if request.endpoint in ("accounts.login", "accounts.register") else request.full_path
    return {"page_path": request.full_path, "typed_q": request.args.get("q", ""),
            "login_href": url_for("accounts.login", next=back)}


def page(template, **context):
    """Render a whole page to cache, the same for every anonymous visitor: :func:`page_context`'s values
    and the CSRF token and nonce are slots that :func:`filled_page` fills for each request."""
    return render_template(template, csrf_token=lambda: CSRF_SLOT, csp_nonce=lambda: NONCE_SLOT,
                           page_path=HERE_SLOT, typed_q=TYPED_SLOT, login_href=LOGIN_SLOT, **context)


def filled_page(html):
    """A page rendered by :func:`page`, with this request's values in its slots (one pass over the page)."""
    here = page_context()
    values = {CSRF_SLOT: generate_csrf(), NONCE_SLOT: getattr(request, "csp_nonce", ""), HERE_SLOT: here["page_path"],
              TYPED_SLOT: here["typed_q"], LOGIN_SLOT: here["login_href"]}
    escaped = {slot: str(escape(value)) for slot, value in values.items()}
    return _ANY_SLOT.sub(lambda found: escaped[found.group()], html)


def _no_nonce():
    raise RuntimeError("a cached fragment cannot carry the request's CSP nonce: put the script in the page around it")


def filled(part):
    """A part rendered by :func:`fragment`, with this visitor's CSRF token in its slots, to place in a page."""
    return Markup(part.replace(CSRF_SLOT, generate_csrf()))


def public(response):
    response.cache_control.public = True
    response.cache_control.max_age = PUBLIC_MAX_AGE
    response.vary.add("Accept-Language")  # the API's language; pages choose theirs in the session cookie
    return response


def no_store(response):
    response.cache_control.private = True
    response.cache_control.no_store = True
    return response


def _headers(response):
    """Pages that did not choose: private, no-store for a personal request, public for anonymous public pages."""
    if "Cache-Control" in response.headers or request.method not in ("GET", "HEAD"):
        return response
    if personal():
        return no_store(response)
    if response.status_code == 200 and request.endpoint in current_app.config["PUBLIC_PAGE_ENDPOINTS"]:
        public(response)
    return response


def register(app, watched):
    cache.init_app(app)
    watch(watched)
    app.after_request(_headers)
    app.context_processor(page_context)
