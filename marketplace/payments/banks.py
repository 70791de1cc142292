"""The bank bulk-transfer file for a payout batch, in the layout Vietnamese banks' bulk (batch)
domestic transfer templates take: ASCII only, names unaccented in upper case.

Banks' upload forms (Vietcombank, VietinBank, BIDV, Techcombank… "chuyển tiền theo lô") read a
sheet of: row number, beneficiary account number, beneficiary name as the bank holds it
(unaccented, upper case: "NGUYỄN VĂN Đức" is "NGUYEN VAN DUC"), beneficiary bank, amount in whole
đồng, and a transfer description without diacritics or symbols. The exact columns are in the
README ("Payout CSV for the bank").
"""
from marketplace.core.spreadsheet import csv_text
from marketplace.text import fold

BANK_FILE_COLUMNS = ("STT", "So tai khoan", "Ten nguoi thu huong", "Ngan hang thu huong", "Ma ngan hang",
                     "So tien", "Noi dung chuyen khoan")

# NAPAS bank identification numbers (the BIN VietQR also uses) of the banks producers name most,
# keyed by the folded words of their usual names; a bank not listed gets an empty code, to fill in.
BANK_BINS = {
    "vietcombank": "970436", "vcb": "970436", "ngoai thuong": "970436",
    "vietinbank": "970415", "cong thuong": "970415",
    "bidv": "970418", "dau tu va phat trien": "970418",
    "agribank": "970405", "nong nghiep": "970405",
    "techcombank": "970407", "tcb": "970407",
    "mb": "970422", "mbbank": "970422", "mb bank": "970422", "quan doi": "970422",
    "acb": "970416", "a chau": "970416",
    "vpbank": "970432",
    "sacombank": "970403",
    "tpbank": "970423", "tien phong": "970423",
}


def unaccented(text):
    """``text`` folded to unaccented upper-case words: "Nguyễn Văn Đức" -> "NGUYEN VAN DUC"."""
    return fold(text).upper()


def bank_bin(bank_name):
    """The NAPAS BIN of a bank as a producer wrote its name ("Ngân hàng Vietcombank", "BIDV"), or ""."""
    words = fold(bank_name)
    for prefix in ("ngan hang tmcp ", "ngan hang "):
        words = words.removeprefix(prefix)
    return BANK_BINS.get(words, "")


def bank_file(batch_id, lines):
    """The batch's transfers (PayoutLine rows) as the bank's bulk-transfer CSV, ASCII, without a BOM."""
    description = f"LANG NGHE MARKET THANH TOAN DOT {batch_id}"
    return csv_text(BANK_FILE_COLUMNS, (
        [number, line.bank_account_number.replace(" ", ""), unaccented(line.bank_account_name),
         unaccented(line.bank_name), bank_bin(line.bank_name), line.amount_vnd, description]
        for number, line in enumerate(lines, start=1)), bom=False)
