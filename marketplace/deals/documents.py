"""A deal's pro-forma invoice and packing list as PDF (ReportLab), in the reader's language.

Vietnamese needs a font with its letters: DejaVu Sans ships in ``deals/fonts`` with its licence
(Bitstream Vera licence; DejaVu changes public domain), so nothing is fetched at run time.
"""
import io
from datetime import date
from pathlib import Path

from flask import current_app
from flask_babel import format_date
from flask_babel import gettext as _
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from marketplace.core.templating import format_number, format_usd, format_vnd
from marketplace.deals.settlement import transfer_instructions

FONTS = Path(__file__).resolve().parent / "fonts"
_REGULAR, _BOLD = "DejaVuSans", "DejaVuSans-Bold"


def _register_fonts():
    if _REGULAR not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(_REGULAR, str(FONTS / "DejaVuSans.ttf")))
        pdfmetrics.registerFont(TTFont(_BOLD, str(FONTS / "DejaVuSans-Bold.ttf")))
        # <b> in a paragraph needs the family: regular, bold, italic (none: regular), bold italic.
        pdfmetrics.registerFontFamily(_REGULAR, normal=_REGULAR, bold=_BOLD, italic=_REGULAR, boldItalic=_BOLD)


def _styles():
    _register_fonts()  # before any Paragraph: they look their fonts up when made
    return {
        "title": ParagraphStyle("title", fontName=_BOLD, fontSize=16, leading=20, spaceAfter=4 * mm),
        "body": ParagraphStyle("body", fontName=_REGULAR, fontSize=9.5, leading=13),
        "right": ParagraphStyle("right", fontName=_REGULAR, fontSize=9, leading=12, alignment=2),
        "small": ParagraphStyle("small", fontName=_REGULAR, fontSize=8, leading=11, textColor=colors.grey),
    }


def _esc(text):
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _table(rows, widths, total_rows=0):
    table = Table(rows, colWidths=widths, repeatRows=1)
    table.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), _REGULAR), ("FONTSIZE", (0, 0), (-1, -1), 9),
        ("FONTNAME", (0, 0), (-1, 0), _BOLD), ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eef1f6")),
        ("ALIGN", (1, 0), (-1, -1), "RIGHT"), ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#c8ced8")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        *([("FONTNAME", (0, len(rows) - total_rows), (-1, -1), _BOLD)] if total_rows else []),
    ]))
    return table


def _head(deal, title, styles):
    inquiry = deal.inquiry
    supplier = deal.association.name if deal.association else deal.lead_producer.name
    profile = getattr(deal.importer, "importer_profile", None)
    buyer = profile.company if profile else deal.importer.name
    facts = [
        (_("Reference"), deal.reference), (_("Date"), format_date(date.today(), "medium")),
        (_("Seller"), supplier), (_("Buyer"), buyer),
        (_("Incoterm"), f"{deal.incoterm} {deal.port}".strip()),
        (_("Destination"), inquiry.destination_country),
    ]
    return [Paragraph(_esc(title), styles["title"]),
            *[Paragraph(f"<b>{_esc(k)}:</b> {_esc(v)}", styles["body"]) for k, v in facts], Spacer(1, 5 * mm)]


def _build(story, pagesize=A4):
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=pagesize, leftMargin=16 * mm, rightMargin=16 * mm, topMargin=16 * mm,
                      bottomMargin=16 * mm, title=story[0].text, author="Làng Nghề Market").build(story)
    return buffer.getvalue()


def proforma_pdf(deal):
    """The pro-forma invoice: each member's line, the total, deposit and balance (VND, with USD)."""
    styles = _styles()
    rows = [[_("Producer"), _("Quantity"), _("Unit price"), _("Amount"), "USD"]]
    for line in deal.lines:
        rows.append([Paragraph(_esc(line.producer.name), styles["body"]), format_number(line.quantity),
                     Paragraph(f"{_esc(format_vnd(line.unit_price_vnd))}<br/>≈ {_esc(format_usd(line.unit_price_vnd))}",
                               styles["right"]), format_vnd(line.total_vnd), format_usd(line.total_vnd)])
    rows += [[_("Total"), "", "", format_vnd(deal.total_vnd), format_usd(deal.total_vnd)],
             [_("Deposit (%(pct)s%%)", pct=deal.deposit_pct), "", "", format_vnd(deal.deposit_vnd),
              format_usd(deal.deposit_vnd)],
             [_("Balance on shipment"), "", "", format_vnd(deal.balance_vnd), format_usd(deal.balance_vnd)]]
    story = _head(deal, _("Pro-forma invoice %(ref)s", ref=deal.reference), styles)
    story.append(_table(rows, [62 * mm, 24 * mm, 28 * mm, 32 * mm, 30 * mm], total_rows=3))
    story.append(Spacer(1, 5 * mm))
    due = transfer_instructions(deal)
    if due:
        story.append(Paragraph(_esc(_("Pay %(amount)s by bank transfer to %(bank)s, account %(number)s (%(name)s), "
                                      "writing %(ref)s as the description, or by card on the order's page.",
                                      amount=format_vnd(due.amount_vnd), bank=due.bank_name, number=due.account_number,
                                      name=due.account_name, ref=due.reference)), styles["body"]))
    story.append(Paragraph(_esc(_("USD figures at %(rate)s ₫ per dollar, for information; the amounts due are in VND.",
                                  rate=format_number(_rate()))), styles["small"]))
    return _build(story)


def packing_list_pdf(deal):
    """The packing list: what each member packs, and the shipment once recorded."""
    styles = _styles()
    rows = [[_("Producer"), _("Village"), _("Quantity")]]
    for line in deal.lines:
        rows.append([Paragraph(_esc(line.producer.name), styles["body"]), line.producer.village.name,
                     f"{format_number(line.quantity)} {deal.unit}"])
    rows.append([_("Total"), "", f"{format_number(sum(line.quantity for line in deal.lines))} {deal.unit}"])
    story = _head(deal, _("Packing list %(ref)s", ref=deal.reference), styles)
    story.append(_table(rows, [80 * mm, 56 * mm, 40 * mm], total_rows=1))
    if deal.shipment_ref:
        story.append(Spacer(1, 5 * mm))
        story.append(Paragraph(_esc(_("Shipped with %(carrier)s, reference %(ref)s, on %(date)s.", carrier=deal.carrier,
                                      ref=deal.shipment_ref, date=format_date(deal.shipped_on, "medium"))),
                               styles["body"]))
    return _build(story)


def directory_pdf(header, rows, title, subtitle):
    """The export directory (already filtered, in the reader's language) as a landscape A4 table."""
    styles = _styles()
    cell = styles["small"].clone("cell", textColor=colors.black)
    body = [[Paragraph(_esc(value), cell) for value in row] for row in rows]
    story = [Paragraph(_esc(title), styles["title"]), Paragraph(_esc(subtitle), styles["body"]), Spacer(1, 4 * mm),
             _table([header, *body], [36 * mm, 22 * mm, 28 * mm, 30 * mm, 12 * mm, 20 * mm, 30 * mm, 40 * mm, 27 * mm])]
    return _build(story, landscape(A4))


def _rate():
    return current_app.config["USD_VND_RATE"]
