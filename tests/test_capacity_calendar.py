"""The capacity calendar (issue 12, item 3): months stated or blocked, bookings counted once, matching and
consortium allocation reading what is free by the date, and the producer's calendar page."""
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import delete, event

from marketplace.deals import services as deals
from marketplace.deals.models import Deal, DealLine, DealStatus
from marketplace.extensions import db as _db
from marketplace.leads import services as leads
from marketplace.leads.bookings import bookings_and_calendars, bookings_of
from marketplace.leads.capacity import in_unit
from marketplace.leads.reasons import describe
from marketplace.producers import capacity
from marketplace.producers.capacity import Booking, Row
from marketplace.producers.models import CapacityMonth
from tests.deals_data import consortium_world, quoted
from tests.factories import UserFactory
from tests.leads_data import ceramics_world, make_inquiry
from tests.order_helpers import client_for

JAN, FEB, MAR, APR = (date(2027, m, 1) for m in (1, 2, 3, 4))


def test_free_capacity_by_a_date_reads_a_stated_month_and_a_blocked_one():
    """Standard 1,000 pieces a month; February stated as 600, March blocked. From 10 January to 16 April:
    January 22 of 31 days → 709, February 600, March 0, April 15 of 30 days → 500: 1,809 free."""
    rows = [Row(FEB, "piece", 600), Row(MAR, "piece", None, True, "Tết"), Row(FEB, "kg", 50)]

    free = capacity.free_by(rows, [], "piece", 1000, date(2027, 1, 10), date(2027, 4, 16))

    assert (free.available, free.booked, free.blocked) == (1809, 0, (MAR,))
    figures = capacity.month_figures(rows, [], "piece", 1000, date(2027, 1, 10), date(2027, 4, 16))
    assert [(f.month, f.capacity, f.free, f.blocked) for f in figures] == [
        (JAN, 709, 709, False), (FEB, 600, 600, False), (MAR, 1000, 0, True), (APR, 500, 500, False)]
    # In kg only February is stated (50) and March is blocked in every unit: 0 (standard 0) + 50 + 0 + 0.
    assert capacity.free_by(rows, [], "kg", 0, date(2027, 1, 10), date(2027, 4, 16)).available == 50
    # Nothing stated or booked in the window: the flat rule, 1,000 × 96 days / 30.
    assert capacity.free_by([], [], "piece", 1000, date(2027, 1, 10), date(2027, 4, 16)).available == 3200
    # A lead time longer than the days left: nothing.
    assert capacity.free_by(rows, [], "piece", 1000, date(2027, 1, 10), date(2027, 4, 16), 120).available == 0


def test_bookings_reduce_the_months_they_occupy_and_convert_to_the_calendar_unit():
    """900 pairs from 1 January to 1 April are 1,800 pieces, 620 + 560 + 620 by month (rounded up); a booking
    in kg books nothing in pieces."""
    booking = Booking(900, JAN, APR, "pair")
    pieces = in_unit([booking, Booking(40, JAN, APR, "kg")], "piece")

    assert [b.quantity for b in pieces] == [1800]
    figures = capacity.month_figures([], pieces, "piece", 1000, JAN, APR)
    assert [(f.booked, f.free) for f in figures] == [(620, 380), (560, 440), (620, 380)]
    assert capacity.free_by([], pieces, "piece", 1000, JAN, APR) == capacity.Free(1200, 1800, ())


def test_an_accepted_quote_and_its_deal_book_capacity_once_until_it_ships(db, app):
    """A consortium quote accepted on 1 January 2027 opens its deal: An's 5,001 bowls are booked once (by the
    deal, not also by the quote), 1,723 + 1,556 + 1,723 over January to March against 2,500 a month; once the
    deal ships nothing is booked. A quote accepted without a deal (older data) still books."""
    world = consortium_world()
    quote = quoted(world, world.admin)
    deal = deals.accept_quote(world.importer, quote.id)
    deal.created_at = datetime(2027, 1, 1, 8, tzinfo=UTC)
    world.inquiry.required_by = APR
    _db.session.commit()

    booked = bookings_of(_db.session, [world.an.id, world.binh.id], JAN)

    assert [(b.kind, b.quantity, b.first, b.last, b.ref_id) for b in booked[world.an.id]] == [
        ("deal", 5001, JAN, APR, deal.id)]
    assert [b.quantity for b in booked[world.binh.id]] == [3000]
    figures = capacity.month_figures([], booked[world.an.id], "piece", 2500, JAN, APR)
    assert [(f.booked, f.free) for f in figures] == [(1723, 777), (1556, 944), (1723, 777)]

    # What matching reads: the bookings and the calendars of all candidates in a single statement.
    _block(world.an, FEB)
    an_id, binh_id = world.an.id, world.binh.id
    statements = []
    listen = lambda *args: statements.append(args[2])
    event.listen(_db.engine, "before_cursor_execute", listen)
    try:
        both, calendars = bookings_and_calendars(_db.session, [an_id, binh_id], JAN)
    finally:
        event.remove(_db.engine, "before_cursor_execute", listen)
    assert len(statements) == 1
    assert both == booked and calendars == {an_id: [Row(FEB, "piece", None, True)]}

    deal.status, deal.shipped_at = DealStatus.BALANCE_DUE, datetime(2027, 2, 1, tzinfo=UTC)
    _db.session.commit()
    assert bookings_of(_db.session, [world.an.id], JAN) == {}

    _db.session.execute(delete(DealLine).where(DealLine.deal_id == deal.id))  # a quote accepted before deals existed
    _db.session.execute(delete(Deal).where(Deal.id == deal.id))
    _db.session.commit()
    assert [(b.kind, b.quantity) for b in bookings_of(_db.session, [world.an.id], JAN)[world.an.id]] == [
        ("quote", 5000)]  # its member's allocation


def _block(producer, month, note="Tết", quantity=None, unit="piece"):
    _db.session.add(CapacityMonth(producer_id=producer.id, month=month, unit=unit, quantity=quantity,
                                  blocked=quantity is None, note=note))
    _db.session.commit()


def _inquiry(world, quantity, required_by):
    inquiry = make_inquiry(world.importer, "blue glaze", quantity=quantity)
    inquiry.required_by = required_by
    _db.session.commit()
    return inquiry


def test_matching_reads_the_calendar_a_blocked_month_gives_the_exact_smaller_figure(db, english):
    """On 1 January 2027, 3,000 pieces by 1 April: An (1,000 a month) blocked February, so 1,000 + 0 + 1,000 =
    2,000, short, with the blocked month named; Bình (2,000 a month, no calendar) still has 6,000."""
    world = ceramics_world()
    _block(world.an, FEB)
    inquiry = _inquiry(world, 3000, APR)

    leads.run_matching(inquiry.id, today=JAN)

    by_name = {m.producer.name: m for m in inquiry.matches}
    an, binh = by_name["Gốm An"], by_name["Gốm Bình"]
    assert (an.capacity_by_date, an.covers, binh.capacity_by_date, binh.covers) == (2000, False, 6000, True)
    blocked = next(r for r in an.reasons if r["code"] == "capacity_blocked")
    assert describe(blocked) == "No capacity in February 2027: blocked in the producer's calendar"
    short = next(r for r in an.reasons if r["code"] == "capacity_short")
    assert describe(short) == "Monthly capacity 1,000 pieces covers only 2,000 of 3,000 by Apr 1, 2027"


def test_a_consortium_allocates_what_each_member_has_free(db, english):
    """6,000 pieces by 1 April 2027: An blocked February (2,000 free), Bình stated 500 for March (2,000 + 2,000 +
    500 = 4,500): neither covers alone, the mark's consortium takes 4,500 from Bình and the rest, 1,500, from An."""
    world = ceramics_world()
    _block(world.an, FEB)
    _block(world.binh, MAR, note="", quantity=500)
    inquiry = _inquiry(world, 6000, APR)

    leads.run_matching(inquiry.id, today=JAN)

    members = sorted((m for m in inquiry.matches if m.consortium_id), key=lambda m: m.consortium_position)
    assert [(m.producer.name, m.capacity_by_date, m.allocation) for m in members] == [
        ("Gốm Bình", 4500, 4500), ("Gốm An", 2000, 1500)]


def _month_data(months, **changes):
    data = {"unit": "piece"}
    for i, month in enumerate(months):
        data[f"months-{i}-month"] = month.isoformat()
        data[f"months-{i}-quantity"] = ""
        data[f"months-{i}-note"] = ""
    data.update(changes)
    return data


def test_the_producer_sees_and_saves_its_calendar_and_others_cannot(db, app):
    """The owner sees 12 months; saving a stated month and a blocked one stores them and the page shows what is
    free; bad input names every month at fault and saves nothing; a stranger gets 404."""
    world = ceramics_world()
    owner, producer = world.owners["an"], world.an
    months = capacity.months_from(date.today())
    page = client_for(app, owner)

    shown = page.get(f"/dashboard/producer/{producer.id}/capacity")
    assert shown.status_code == 200
    assert shown.get_data(as_text=True).count("data-month=") == 12
    assert f"/dashboard/producer/{producer.id}/capacity" in page.get(f"/dashboard/producer?p={producer.id}").get_data(
        as_text=True)

    saved = page.post(f"/dashboard/producer/{producer.id}/capacity", data=_month_data(months, **{
        "months-1-quantity": "1.500", "months-2-blocked": "y", "months-2-note": "Tết"}))
    assert saved.status_code == 303
    rows = _db.session.query(CapacityMonth).filter_by(producer_id=producer.id).order_by(CapacityMonth.month).all()
    assert [(r.month, r.unit, r.quantity, r.blocked, r.note) for r in rows] == [
        (months[1], "piece", 1500, False, ""), (months[2], "piece", None, True, "Tết")]
    html = page.get(saved.headers["Location"]).get_data(as_text=True)
    assert 'value="1500"' in html and "Tết" in html

    bad = page.post(f"/dashboard/producer/{producer.id}/capacity", data=_month_data(months, **{
        "months-0-quantity": "many", "months-3-quantity": "20000000", "months-4-note": "x" * 201}))
    assert bad.status_code == 400
    text = bad.get_data(as_text=True)
    label = "{:%B %Y}"
    for i, problem in ((0, "the capacity is a whole number"), (3, "the capacity is between 0 and 10,000,000."),
                       (4, "the note is at most 200 characters.")):
        assert f"{label.format(months[i])}: {problem}" in text
    assert _db.session.query(CapacityMonth).filter_by(producer_id=producer.id).count() == 2

    stranger = client_for(app, UserFactory(email="other@example.vn", role="producer"))
    assert stranger.get(f"/dashboard/producer/{producer.id}/capacity").status_code == 404


def test_unblocking_a_month_clears_it_in_every_unit(db, app):
    """A month blocked while showing kg is blocked in pieces too; unticking it in pieces unblocks both."""
    world = ceramics_world()
    owner, producer = world.owners["an"], world.an
    months = capacity.months_from(date.today())
    capacity.save_calendar(owner, producer.id, {"unit": "kg", "months": [
        {"month": months[0].isoformat(), "quantity": "40", "blocked": "y"}]}, date.today())
    capacity.save_calendar(owner, producer.id, {"unit": "piece", "months": [
        {"month": months[0].isoformat(), "blocked": "y"}]}, date.today())
    assert {(r.unit, r.blocked) for r in _db.session.query(CapacityMonth)} == {("kg", True), ("piece", True)}

    capacity.save_calendar(owner, producer.id, {"unit": "piece", "months": [{"month": months[0].isoformat()}]},
                           date.today())

    assert [(r.unit, r.quantity, r.blocked) for r in _db.session.query(CapacityMonth)] == [("kg", 40, False)]
    later = date.today() + timedelta(days=400)
    assert capacity.months_from(later)[0] == later.replace(day=1)
