"""The export directory's pages (moved here from ``deals.views``): public, and through a trade office's
signed share link, as a page, a CSV and a PDF per craft, in English or Vietnamese (``?lang=``, else the
reader's language: ``i18n.select_locale``)."""
from datetime import date

from flask import Blueprint, Response, render_template, request
from flask_babel import get_locale
from flask_babel import gettext as _

from marketplace.core.spreadsheet import csv_text
from marketplace.core.templating import tr
from marketplace.deals import directory as directory_data
from marketplace.deals.documents import directory_pdf as build_pdf
from marketplace.producers import credentials
from marketplace.tradeoffices import shares

bp = Blueprint("directory", __name__)


def _header():
    return [_("Producer"), _("Village"), _("Crafts"), _("Collective marks"), "OCOP", _("Monthly capacity"),
            _("HS codes"), _("Certifications"), _("Languages")]


def _file_name(filters, extension):
    return f"export-directory-{filters.craft or 'all'}-{get_locale()}.{extension}"


def _attachment(body, mimetype, name):
    return Response(body, mimetype=mimetype, headers={"Content-Disposition": f'attachment; filename="{name}"'})


def _page(filters, share=None, token=None):
    crafts, villages, marks = directory_data.choices()
    return render_template(
        "deals/directory.html", filters=filters, entries=directory_data.export_ready(filters), crafts=crafts,
        villages=villages, marks=marks, today=date.today(), share=share, token=token,
        certifications=credentials.certification_choices(str(get_locale())),
        languages=credentials.language_choices(str(get_locale())))


def _csv(filters):
    rows = directory_data.rows(directory_data.export_ready(filters), str(get_locale()))
    return _attachment(csv_text(_header(), rows), "text/csv", _file_name(filters, "csv"))


def _pdf(filters):
    rows = directory_data.rows(directory_data.export_ready(filters), str(get_locale()))
    craft = next((c for c in directory_data.choices()[0] if c.slug == filters.craft), None)
    title = _("Export-ready producers of Hanoi's craft villages")
    subtitle = (tr(craft, "name") + " · " if craft else "") + _("%(n)s producers · Làng Nghề Market", n=len(rows))
    body = build_pdf(_header(), [[str(v) for v in row] for row in rows], title, subtitle)
    return _attachment(body, "application/pdf", _file_name(filters, "pdf"))


@bp.route("/export/directory")
def directory():
    return _page(directory_data.Filters.read(request.args))


@bp.route("/export/directory.csv")
def directory_csv():
    return _csv(directory_data.Filters.read(request.args))


@bp.route("/export/directory.pdf")
def directory_pdf():
    return _pdf(directory_data.Filters.read(request.args))


def _shared(token, answer):
    """Open a share link (counting it) and answer with its filters; a bad link gets the error page, nothing else."""
    try:
        share, filters = shares.open_share(token)
    except shares.ShareLinkError as exc:
        return render_template("errors/error.html", status=exc.status_code, message=exc.message), exc.status_code
    return answer(filters, share)


@bp.route("/export/shared/<token>")
def shared(token):
    return _shared(token, lambda filters, share: _page(filters, share, token))


@bp.route("/export/shared/<token>.csv")
def shared_csv(token):
    return _shared(token, lambda filters, _share: _csv(filters))


@bp.route("/export/shared/<token>.pdf")
def shared_pdf(token):
    return _shared(token, lambda filters, _share: _pdf(filters))
