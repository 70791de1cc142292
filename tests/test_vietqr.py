"""VietQR payloads for bank transfers: exact bytes, the CRC, round trips and refused inputs."""
import pytest

from marketplace.payments.vietqr import build_payload, parse_payload, qr_svg

ORDER = dict(bank_bin="970436", account_number="0011000123456", amount_vnd=350000, reference="LN000042")


def _crc16_ccitt_false(data):
    """An independent CRC-16/CCITT-FALSE (table-free, MSB first) so the test does not trust the module's."""
    crc = 0xFFFF
    for byte in data:
        for bit in range(7, -1, -1):
            feedback = ((crc >> 15) & 1) ^ ((byte >> bit) & 1)
            crc = (crc << 1) & 0xFFFF
            if feedback:
                crc ^= 0x1021
    return crc


def test_independent_crc_matches_the_published_check_value():
    """Is the test's own CRC the CCITT-FALSE one? Its check value over "123456789" is 0x29B1."""
    assert _crc16_ccitt_false(b"123456789") == 0x29B1


def test_payload_for_an_order_is_exact():
    """Does an order's transfer become exactly the NAPAS TLV string, CRC included?"""
    body = (
        "000201"                       # payload format 01
        "010212"                       # dynamic: the amount is set
        "3857"                         # merchant account, 57 characters:
        "0010A000000727"               #   NAPAS GUID
        "0127" "0006970436" "0113" "0011000123456"  # beneficiary: BIN, account number
        "0208QRIBFTTA"                 #   transfer to an account
        "5303704"                      # VND
        "5406350000"                   # 350 000 VND
        "5802VN"
        "6212" "0808LN000042"          # purpose of transaction: our reference
        "6304"
    )

    payload = build_payload(**ORDER)

    assert payload == body + f"{_crc16_ccitt_false(body.encode('ascii')):04X}"
    assert payload == body + "E9D6"


def test_account_name_is_upper_case_ascii_in_field_59():
    """Does a Vietnamese account name go in as ID 59, without diacritics, between 58 and 62?"""
    payload = build_payload(**ORDER, account_name="Nguyễn Văn Đức")

    assert "5802VN5914NGUYEN VAN DUC6212" in payload
    assert parse_payload(payload)["59"] == "NGUYEN VAN DUC"


def test_payload_round_trips_through_parse():
    """Does parsing a built payload give back every field, nested for 38 and 62?"""
    payload = build_payload(**ORDER)

    assert parse_payload(payload) == {
        "00": "01",
        "01": "12",
        "38": {"00": "A000000727", "01": {"00": "970436", "01": "0011000123456"}, "02": "QRIBFTTA"},
        "53": "704",
        "54": "350000",
        "58": "VN",
        "62": {"08": "LN000042"},
        "63": "E9D6",
    }


def test_tampered_payload_fails_the_crc():
    """Is a payload whose amount was altered (same length) refused by its CRC?"""
    payload = build_payload(**ORDER)
    tampered = payload.replace("5406350000", "5406950000")

    with pytest.raises(ValueError, match="Bad CRC"):
        parse_payload(tampered)


def test_payload_without_a_crc_field_is_refused():
    """Is a string that does not end in a CRC field refused rather than half-parsed?"""
    with pytest.raises(ValueError, match="CRC field"):
        parse_payload("000201010212")


@pytest.mark.parametrize(("change", "message"), [
    ({"bank_bin": "97043"}, "Bank BIN must be 6 digits"),
    ({"bank_bin": "97043A"}, "Bank BIN must be 6 digits"),
    ({"account_number": ""}, "Account number must be 1 to 19"),
    ({"account_number": "1" * 20}, "Account number must be 1 to 19"),
    ({"account_number": "0011-000"}, "Account number must be 1 to 19"),
    ({"amount_vnd": 0}, "Amount must be a positive whole number"),
    ({"amount_vnd": -5}, "Amount must be a positive whole number"),
    ({"amount_vnd": True}, "Amount must be a positive whole number"),
    ({"amount_vnd": 350000.0}, "Amount must be a positive whole number"),
    ({"amount_vnd": "350000"}, "Amount must be a positive whole number"),
    ({"amount_vnd": 10 ** 13}, "at most 13 digits"),
    ({"reference": "ln000042"}, "Reference must be 1 to 25 characters A-Z or 0-9"),
    ({"reference": "LN 000042"}, "Reference must be 1 to 25 characters A-Z or 0-9"),
    ({"reference": "A" * 26}, "Reference must be 1 to 25 characters A-Z or 0-9"),
    ({"reference": ""}, "Reference must be 1 to 25 characters A-Z or 0-9"),
    ({"account_name": "Hợp tác xã gốm sứ Bát Tràng Hà Nội"}, "Account name must be at most 25"),
])
def test_invalid_input_is_refused_with_a_clear_message(change, message):
    """Does each wrong input raise ValueError naming what is wrong?"""
    with pytest.raises(ValueError, match=message):
        build_payload(**{**ORDER, **change})


def test_svg_is_inline_and_scalable():
    """Is the QR an inline SVG with a viewBox (so CSS can size it) and no fixed width?"""
    svg = qr_svg(build_payload(**ORDER))

    assert svg.startswith("<svg")
    assert 'viewBox="0 0 ' in svg
    assert "width=" not in svg
    assert svg.__html__() == str(svg)  # Markup: Jinja will not escape it
