"""Bank statements uploaded by staff: formats banks really use, references they mangle, files we refuse."""
import re
from datetime import date

import pytest

from marketplace.payments.statement import MAX_LINES, StatementError, StatementLine, find_references, parse_statement


def test_english_comma_statement():
    """Does an English, comma-separated export give exact lines, dates and references?"""
    data = (
        b"Transaction Date,Description,Amount\n"
        b'15/03/2024,"CT DEN:123 LN000042 thanh toan","1,250,000"\n'
        b"16/03/2024,Phi duy tri tai khoan,-11000\n"
    )

    lines = parse_statement(data)

    assert lines == [
        StatementLine(line_no=2, posted_on=date(2024, 3, 15), amount_vnd=1250000,
                      description="CT DEN:123 LN000042 thanh toan", reference="LN000042", references=("LN000042",)),
        StatementLine(line_no=3, posted_on=date(2024, 3, 16), amount_vnd=-11000,
                      description="Phi duy tri tai khoan", reference=None, references=()),
    ]


def test_vietnamese_semicolon_statement_with_bom_and_account_details_above():
    """Does a Vietnamese export (BOM, ';', account details above the header) read the credit column?"""
    data = "\ufeff".encode() + (
        "Sao kê tài khoản;0011000123456\n"
        "Từ ngày;01/03/2024\n"
        "\n"
        "Ngày giao dịch;Số tiền ghi nợ;Số tiền ghi có;Nội dung\n"
        "2024-03-15;;1.250.000;MBVCB.5512.ln 000042.Nguyen Van A chuyen tien\n"
        "15-03-2024;50.000;;Phi SMS\n"
        "16/03/2024 10:22:01;;350.000 VND;LN-000043\n"
    ).encode()

    lines = parse_statement(data)

    assert [(line.line_no, line.posted_on, line.amount_vnd, line.reference) for line in lines] == [
        (5, date(2024, 3, 15), 1250000, "LN000042"),
        (6, date(2024, 3, 15), 0, None),  # a debit: its amount is in the column we do not read
        (7, date(2024, 3, 16), 350000, "LN000043"),
    ]
    assert lines[0].description == "MBVCB.5512.ln 000042.Nguyen Van A chuyen tien"


def test_headers_are_matched_without_case_or_diacritics():
    """Do "NGAY", "so tien (VND)"-style and "Diễn giải" headers count, with no date column needed?"""
    lines = parse_statement("DIỄN GIẢI,Số tiền (VND)\nLN000007,\"200,000\"\n".encode())
    assert lines == [StatementLine(line_no=2, posted_on=None, amount_vnd=200000, description="LN000007",
                                   reference="LN000007", references=("LN000007",))]

    lines = parse_statement(b"Ngay;Mo ta;So tien VND\n01/02/2024;x;5\n")
    assert (lines[0].posted_on, lines[0].amount_vnd) == (date(2024, 2, 1), 5)


@pytest.mark.parametrize(("written", "amount"), [
    ("1.250.000", 1250000),
    ("1,250,000", 1250000),
    ("1250000", 1250000),
    ("1 250 000", 1250000),
    ("1\u00a0250\u00a0000", 1250000),
    ("1.250.000 VND", 1250000),
    ("1.250.000 VNĐ", 1250000),
    ("1.250.000₫", 1250000),
    ("1.250.000 đ", 1250000),
    ("1,250,000.00", 1250000),
    ("1.250.000,00", 1250000),
    ("1250000.00", 1250000),
    ("+350,000", 350000),
    ("-500.000", -500000),
    ("(500.000)", -500000),
    ("0", 0),
])
def test_amount_formats(written, amount):
    """Is each way banks write an amount read as the exact whole number of VND?"""
    data = f'Description;Amount\nLN000001;"{written}"\n'.encode()

    assert parse_statement(data)[0].amount_vnd == amount


def test_two_references_in_one_line_are_ambiguous():
    """Are two different references kept as a list, with no single reference chosen?"""
    data = b"Noi dung,So tien\nthanh toan LN000042 va ln000043 va LN000042,700000\n"

    line = parse_statement(data)[0]

    assert line.reference is None
    assert line.references == ("LN000042", "LN000043")


@pytest.mark.parametrize(("text", "references"), [
    ("LN000042", ["LN000042"]),
    ("ln000042", ["LN000042"]),
    ("CT DEN:123 LN000042 thanh toan", ["LN000042"]),
    ("ln 000042", ["LN000042"]),
    ("Ln - 000042", ["LN000042"]),
    ("MBVCB.123.LN.000042.CT tu", ["LN000042"]),
    ("REF_LN000042_END", ["LN000042"]),
    ("LN0000042", ["LN000042"]),  # an extra leading zero
    ("LN1234567", ["LN1234567"]),  # an order id past the padding
    ("(LN000042)", ["LN000042"]),
    ("XLN0000421", []),
    ("LN0000421X", []),
    ("9LN000042", []),
    ("LN42", []),  # too short to be ours: "LN 42" is more likely something else
    ("LN 00042 chuyen tien", []),
    ("", []),
    ("LN000042 LN000043 ln000042", ["LN000042", "LN000043"]),
    ("MAISON DE LYON wd-000007 deposit", ["WD000007"]),  # a wholesale deal
    ("XWD000007", []),
    ("WD000007 LN000042", ["WD000007", "LN000042"]),
])
def test_find_references(text, references):
    """Are references found however the bank mangled them, and never inside a longer word?"""
    assert find_references(text) == references


def test_empty_file_is_refused():
    """Is an empty (or blank) upload refused with a message saying so?"""
    for data in (b"", b" \r\n\n"):
        with pytest.raises(StatementError, match=r"^The file is empty\.$"):
            parse_statement(data)


def test_file_that_is_not_utf8_is_refused():
    """Is a Windows-1258 export refused rather than read as garbage?"""
    data = "Ngày;Description;Amount\n15/03/2024;LN000042;100\n".encode("cp1258")

    with pytest.raises(StatementError, match="not UTF-8"):
        parse_statement(data)


@pytest.mark.parametrize("data", [
    b"Date,Amount\n01/01/2024,100\n",
    b"Date,Description\n01/01/2024,LN000001\n",
    b"just,some,numbers\n1,2,3\n",
])
def test_file_without_amount_and_description_columns_is_refused(data):
    """Is a file lacking an amount or a description column refused, naming both?"""
    with pytest.raises(StatementError, match=r"^The file needs an amount column and a description column\.$"):
        parse_statement(data)


@pytest.mark.parametrize("amount", ["abc", "12,50", "1.250.00", "1.2.3", ""])
def test_unreadable_amount_names_its_line(amount):
    """Does an amount we cannot read stop the import with its line number?"""
    data = f'Description;Amount\nLN000001;100\nLN000002;"{amount}"\n'.encode()

    with pytest.raises(StatementError, match=f"^Line 3: cannot read the amount “{re.escape(amount)}”\\.$"):
        parse_statement(data)


def test_unquoted_amount_with_commas_is_refused_not_misread():
    """Is "1,250,000" unquoted in a comma file refused, rather than read as 1 VND?"""
    data = b"Description,Amount\nLN000001,1,250,000\n"

    with pytest.raises(StatementError, match="^Line 2: more fields than the header"):
        parse_statement(data)


def test_trailing_empty_fields_are_allowed():
    """Does a bank's trailing delimiter on each row not count as an extra field?"""
    assert parse_statement(b"Description;Amount\nLN000001;100;;\n")[0].amount_vnd == 100


def test_unreadable_date_names_its_line():
    """Does a date we cannot read stop the import with its line number, rather than be dropped?"""
    data = b"Date;Description;Amount\n31/02/2024;LN000001;100\n"

    with pytest.raises(StatementError, match="^Line 2: cannot read the date “31/02/2024”"):
        parse_statement(data)


def test_more_than_the_maximum_lines_is_refused():
    """Is a statement over 5000 lines refused, while exactly 5000 is read?"""
    header = b"Description;Amount\n"
    row = b"LN000001;100\n"

    assert len(parse_statement(header + row * MAX_LINES)) == MAX_LINES
    with pytest.raises(StatementError, match="more than 5000 lines"):
        parse_statement(header + row * (MAX_LINES + 1))


def test_header_only_file_has_no_lines():
    """Does a statement with no transactions give an empty list, not an error?"""
    assert parse_statement(b"Description,Amount\n") == []
