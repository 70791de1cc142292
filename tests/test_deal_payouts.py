"""Wholesale deal shares in the payout batches: a member's share of a deal's deposit is paid out
with its retail earnings in one transfer, once."""
import io
import re

import pytest
from sqlalchemy import select

from marketplace.accounts.models import Role
from marketplace.deals import settlement
from marketplace.deals.models import Deal, DealPayment, DealPayout, DealStatus, Stage
from marketplace.orders import services as orders
from marketplace.orders.models import OrderPart, PayoutStatus
from marketplace.payments import ledger
from marketplace.payments.errors import PaymentError
from marketplace.payments.models import PayoutBatch
from tests.deals_data import consortium_world, quoted
from tests.factories import ListingFactory, UserFactory
from tests.order_helpers import client_for
from tests.test_order_concurrency import _all_at_once
from tests.test_orders import ADDRESS

AN_DEPOSIT_NET = 144_243_397  # Gốm An's share of the 313,541,251 ₫ deposit less 8 % (tests/test_deals.py)
BINH_DEPOSIT_NET = 86_528_732


def _bank(producer, name, number, holder):
    producer.bank_name, producer.bank_account_number, producer.bank_account_name = name, number, holder


@pytest.fixture
def world(db, app):
    """Gốm An (with a bank account) has one delivered retail part due and its share of the deal's deposit."""
    world = consortium_world()
    _bank(world.an, "Vietcombank", "0011001234567", "NGUYEN VAN AN")
    listing = ListingFactory(producer=world.an, price_vnd=350_000, stock=5)
    buyer = UserFactory(locale="en")
    db.session.commit()
    cart = orders.add_to_cart(buyer, None, listing.id, None, 1)
    order = orders.place_order(buyer, cart, ADDRESS, "cod", orders.new_checkout_token())
    world.part_id = order.parts[0].id
    orders.ship_part(world.owners["an"], world.part_id, "GHN", "GHN8K3LQ2X")
    orders.confirm_receipt(buyer, world.part_id)
    _accept(world, db, app)
    settlement.record_transfer(world.staff, world.deal_id, Stage.DEPOSIT)
    return world


def _accept(world, db, app):
    quote = quoted(world, world.admin)
    client_for(app, world.importer).post(f"/dashboard/importer/quotes/{quote.id}/accept")
    world.staff = UserFactory(role=Role.STAFF, email="staff@langnghe.vn")
    db.session.commit()
    world.deal_id = db.session.scalar(select(Deal.id))
    return world


def test_a_members_retail_part_and_deal_share_make_one_batch_line_paid_once(world, db, app, login):
    """Is Gốm An's retail part plus its deposit share one transfer of the exact net, in the CSV and the
    bank file, both paid when the batch is, and in no later batch?"""
    part = db.session.get(OrderPart, world.part_id)
    retail_net = part.net_vnd
    assert retail_net == 352_000
    client = login(world.staff)

    created = client.post("/staff/payouts")
    batch = db.session.scalars(select(PayoutBatch)).one()
    lines = ledger.payout_lines(batch.id)
    csv_text = client.get(f"/staff/payouts/{batch.id}.csv").get_data(as_text=True)

    assert created.status_code == 303
    assert [(line.producer_id, line.amount_vnd, line.parts_count) for line in lines] == [
        (world.an.id, 352_000 + AN_DEPOSIT_NET, 2)]
    assert batch.total_vnd == 144_595_397
    assert csv_text.splitlines()[1] == (f"{batch.id},Gốm An,Vietcombank,0011001234567,NGUYEN VAN AN,144595397,2,"
                                        f"LANG NGHE MARKET PAYOUT B{batch.id}")
    assert ",144595397," in ledger.payout_bank_csv(batch.id)

    assert client.post(f"/staff/payouts/{batch.id}/paid").status_code == 303
    db.session.expire_all()
    shares = {p.producer_id: (p.payout_status, p.payout_batch_id) for p in db.session.scalars(select(DealPayout))}
    assert shares == {world.an.id: (PayoutStatus.PAID, batch.id), world.binh.id: (PayoutStatus.DUE, None),
                      world.cuc.id: (PayoutStatus.DUE, None)}
    assert db.session.get(OrderPart, world.part_id).payout_status == PayoutStatus.PAID

    # Bình adds its bank account: the next batch pays Bình's share only, nothing more for An.
    binh = db.session.get(type(world.binh), world.binh.id)
    _bank(binh, "BIDV", "12010000123", "TRAN THI BINH")
    db.session.commit()
    client.post("/staff/payouts")
    second = db.session.scalars(select(PayoutBatch).order_by(PayoutBatch.id.desc())).first()
    assert second.id != batch.id
    assert [(line.producer_id, line.amount_vnd, line.parts_count) for line in ledger.payout_lines(second.id)] == [
        (world.binh.id, BINH_DEPOSIT_NET, 1)]
    assert second.total_vnd == 86_528_732
    page = client_for(app, world.owners["an"]).get(f"/dashboard/deals/{world.deal_id}").get_data(as_text=True)
    assert "Gốm An · Deposit · Paid out" in page


def test_due_shares_show_on_the_staff_payouts_page_and_a_batch_takes_them_once(world, db):
    """Does the staff's "owed now" list count the deal share, and does a second batch find nothing for An?"""
    due = {producer.id: (count, net) for producer, count, net in ledger.due_by_producer()}
    assert due == {world.an.id: (2, 352_000 + AN_DEPOSIT_NET), world.binh.id: (1, BINH_DEPOSIT_NET),
                   world.cuc.id: (1, 57_685_822)}

    ledger.create_payout_batch(world.staff)
    with pytest.raises(PaymentError, match="Nothing is due to producers with bank details right now."):
        ledger.create_payout_batch(world.staff)
    assert db.session.query(PayoutBatch).count() == 1


def _statement(*lines):
    body = "Ngày giao dịch;Số tiền ghi có;Nội dung\n" + "\n".join(lines) + "\n"
    return {"statement": (io.BytesIO(body.encode("utf-8")), "sao-ke.csv")}


def test_a_bank_statement_records_a_deal_deposit_of_the_exact_amount_once(db, app, login, english):
    """Does a statement line naming WD… with the deposit's exact amount record it as staff would (the
    deal moves on, each member's share is owed), while a wrong amount, an unknown deal or a second
    upload is listed to check and changes nothing?"""
    world = _accept(consortium_world(), db, app)
    ref = f"WD{world.deal_id:06d}"
    client = login(world.staff)
    wrong = client.post("/staff/payments/statement", data=_statement(
        f"30/11/2026;313.541.250;MAISON DE LYON {ref.lower()} DEPOSIT"), content_type="multipart/form-data")

    assert f"Wholesale order {ref} expects ₫313,541,251 (Deposit) but ₫313,541,250 arrived." in wrong.get_data(
        as_text=True)
    db.session.expire_all()
    assert db.session.get(Deal, world.deal_id).status == DealStatus.AWAITING_DEPOSIT
    assert db.session.query(DealPayout).count() == 0

    lines = (f"30/11/2026;313.541.251;MAISON DE LYON WD-{world.deal_id:06d} DEPOSIT",
             "30/11/2026;1.000.000;WD999999", f"30/11/2026;5.000;{ref} LN000001")
    page = client.post("/staff/payments/statement", data=_statement(*lines),
                       content_type="multipart/form-data").get_data(as_text=True)
    again = client.post("/staff/payments/statement", data=_statement(lines[0]),
                        content_type="multipart/form-data").get_data(as_text=True)
    late = client.post("/staff/payments/statement", data=_statement(f"01/12/2026;313.541.251;{ref} lan 2"),
                       content_type="multipart/form-data").get_data(as_text=True)

    assert "Bank statement: 1 matched, 2 to check, 0 debit lines ignored" in page
    assert "Wholesale orders: payment received" in page and f">{ref}</a>" in page
    assert "No wholesale order WD999999." in page
    assert f"Several order references ({ref}, LN000001): match it by hand." in page
    assert "Already recorded from an earlier statement." in again
    assert f"Wholesale order {ref} has no payment due now: refund this transfer if it is a second payment." in late
    db.session.expire_all()
    deal = db.session.get(Deal, world.deal_id)
    assert deal.status == DealStatus.IN_PRODUCTION
    assert [(p.stage, p.method, p.amount_vnd, p.recorded_by_id) for p in db.session.query(DealPayment)] == [
        ("deposit", "bank_transfer", 313_541_251, world.staff.id)]
    assert sorted(p.net_vnd for p in db.session.query(DealPayout)) == [57_685_822, 86_528_732, AN_DEPOSIT_NET]


@pytest.mark.postgres_only
def test_two_staff_making_batches_at_once_put_each_share_in_one_batch(world, db, app):
    """Two staff press "Make a batch" together: is An's part and deal share in exactly one batch, once?"""
    staff_id = world.staff.id

    def work(_i):
        def prepare():
            return db.session.get(type(world.staff), staff_id)

        def act(staff):
            return ledger.create_payout_batch(staff).id
        return prepare, act

    results = _all_at_once(app, 2, work)
    made = [r for r in results if isinstance(r, int)]
    assert len(made) == 1 and all(isinstance(r, PaymentError) for r in results if not isinstance(r, int))
    db.session.expire_all()
    assert [(b.id, b.total_vnd) for b in db.session.scalars(select(PayoutBatch))] == [(made[0], 144_595_397)]
    assert db.session.scalar(select(DealPayout.payout_batch_id).where(DealPayout.producer_id == world.an.id)) == made[0]


def _figure(page, testid):
    return re.search(rf'data-testid="{testid}">([^<]+)<', page).group(1)


def test_the_earnings_page_lists_a_members_deal_shares_beside_its_orders_with_their_batch(world, db, login):
    """Does Gốm An's earnings page count its deposit share in "due" with its retail part, list the
    share's gross, commission and net, and then show it paid out in its batch?"""
    url = f"/dashboard/producer/{world.an.id}/earnings"
    client = login(world.owners["an"])

    earnings = ledger.earnings_of(world.an.id)
    page = client.get(url).get_data(as_text=True)

    assert (earnings.due_vnd, earnings.in_batch_vnd, earnings.paid_out_vnd) == (352_000 + AN_DEPOSIT_NET, 0, 0)
    assert earnings.commission_vnd == 28_000 + 12_542_904  # 8 % of the 350,000 ₫ vase, and of the 156,786,301 ₫ share
    assert [(s.stage, s.gross_vnd, s.commission_vnd, s.net_vnd) for s in earnings.shares] == [
        ("deposit", 156_786_301, 12_542_904, AN_DEPOSIT_NET)]
    assert _figure(page, "due") == "₫144,595,397"
    shares = page[page.index('data-testid="deal-shares"'):]
    assert "WD000001" in shares and "₫156,786,301" in shares and "−₫12,542,904" in shares
    assert "₫144,243,397" in shares and "Due" in shares
    assert "Wholesale orders" in page and "₫86,528,732" not in page  # Bình's share is Bình's

    batch = ledger.create_payout_batch(world.staff)
    ledger.mark_batch_paid(world.staff, batch.id)
    page = client.get(url).get_data(as_text=True)
    assert (_figure(page, "due"), _figure(page, "paid-out")) == ("₫0", "₫144,595,397")
    assert f"Paid out</span> <span class=\"small muted\">B{batch.id}</span>" in page
    assert login(world.owners["binh"]).get(url).status_code == 404
