"""The Vietnamese catalogue: complete, well-formed, and what people see by default.

The page tests read the compiled catalogue (messages.mo), which scripts/install.sh builds;
after editing messages.po run ``pybabel compile -d marketplace/translations``.
"""
import re
from io import BytesIO
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

TRANSLATIONS = Path(__file__).resolve().parent.parent / "marketplace" / "translations"
PO = TRANSLATIONS / "vi" / "LC_MESSAGES" / "messages.po"
MO = PO.with_suffix(".mo")
POT = TRANSLATIONS / "messages.pot"

# printf-style conversions as Python's % operator reads them: "%(name)s", "%(min)d", "%%"
PLACEHOLDER = re.compile(r"%(?:\([^)]*\))?[#0 +-]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa%]")
TAG = re.compile(r"</?[a-zA-Z][^>]*>")


def _catalog(path=PO):
    with open(path, "rb") as f:
        return read_po(f)


def _messages(catalog):
    return [m for m in catalog if m.id]


def _strings(message):
    return list(message.string) if message.pluralizable else [message.string]


def _source(message):
    """The msgid a translation must match: the plural form for plural entries (Vietnamese
    has one form, used for every count, so it must carry the count placeholder)."""
    return message.id[1] if message.pluralizable else message.id


def _page(app, client, path, method="get", **kwargs):
    """The page's HTML from a request in its own app context, as in production.

    The ``app`` fixture keeps one app context open for the whole test and requests reuse
    it, so Flask-Babel's per-context locale would otherwise stick to the first request's.
    """
    assert MO.exists() and MO.stat().st_mtime >= PO.stat().st_mtime, \
        "messages.mo is missing or older than messages.po: run pybabel compile -d marketplace/translations"
    with app.app_context():
        return getattr(client, method)(path, **kwargs).get_data(as_text=True)


def test_catalogue_is_complete_and_compiles():
    """Does every Vietnamese entry have a translation, none of them fuzzy, and does the catalogue compile?"""
    catalog = _catalog()
    messages = _messages(catalog)
    assert messages
    assert catalog.num_plurals == 1 and catalog.plural_expr == "0"
    empty = [m.id for m in messages if not all(s and s.strip() for s in _strings(m))]
    assert empty == []
    fuzzy = [m.id for m in messages if m.fuzzy]
    assert fuzzy == [] and not catalog.fuzzy
    problems = [(m.id, errors) for m, errors in catalog.check()]
    assert problems == []
    buffer = BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    translations = Translations(fp=buffer)
    assert translations.gettext("Products") != "Products"


def test_catalogue_covers_the_template():
    """Does the Vietnamese catalogue have every message of messages.pot, and nothing it no longer uses?"""
    template = {m.id for m in _messages(_catalog(POT))}
    translated = {m.id for m in _messages(_catalog())}
    assert template - translated == set()
    assert translated - template == set()


def test_placeholders_match_the_english():
    """Does every translation keep exactly the msgid's placeholders (%(name)s, %(min)d, %%)?"""
    wrong = []
    for message in _messages(_catalog()):
        expected = sorted(PLACEHOLDER.findall(_source(message)))
        for string in _strings(message):
            if sorted(PLACEHOLDER.findall(string)) != expected:
                wrong.append((message.id, string))
    assert wrong == []


def test_markup_matches_the_english():
    """Does every translation keep the msgid's HTML tags (<em>, <strong>)?"""
    wrong = []
    for message in _messages(_catalog()):
        expected = sorted(TAG.findall(_source(message)))
        for string in _strings(message):
            if sorted(TAG.findall(string)) != expected:
                wrong.append((message.id, string))
    assert wrong == []


def test_home_page_is_vietnamese_by_default_and_english_after_the_switch(app, client):
    """Is the home page in Vietnamese (lang="vi", Vietnamese nav) by default, and English after the switch (POST /lang/en)?"""
    html = _page(app, client, "/")
    assert '<html lang="vi">' in html
    for label in (">Sản phẩm<", ">Làng nghề<", ">Nhãn hiệu<", "Xác minh sản phẩm", ">Đăng nhập<"):
        assert label in html
    assert ">Products<" not in html

    _page(app, client, "/lang/en", method="post", data={"next": "/"})
    html = _page(app, client, "/")
    assert '<html lang="en">' in html
    for label in (">Products<", ">Villages<", ">Trademarks<", ">Log in<"):
        assert label in html
    assert "Sản phẩm" not in html


def test_plural_messages_are_translated(app, client):
    """Do ngettext messages (the catalogue's result count) come out in Vietnamese?"""
    assert "<strong>0</strong> sản phẩm" in _page(app, client, "/products")


def test_form_errors_are_vietnamese_by_default(app, client):
    """Does an empty login form show WTForms' "This field is required." in Vietnamese by default?"""
    html = _page(app, client, "/login", method="post", data={})
    assert "Vui lòng điền thông tin này." in html
    assert "This field is required." not in html
    assert "Có 2 ô cần bạn kiểm tra lại:" in html

    english = _page(app, client, "/login?lang=en", method="post", data={})
    assert "This field is required." in english
