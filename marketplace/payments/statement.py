"""Reading a bank statement (CSV) that staff upload, so bank transfers can be matched to orders.

Vietnamese banks export statements in many shapes: Vietnamese or English headers, a few
lines of account details above the header, ``;`` or ``,`` between fields, amounts written
"1.250.000", "1,250,000.00" or "1 250 000 VND". This module only reads: it turns the file
into ``StatementLine`` values and finds our order references (``LN000042``) in the
descriptions (and wholesale deals' ``WD000007``), however the bank mangled them. Matching lines to orders is the caller's job.
"""
import csv
import io
import re
from dataclasses import dataclass
from datetime import date

from flask_babel import gettext as _

from marketplace.text import fold

MAX_LINES = 5000  # a month of transfers for the whole marketplace; more is a wrong file
_HEADER_SEARCH_ROWS = 20  # account details a bank puts above the header
_DELIMITERS = (";", ",", "\t")

# Accepted header names, folded (no case, no diacritics), best first: when a bank has
# both "Số tiền" and "Số tiền ghi có", the credit column is the one that holds transfers in.
_DATE_HEADERS = ("ngay giao dich", "transaction date", "ngay", "date")
_CREDIT_HEADERS = ("so tien ghi co", "ghi co", "credit")
_AMOUNT_HEADERS = _CREDIT_HEADERS + ("so tien", "amount")
_DESCRIPTION_HEADERS = ("noi dung", "dien giai", "mo ta", "description")

# "LN" (an order) or "WD" (a wholesale deal) then the id with at least 6 digits (more when the
# bank kept extra zeros or the id outgrew the padding), with spaces, dots, dashes or underscores
# the bank may have put in between; never inside a longer word or number ("XLN0000421", "LN0000421X").
_REFERENCE = re.compile(r"(?<![^\W_])(LN|WD)[\s._\-]*(\d{6,})(?![^\W_])", re.IGNORECASE)

_CURRENCY = re.compile(r"vnd|vnđ|₫|đ", re.IGNORECASE)
# Whole VND, grouped by "." "," or spaces (removed before), or plain digits; an optional
# zero fraction (".00", ",00") some banks add, with a separator other than the grouping one.
_AMOUNT = re.compile(r"(?P<int>\d{1,3}(?:(?P<group>[.,])\d{3})(?:(?P=group)\d{3})*|\d+)"
                     r"(?:(?P<point>[.,])(?P<fraction>\d{1,2}))?")
_DATE = re.compile(r"(\d{1,4})[/-](\d{1,2})[/-](\d{1,4})")


class StatementError(ValueError):
    """Raised when an uploaded statement cannot be read; the message says why, in English,
    naming the line when one line is at fault (callers translate the messages they know)."""


@dataclass(frozen=True)
class StatementLine:
    """One transaction of a statement; ``amount_vnd`` is negative or zero for debits."""

    line_no: int  # line of the file it starts on, counting the header and anything above it
    posted_on: date | None  # None when the statement has no date column or the cell is empty
    amount_vnd: int
    description: str
    reference: str | None  # the order reference when exactly one was found, else None
    references: tuple[str, ...] = ()  # every distinct reference found, in order of appearance


def parse_statement(data: bytes) -> list[StatementLine]:
    """The transactions of a CSV bank statement, in file order; raises StatementError."""
    if not data or not data.strip():
        raise StatementError(_("The file is empty."))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise StatementError(_("The file is not UTF-8 text; export the statement as CSV (UTF-8).")) from None

    for delimiter in _DELIMITERS:
        found = _find_header(text, delimiter)
        if found:
            reader, layout = found
            return _read_lines(reader, layout)
    raise StatementError(_("The file needs an amount column and a description column."))


def find_references(text: str) -> list[str]:
    """Every distinct order or deal reference in a description, normalized: "ct ln-000042 wd 000007"
    -> ["LN000042", "WD000007"]."""
    references = []
    for match in _REFERENCE.finditer(text or ""):
        reference = f"{match.group(1).upper()}{int(match.group(2)):06d}"
        if reference not in references:
            references.append(reference)
    return references


@dataclass(frozen=True)
class _Layout:
    """Where the fields are in a statement's rows, read from its header."""

    columns: dict  # "date" (optional), "amount", "description" -> column index
    credit_only: bool  # the amount column holds credits only, so a blank cell is a debit line
    width: int  # cells in the header


def _find_header(text, delimiter):
    """(reader positioned after the header, its _Layout), or None if no header is found."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        for _ in range(_HEADER_SEARCH_ROWS):
            row = next(reader, None)
            if row is None:
                return None
            names = [re.sub(r"\s+vnd$", "", fold(cell)) for cell in row]
            columns = _columns(names)
            if "amount" in columns and "description" in columns:
                return reader, _Layout(columns=columns, credit_only=names[columns["amount"]] in _CREDIT_HEADERS,
                                       width=len(row))
    except csv.Error:
        return None
    return None


def _columns(names):
    columns = {}
    for field, accepted in (("date", _DATE_HEADERS), ("amount", _AMOUNT_HEADERS),
                            ("description", _DESCRIPTION_HEADERS)):
        ranked = [(accepted.index(name), index) for index, name in enumerate(names) if name in accepted]
        if ranked:
            columns[field] = min(ranked)[1]
    return columns


def _read_lines(reader, layout):
    lines = []
    line_no = reader.line_num + 1
    while True:
        try:
            row = next(reader, None)
        except csv.Error as error:
            raise StatementError(_("Line %(n)s: the CSV is broken (%(error)s).", n=line_no, error=error)) from None
        if row is None:
            return lines
        if any(cell.strip() for cell in row):
            if len(lines) == MAX_LINES:
                raise StatementError(_("The file has more than %(max)s lines; upload a shorter period.", max=MAX_LINES))
            lines.append(_line(line_no, row, layout))
        line_no = reader.line_num + 1


def _line(line_no, row, layout):
    if any(cell.strip() for cell in row[layout.width:]):
        # Most often "1,250,000" unquoted in a comma-separated file: reading on would take
        # 1 VND for the amount, so refuse instead of guessing.
        raise StatementError(_("Line %(n)s: more fields than the header; an amount with commas in a "
                               "comma-separated file must be in quotes.", n=line_no))
    def cell(field):
        index = layout.columns.get(field)
        return row[index].strip() if index is not None and index < len(row) else ""

    raw_amount = cell("amount")
    if not raw_amount and layout.credit_only:
        amount = 0  # a debit line: its amount is in the debit column, which we do not read
    else:
        amount = _amount(raw_amount)
        if amount is None:
            raise StatementError(_("Line %(n)s: cannot read the amount “%(amount)s”.", n=line_no, amount=raw_amount))
    raw_date = cell("date")
    posted_on = _date(raw_date) if raw_date else None
    if raw_date and posted_on is None:
        raise StatementError(_("Line %(n)s: cannot read the date “%(date)s” (expected dd/mm/yyyy, yyyy-mm-dd "
                               "or dd-mm-yyyy).", n=line_no, date=raw_date))
    description = cell("description")
    references = tuple(find_references(description))
    return StatementLine(line_no=line_no, posted_on=posted_on, amount_vnd=amount, description=description,
                         reference=references[0] if len(references) == 1 else None, references=references)


def _amount(raw):
    """Whole VND from a bank's way of writing it, or None; "(500.000)" and "-500.000" are debits."""
    text = "".join(_CURRENCY.sub("", raw).split())  # also drops no-break and thin spaces
    sign = 1
    if text.startswith("(") and text.endswith(")"):
        sign, text = -1, text[1:-1]
    if text[:1] in ("+", "-"):
        sign, text = (-1 if text[0] == "-" else 1) * sign, text[1:]
    match = _AMOUNT.fullmatch(text)
    if not match or (match["point"] and match["point"] == match["group"]):
        return None
    if match["fraction"] and int(match["fraction"]):
        return None  # VND has no minor unit: "12,50" is a mistake, not 12 dong
    return sign * int(re.sub(r"\D", "", match["int"]))


def _date(raw):
    match = _DATE.match(raw)
    if not match:
        return None
    first, month, last = match.groups()
    year, day = (first, last) if len(first) == 4 else (last, first)
    if len(year) != 4:
        return None
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        return None
