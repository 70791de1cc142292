"""Bank transfers (VietQR, staff, bank statements), refunds by hand, and the payout ledger."""
import csv
import io

import pytest
from sqlalchemy import func, select

from marketplace.catalog.models import Listing
from marketplace.core import spreadsheet
from marketplace.notifications.models import Notification
from marketplace.orders import services as orders
from marketplace.orders.models import Order, OrderPart, PartStatus, PayoutStatus
from marketplace.payments import services as payments
from marketplace.payments import vietqr
from marketplace.payments.models import Payment, PayoutBatch, Refund, RefundStatus
from tests.factories import ListingFactory, ProducerFactory, UserFactory
from tests.mail_helpers import read_as
from tests.test_orders import ADDRESS


@pytest.fixture
def people(db):
    staff = UserFactory(role="staff", email="staff@example.vn")
    owner_a, owner_b = UserFactory(role="producer", locale="en"), UserFactory(role="producer")
    a = ListingFactory(producer=ProducerFactory(owner=owner_a, name="Gốm Minh Long", bank_name="Vietcombank",
                                                bank_account_number="0011001234567", bank_account_name="NGUYEN VAN MINH"),
                       price_vnd=350000, stock=10)
    b = ListingFactory(producer=ProducerFactory(owner=owner_b, name="Lụa Vạn Phúc"), price_vnd=420000, stock=10)
    buyer = UserFactory(locale="en")
    return type("People", (), {"staff": staff, "owner_a": owner_a, "owner_b": owner_b, "a": a, "b": b, "buyer": buyer})


def _order(people, method="bank_transfer", token=None, a=1, b=1):
    cart = None
    if a:
        cart = orders.add_to_cart(people.buyer, None, people.a.id, None, a)
    if b:
        cart = orders.add_to_cart(people.buyer, None, people.b.id, None, b)
    return orders.place_order(people.buyer, cart, ADDRESS, method, token or orders.new_checkout_token())


def test_a_transfer_order_shows_a_vietqr_code_with_the_amount_and_reference(people, login, db):
    """Does the order page give the account, the exact amount, the reference and a VietQR code carrying both?"""
    order = _order(people)

    page = login(people.buyer).get(f"/orders/{order.id}").get_data(as_text=True)
    instructions = payments.transfer_instructions(order)
    decoded = vietqr.parse_payload(instructions.payload)

    assert order.total_vnd == 350000 + 420000 + 60000
    assert "₫830,000" in page and order.reference in page and "1023456789" in page and "<svg" in page
    assert decoded["54"] == "830000"
    assert decoded["62"]["08"] == order.reference
    assert decoded["38"]["01"] == {"00": "970436", "01": "1023456789"}


def test_staff_mark_a_transfer_paid_and_only_staff_may(people, login, db):
    """Does staff's "mark as paid" pay every part once, while a buyer or producer is refused with nothing changed?"""
    order = _order(people)

    refused = login(people.owner_a).post(f"/staff/payments/transfers/{order.id}")
    assert refused.status_code == 403
    assert db.session.scalar(select(func.count()).select_from(Payment)) == 0
    done = login(people.staff).post(f"/staff/payments/transfers/{order.id}")
    again = login(people.staff).post(f"/staff/payments/transfers/{order.id}", follow_redirects=True)

    assert done.status_code == 303
    assert "is not waiting for a payment" in again.get_data(as_text=True)
    db.session.expire_all()
    assert {p.status for p in db.session.get(Order, order.id).parts} == {PartStatus.PAID}
    assert [(p.method, p.amount_vnd, p.recorded_by_id) for p in db.session.scalars(select(Payment))] == [
        ("bank_transfer", 830000, people.staff.id)]


def _statement(*lines):
    body = "Ngày giao dịch;Số tiền ghi có;Nội dung\n" + "\n".join(lines) + "\n"
    return {"statement": (io.BytesIO(body.encode("utf-8")), "sao-ke.csv")}


def test_a_bank_statement_pays_matching_orders_and_lists_every_other_line(people, login, db, english):
    """Are lines matched on reference and exact amount only, with each mismatch listed and nothing guessed?"""
    exact = _order(people)
    short = _order(people)
    cancelled = _order(people, b=0)
    orders.cancel_part(people.buyer, cancelled.parts[0].id)
    cod = _order(people, method="cod")
    client = login(people.staff)

    response = client.post("/staff/payments/statement", data=_statement(
        f"29/11/2026;830.000;CT DEN:0921 {exact.reference.lower()} thanh toan",
        f"29/11/2026;800.000;{short.reference} chuyen thieu",
        f"29/11/2026;380.000;{cancelled.reference}",
        f"29/11/2026;460.000;{cod.reference}",
        "29/11/2026;100.000;LN999999",
        "29/11/2026;50.000;tien an trua",
        "29/11/2026;-20.000;phi chuyen tien",
    ), content_type="multipart/form-data")

    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Bank statement: 1 matched, 5 to check, 1 debit lines ignored" in page
    assert f"Order {short.reference} expects ₫830,000 but ₫800,000 arrived." in page
    assert f"Order {cancelled.reference} was cancelled: send this transfer back." in page
    assert f"Order {cod.reference} is not paid by bank transfer." in page
    assert "No order LN999999." in page
    assert "No order reference (LN…) in the description." in page
    db.session.expire_all()
    assert {p.status for p in db.session.get(Order, exact.id).parts} == {PartStatus.PAID}
    assert {p.status for p in db.session.get(Order, short.id).parts} == {PartStatus.AWAITING_PAYMENT}
    assert db.session.scalar(select(func.count()).select_from(Payment)) == 1


def test_the_same_statement_uploaded_twice_pays_once(people, login, db):
    """Does a second upload of the same statement apply nothing again and say why?"""
    order = _order(people)
    client = login(people.staff)
    line = f"29/11/2026;830.000;{order.reference}"

    client.post("/staff/payments/statement", data=_statement(line), content_type="multipart/form-data")
    second = client.post("/staff/payments/statement", data=_statement(line), content_type="multipart/form-data")

    assert "Already recorded from an earlier statement." in second.get_data(as_text=True)
    assert db.session.scalar(select(func.count()).select_from(Payment)) == 1


def test_an_unreadable_statement_is_refused_with_a_message(people, login, db):
    """Is a file without amount and description columns refused clearly, with nothing paid?"""
    _order(people)
    data = {"statement": (io.BytesIO("a;b\n1;2\n".encode()), "x.csv")}

    response = login(people.staff).post("/staff/payments/statement", data=data, content_type="multipart/form-data",
                                        follow_redirects=True)

    assert "The statement could not be read: The file needs an amount column and a description column." in \
        response.get_data(as_text=True)
    assert db.session.scalar(select(func.count()).select_from(Payment)) == 0


def test_cancelling_a_part_paid_by_transfer_queues_a_refund_for_staff(people, login, db, english):
    """Is a paid transfer part refunded by hand: listed for staff, stock back, then marked transferred once?"""
    order = _order(people)
    payments.record_transfer(people.staff, order.id)
    part = next(p for p in order.parts if p.producer_id == people.b.producer_id)

    cancelled, refund = orders.cancel_part(people.buyer, part.id, "too late")
    queued = (refund.amount_vnd, refund.status)
    page = login(people.staff).get("/staff/payments").get_data(as_text=True)
    login(people.staff).post(f"/staff/payments/refunds/{refund.id}/transferred")
    twice = login(people.staff).post(f"/staff/payments/refunds/{refund.id}/transferred")

    assert cancelled.status == PartStatus.REFUNDED
    assert queued == (450000, RefundStatus.TO_TRANSFER)
    assert f"{order.reference}-{people.b.producer_id}" in page and "₫450,000" in page
    assert twice.status_code == 404
    db.session.expire_all()
    assert db.session.get(Refund, refund.id).status == RefundStatus.TRANSFERRED
    assert db.session.get(Listing, people.b.id).stock == 10


def _deliver_cod(people, a=2, b=1):
    order = _order(people, method="cod", a=a, b=b)
    for part in order.parts:
        owner = people.owner_a if part.producer_id == people.a.producer_id else people.owner_b
        orders.ship_part(owner, part.id, "GHN", "GHN8K3LQ2X")
        orders.confirm_receipt(people.buyer, part.id)
    return order


def test_the_producer_sees_its_earnings_gross_commission_and_net(people, login, db):
    """Does the earnings page show each part's gross, commission and net, and the totals by payout status?"""
    _deliver_cod(people)
    pending = _order(people, method="cod", a=1, b=0)

    page = login(people.owner_a).get(f"/dashboard/producer/{people.a.producer_id}/earnings").get_data(as_text=True)
    ledger = payments.earnings_of(people.a.producer_id)

    assert (ledger.due_vnd, ledger.pending_vnd, ledger.paid_out_vnd) == (674000, 352000, 0)
    assert ledger.commission_vnd == 56000  # 8 % of 700.000 ₫ of goods
    assert "₫730,000" in page and "−₫56,000" in page and "₫674,000" in page
    assert f"{pending.reference}-{people.a.producer_id}" in page
    assert login(people.owner_b).get(f"/dashboard/producer/{people.a.producer_id}/earnings").status_code == 404


def test_staff_export_a_payout_batch_and_mark_it_paid(people, login, db, english):
    """Does a batch take what is due to producers with a bank account, export it as CSV, and pay it once?"""
    _deliver_cod(people)
    client = login(people.staff)

    created = client.post("/staff/payouts")
    batch = db.session.scalars(select(PayoutBatch)).one()
    csv_text = client.get(f"/staff/payouts/{batch.id}.csv").get_data(as_text=True)
    paid = client.post(f"/staff/payouts/{batch.id}/paid")
    again = client.post(f"/staff/payouts/{batch.id}/paid", follow_redirects=True)
    nothing_left = client.post("/staff/payouts", follow_redirects=True)

    assert created.status_code == 303 and paid.status_code == 303
    assert batch.total_vnd == 674000
    assert csv_text.splitlines() == [
        "\ufeffbatch,producer,bank,account_number,account_name,amount_vnd,parts,description",
        f"{batch.id},Gốm Minh Long,Vietcombank,0011001234567,NGUYEN VAN MINH,674000,1,LANG NGHE MARKET PAYOUT B{batch.id}",
    ]
    assert "This batch is already marked as paid." in again.get_data(as_text=True)
    assert "Nothing is due to producers with bank details right now." in nothing_left.get_data(as_text=True)
    db.session.expire_all()
    statuses = {part.producer_id: part.payout_status for part in db.session.scalars(select(OrderPart))}
    assert statuses == {people.a.producer_id: PayoutStatus.PAID, people.b.producer_id: PayoutStatus.DUE}
    told = db.session.scalars(select(Notification).where(Notification.user_id == people.owner_a.id)
                              .order_by(Notification.id.desc())).first()
    assert read_as(told, "en")[1] == "We transferred ₫674,000 for 1 order to your account at Vietcombank."
    assert read_as(told, "vi")[1] == "Chúng tôi đã chuyển 674.000 ₫ cho 1 đơn hàng vào tài khoản của bạn tại Vietcombank."


def test_payout_csv_cells_that_a_spreadsheet_would_run_as_formulas_are_neutralised(people, login, db):
    """Given a producer whose bank details start like formulas (= @ + - tab), does the batch CSV carry
    them as text (a leading apostrophe), with every other cell unchanged?"""
    producer = people.a.producer
    producer.name, producer.bank_name = "-Gốm Minh Long", "@SUM(1+1)"
    producer.bank_account_name = '=HYPERLINK("http://evil.example","Click")'
    producer.bank_account_number = "+84 0011001234567"
    db.session.commit()
    _deliver_cod(people)
    client = login(people.staff)

    client.post("/staff/payouts")
    batch = db.session.scalars(select(PayoutBatch)).one()
    rows = list(csv.reader(io.StringIO(client.get(f"/staff/payouts/{batch.id}.csv").get_data(as_text=True))))

    assert rows[1] == [str(batch.id), "'-Gốm Minh Long", "'@SUM(1+1)", "'+84 0011001234567",
                       "'=HYPERLINK(\"http://evil.example\",\"Click\")", "674000", "1", f"LANG NGHE MARKET PAYOUT B{batch.id}"]
    assert [spreadsheet.safe_cell(cell) for cell in ("\tx", "\rx", -5, "0011")] == ["'\tx", "'\rx", -5, "0011"]


def test_changing_the_bank_account_after_a_batch_is_made_changes_nothing_in_it(people, login, db, english):
    """Given a batch made with a producer's account, when the producer then changes bank, number and
    holder, do the CSV, the batch page and the "transferred" notice still name the batched account?"""
    _deliver_cod(people)
    client = login(people.staff)
    client.post("/staff/payouts")
    batch = db.session.scalars(select(PayoutBatch)).one()
    before = client.get(f"/staff/payouts/{batch.id}.csv").get_data(as_text=True)

    producer = people.a.producer
    producer.bank_name, producer.bank_account_number, producer.bank_account_name = "Techcombank", "9999999999", "KE GIAN"
    db.session.commit()
    after = client.get(f"/staff/payouts/{batch.id}.csv").get_data(as_text=True)
    page = client.get(f"/staff/payouts/{batch.id}").get_data(as_text=True)
    client.post(f"/staff/payouts/{batch.id}/paid")

    assert after == before
    assert f"{batch.id},Gốm Minh Long,Vietcombank,0011001234567,NGUYEN VAN MINH,674000,1," in after
    assert "0011001234567" in page and "NGUYEN VAN MINH" in page and "9999999999" not in page and "KE GIAN" not in page
    told = db.session.scalars(select(Notification).where(Notification.user_id == people.owner_a.id)
                              .order_by(Notification.id.desc())).first()
    assert read_as(told, "en")[1] == "We transferred ₫674,000 for 1 order to your account at Vietcombank."
    assert read_as(told, "vi")[1] == "Chúng tôi đã chuyển 674.000 ₫ cho 1 đơn hàng vào tài khoản của bạn tại Vietcombank."


def test_payout_pages_are_staff_only(people, login, db):
    """Are the payout and payment pages refused to a producer, with no batch made?"""
    _deliver_cod(people)
    client = login(people.owner_a)

    assert client.get("/staff/payouts").status_code == 403
    assert client.post("/staff/payouts").status_code == 403
    assert client.get("/staff/payments").status_code == 403
    assert db.session.scalar(select(func.count()).select_from(PayoutBatch)) == 0


def test_without_stripe_keys_checkout_offers_cod_and_transfer_only(people, login, db):
    """Does the shop still sell without Stripe keys, offering cash on delivery and bank transfer?"""
    client = login(people.buyer)
    client.post("/cart/add", data={"listing_id": people.a.id, "quantity": "1"})

    page = client.get("/checkout").get_data(as_text=True)

    assert 'value="cod"' in page and 'value="bank_transfer"' in page and 'value="card"' not in page
    assert "js.stripe.com" not in page


def test_the_bank_bulk_transfer_file_is_ascii_with_unaccented_upper_case_names(people, login, db):
    """Given producers whose holder and bank are written in Vietnamese, is the batch's bank file the
    bulk-transfer layout byte for byte: no BOM, STT, account, "NGUYEN VAN DUC", bank and its BIN, integer VND?"""
    producer_a, producer_b = people.a.producer, people.b.producer
    producer_a.bank_account_name, producer_a.bank_name = "Nguyễn Văn Đức", "Ngân hàng Vietcombank"
    producer_b.bank_name, producer_b.bank_account_number = "Ngân hàng Quỹ Tín dụng Đông Anh", "1900 2233 4455"
    producer_b.bank_account_name = "HTX Lụa Vạn Phúc (Hà Đông)"
    db.session.commit()
    _deliver_cod(people)
    client = login(people.staff)

    client.post("/staff/payouts")
    batch = db.session.scalars(select(PayoutBatch)).one()
    answer = client.get(f"/staff/payouts/{batch.id}-bank.csv")

    assert answer.headers["Content-Disposition"] == f"attachment; filename=payout-batch-{batch.id}-bank.csv"
    assert answer.data == (
        "STT,So tai khoan,Ten nguoi thu huong,Ngan hang thu huong,Ma ngan hang,So tien,Noi dung chuyen khoan\r\n"
        f"1,0011001234567,NGUYEN VAN DUC,NGAN HANG VIETCOMBANK,970436,674000,LANG NGHE MARKET THANH TOAN DOT {batch.id}\r\n"
        f"2,190022334455,HTX LUA VAN PHUC HA DONG,NGAN HANG QUY TIN DUNG DONG ANH,,416400,"
        f"LANG NGHE MARKET THANH TOAN DOT {batch.id}\r\n").encode("ascii")
    assert login(people.owner_a).get(f"/staff/payouts/{batch.id}-bank.csv").status_code == 403
