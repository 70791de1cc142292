"""VietQR payloads: the NAPAS flavour of the EMVCo merchant-presented QR, for bank transfers.

A buyer scans the code with any Vietnamese banking app, which fills in our account, the
exact amount and the order reference; the transfer then shows up on the bank statement
with that reference (see ``statement.py``). Written by hand: the format is a flat
tag-length-value string with a CRC, small enough not to need a library.

Layout (IDs in ascending order, lengths as 2 decimal digits)::

    00 "01"                  payload format indicator
    01 "12"                  dynamic QR (the amount is set, so it is single-use)
    38 merchant account      00 GUID "A000000727" (NAPAS)
                             01 beneficiary: 00 bank BIN, 01 account number
                             02 service "QRIBFTTA" (transfer to an account)
    53 "704"                 currency: VND
    54 amount                integer VND as digits
    58 "VN"                  country
    59 account name          optional, upper-case ASCII
    62 additional data       08 purpose of transaction = our reference
    63 CRC                   CRC-16/CCITT-FALSE over everything before it, "6304" included
"""
import io
import re

import segno
from markupsafe import Markup

from marketplace.text import fold

NAPAS_GUID = "A000000727"
SERVICE_TO_ACCOUNT = "QRIBFTTA"
CURRENCY_VND = "704"
COUNTRY_VN = "VN"

_BANK_BIN = re.compile(r"[0-9]{6}")
_ACCOUNT_NUMBER = re.compile(r"[0-9A-Za-z]{1,19}")
_REFERENCE = re.compile(r"[A-Z0-9]{1,25}")
_MAX_AMOUNT_DIGITS = 13  # EMVCo caps ID 54 at 13 characters
_MAX_NAME = 25  # EMVCo caps ID 59 (merchant name) at 25 characters
# Templates whose value is itself TLV; "38.01" is the beneficiary inside 38.
_NESTED = {"38", "38.01", "62"}


def build_payload(*, bank_bin: str, account_number: str, amount_vnd: int, reference: str,
                  account_name: str = "") -> str:
    """The VietQR string for a transfer of ``amount_vnd`` to one account, tagged ``reference``.

    Raises ValueError, saying which input is wrong, rather than produce a code a bank app
    would refuse or, worse, read differently.
    """
    if not isinstance(bank_bin, str) or not _BANK_BIN.fullmatch(bank_bin):
        raise ValueError(f"Bank BIN must be 6 digits, got {bank_bin!r}")
    if not isinstance(account_number, str) or not _ACCOUNT_NUMBER.fullmatch(account_number):
        raise ValueError(f"Account number must be 1 to 19 letters or digits, got {account_number!r}")
    # bool is an int subclass and a float is never an exact amount of VND: both are mistakes.
    if type(amount_vnd) is not int or amount_vnd <= 0:
        raise ValueError(f"Amount must be a positive whole number of VND, got {amount_vnd!r}")
    if len(str(amount_vnd)) > _MAX_AMOUNT_DIGITS:
        raise ValueError(f"Amount must have at most {_MAX_AMOUNT_DIGITS} digits, got {amount_vnd}")
    if not isinstance(reference, str) or not _REFERENCE.fullmatch(reference):
        raise ValueError(f"Reference must be 1 to 25 characters A-Z or 0-9, got {reference!r}")
    # Bank apps show the name as plain upper-case ASCII: "Nguyễn Văn A" -> "NGUYEN VAN A".
    name = fold(account_name).upper()
    if len(name) > _MAX_NAME:
        raise ValueError(f"Account name must be at most {_MAX_NAME} characters, got {name!r}")

    beneficiary = _tlv("00", bank_bin) + _tlv("01", account_number)
    merchant_account = _tlv("00", NAPAS_GUID) + _tlv("01", beneficiary) + _tlv("02", SERVICE_TO_ACCOUNT)
    payload = (
        _tlv("00", "01")
        + _tlv("01", "12")
        + _tlv("38", merchant_account)
        + _tlv("53", CURRENCY_VND)
        + _tlv("54", str(amount_vnd))
        + _tlv("58", COUNTRY_VN)
        + (_tlv("59", name) if name else "")
        + _tlv("62", _tlv("08", reference))
        + "6304"
    )
    return payload + crc16_ccitt_false(payload.encode("ascii"))


def parse_payload(payload: str) -> dict:
    """The fields of a VietQR string, with 38 (and its beneficiary 01) and 62 as nested dicts.

    ``parse_payload(build_payload(...))["38"]["01"]["01"]`` is the account number. Raises
    ValueError when the CRC does not match (a mistyped or altered code) or the TLV is broken.
    """
    if not isinstance(payload, str) or len(payload) < 8 or payload[-8:-4] != "6304":
        raise ValueError("Not a VietQR payload: it must end with a CRC field (6304 and 4 hex digits)")
    expected = crc16_ccitt_false(payload[:-4].encode("utf-8"))
    if payload[-4:].upper() != expected:
        raise ValueError(f"Bad CRC: the payload says {payload[-4:]}, its content gives {expected}")
    return _parse_tlv(payload, path="")


def qr_svg(payload: str) -> Markup:
    """The payload as an inline SVG QR code (segno; no network, no files), scalable by CSS."""
    # omitsize gives a viewBox, so CSS can scale it; Markup because it is our own SVG, not user text.
    # Black on white: bank apps scan it from a phone held to another screen, so keep full contrast.
    return Markup(segno.make(payload, error="m").svg_inline(scale=4, omitsize=True))


def qr_png(payload: str) -> bytes:
    """The same code as a PNG file the buyer saves and opens in the banking app's "scan from image"."""
    buffer = io.BytesIO()
    segno.make(payload, error="m").save(buffer, kind="png", scale=10, border=4)
    return buffer.getvalue()


def crc16_ccitt_false(data: bytes) -> str:
    """CRC-16/CCITT-FALSE (poly 0x1021, init 0xFFFF, no reflection) as 4 upper-case hex digits."""
    crc = 0xFFFF
    for byte in data:
        crc ^= byte << 8
        for _ in range(8):
            crc = ((crc << 1) ^ 0x1021) if crc & 0x8000 else (crc << 1)
            crc &= 0xFFFF
    return f"{crc:04X}"


def _tlv(tag: str, value: str) -> str:
    if len(value) > 99:
        raise ValueError(f"Field {tag} is {len(value)} characters long; at most 99 fit in a VietQR field")
    return f"{tag}{len(value):02d}{value}"


def _parse_tlv(text: str, path: str) -> dict:
    fields = {}
    position = 0
    while position < len(text):
        tag, length = text[position:position + 2], text[position + 2:position + 4]
        if len(tag) < 2 or not length.isdigit():
            raise ValueError(f"Broken field at position {position} of {path or 'the payload'}")
        value = text[position + 4:position + 4 + int(length)]
        if len(value) != int(length):
            raise ValueError(f"Field {path}{tag} says {length} characters but only {len(value)} follow")
        key = f"{path}{tag}"
        fields[tag] = _parse_tlv(value, path=f"{key}.") if key in _NESTED else value
        position += 4 + int(length)
    return fields
