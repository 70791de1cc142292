"""Matching: exact rankings, reasons, consortium allocations and the no-match reasons."""
from datetime import UTC, date, datetime

from marketplace.leads import matching
from marketplace.leads import services as leads
from marketplace.leads.models import Match, MatchingStatus, Quote, QuoteStatus
from marketplace.leads.reasons import describe
from marketplace.notifications.models import Notification, OutboxMessage
from marketplace.producers import capacity as calendar
from marketplace.trademarks.models import Membership
from tests.factories import ListingFactory, MembershipFactory, ProducerFactory, ProductRightFactory, UserFactory
from tests.leads_data import ceramics_world, make_inquiry
from tests.mail_helpers import read_as


def _ranking(inquiry):
    return [(m.producer.name, m.score) for m in inquiry.matches if m.active]


def test_producers_are_ranked_by_relevance_capacity_price_moq_and_export(db):
    """For 3,000 blue glaze vases at 100,000 ₫, is An 100 ahead of Cúc's plain vase 39 (half relevant: 0.5 × (35 +
    12.5 + 20 + 0 + 10)), and Bình's plate left out (blue glaze, but not a vase)?"""
    world = ceramics_world()
    inquiry = make_inquiry(world.importer, "Blue glaze vases, please", quantity=3000, days=90, target=100_000)

    leads.run_matching(inquiry.id)

    db.session.refresh(inquiry)
    assert inquiry.matching_status == MatchingStatus.DONE
    assert _ranking(inquiry) == [("Gốm An", 100), ("Gốm Cúc", 39)]
    an, cuc = inquiry.matches
    by = inquiry.required_by.isoformat()
    assert an.reasons == [
        {"code": "matches_words", "matched": 2, "total": 2, "listing": {"vi": "Bình gốm men lam", "en": "Blue glaze vase"},
         "price": 90_000, "missing": []},
        {"code": "capacity_covers", "capacity": 1000, "available": 3000, "quantity": 3000, "unit": "piece", "by": by},
        {"code": "price_within", "price": 90_000, "target": 100_000},
        {"code": "moq_ok", "moq": 100, "quantity": 3000, "unit": "piece"},
        {"code": "mark_member", "mark": {"vi": "Gốm sứ Bát Tràng", "en": "Bát Tràng Ceramics"}},
        {"code": "export_ready"},
    ]
    assert cuc.reasons[0] == {"code": "matches_words", "matched": 1, "total": 2, "price": 80_000,
                              "listing": {"vi": "Lọ gốm", "en": "Ceramic vase"}, "missing": ["blue glaze"]}
    assert inquiry.consortium is None


def test_the_wholesale_tier_at_the_quantity_is_the_price_judged(db):
    """For 3,000 blue glaze pieces, is Bình judged at its 1,000+ tier price of 100,000 ₫?"""
    world = ceramics_world()
    inquiry = make_inquiry(world.importer, "blue glaze", quantity=3000, days=90, target=100_000)

    leads.run_matching(inquiry.id)

    db.session.refresh(inquiry)
    assert _ranking(inquiry) == [("Gốm An", 100), ("Gốm Bình", 90)]  # Bình not export-ready
    binh = inquiry.matches[1]
    assert (binh.unit_price_vnd, binh.capacity_by_date, binh.covers) == (100_000, 6000, True)


def test_negative_reasons_are_stored_too(db):
    """For 3,000 vases, does Cúc's match say its capacity covers only 1,500 and its MOQ is above the quantity?"""
    world = ceramics_world()
    inquiry = make_inquiry(world.importer, "vases", quantity=3000, days=90, target=100_000)

    leads.run_matching(inquiry.id)

    db.session.refresh(inquiry)
    assert _ranking(inquiry) == [("Gốm An", 100), ("Gốm Cúc", 78)]  # 35 + 12.5 + 20 + 0 (MOQ) + 10
    cuc = inquiry.matches[1]
    assert [r["code"] for r in cuc.reasons] == [
        "matches_words", "capacity_short", "price_within", "moq_above", "ocop", "export_ready"]
    assert cuc.reasons[1] == {"code": "capacity_short", "capacity": 500, "available": 1500,
                              "quantity": 3000, "unit": "piece", "by": inquiry.required_by.isoformat()}


def test_reasons_read_well_in_english_and_vietnamese(db, english):
    """Is a stored reason rendered as a sentence in the reader's language?"""
    from flask_babel import force_locale


    reason = {"code": "capacity_covers", "capacity": 2000, "available": 6000, "quantity": 5000, "unit": "piece",
              "by": "2027-03-15"}
    assert describe(reason) == "Monthly capacity 2,000 pieces covers 5,000 by Mar 15, 2027"
    assert describe({"code": "mark_member", "mark": {"vi": "Gốm sứ Bát Tràng", "en": "Bát Tràng Ceramics"}}) == \
        "Member of the Bát Tràng Ceramics collective mark"
    with force_locale("vi"):
        assert describe(reason) == "Năng lực 2.000 chiếc/tháng đủ làm 5.000 trước 15 thg 3, 2027"


def test_a_referenced_listing_boosts_its_producer(db):
    """Does pointing at Cúc's listing give Cúc full relevance even though the words match it less?"""
    world = ceramics_world()
    inquiry = make_inquiry(world.importer, "blue glaze", quantity=1000, days=90, references=[world.plain])

    leads.run_matching(inquiry.id)

    db.session.refresh(inquiry)
    cuc = next(m for m in inquiry.matches if m.producer_id == world.cuc.id)
    assert cuc.reasons[0] == {"code": "referenced", "listing": {"vi": "Lọ gốm", "en": "Ceramic vase"}}
    assert cuc.listing_id == world.plain.id


def test_required_ocop_stars_and_mark_are_hard_filters(db):
    """Does requiring OCOP 4 leave only Cúc, and requiring the Bát Tràng mark only An, whose vase carries it
    (Bình is a member too, but its plate does not carry the mark)?"""
    world = ceramics_world()
    membership = db.session.query(Membership).filter_by(producer_id=world.an.id).one()
    ProductRightFactory(membership=membership, listing=world.vase)
    with_stars = make_inquiry(world.importer, "vase", quantity=100, ocop=4)
    with_mark = make_inquiry(world.importer, "blue glaze", quantity=100, trademark=world.mark)

    leads.run_matching(with_stars.id)
    leads.run_matching(with_mark.id)

    assert [m.producer.name for m in with_stars.matches] == ["Gốm Cúc"]
    assert [m.producer.name for m in with_mark.matches] == ["Gốm An"]


def test_rerunning_updates_matches_in_place_and_tells_producers_once(db):
    """After matching twice, is there still one match per producer and one notification per owner?"""
    world = ceramics_world()
    inquiry = make_inquiry(world.importer, "blue glaze vase", quantity=3000, target=100_000)

    leads.run_matching(inquiry.id)
    first_ids = sorted(m.id for m in inquiry.matches)
    leads.run_matching(inquiry.id)

    db.session.refresh(inquiry)
    assert sorted(m.id for m in inquiry.matches) == first_ids
    assert db.session.query(Match).count() == 2
    for key in ("an", "cuc"):
        assert db.session.query(Notification).filter_by(user_id=world.owners[key].id, message_key="leads.new").count() == 1
    for key in ("binh", "ha"):  # a plate (not a vase); silk
        assert db.session.query(Notification).filter_by(user_id=world.owners[key].id).count() == 0
    assert db.session.query(Notification).filter_by(user_id=world.importer.id).count() == 1  # "matching finished", once
    assert db.session.query(OutboxMessage).count() == 3


def test_consortium_of_mark_members_covers_what_no_one_can_alone(db):
    """10,000 bowls in 60 days: is a consortium of the mark's members proposed with allocations 5,000 / 2,500 / 2,500?"""
    world = ceramics_world()
    mark = world.mark
    members = []
    for name, capacity, export, moq in (("Gốm Một", 2500, True, 10), ("Gốm Hai", 2000, False, 2500),
                                         ("Gốm Ba", 1500, True, 100)):
        producer = ProducerFactory(name=name, village=world.bat_trang, monthly_capacity=capacity, export_ready=export,
                                   owner=UserFactory(role="producer"))
        MembershipFactory(trademark=mark, producer=producer)
        ListingFactory(producer=producer, craft=world.ceramics, title_vi="Bát gốm", title_en="Ceramic bowl",
                       price_vnd=50_000, moq=moq)
        members.append(producer)
    outsider = ProducerFactory(name="Gốm Bốn", monthly_capacity=1000, owner=UserFactory(role="producer"))
    ListingFactory(producer=outsider, craft=world.ceramics, title_vi="Bát gốm", title_en="Ceramic bowl", price_vnd=50_000)
    inquiry = make_inquiry(world.importer, "ceramic bowls", quantity=10_000, days=60)

    leads.run_matching(inquiry.id)

    db.session.refresh(inquiry)
    assert inquiry.matching_status == MatchingStatus.DONE
    ranked = [(m.producer.name, m.score) for m in inquiry.matches if m.producer.name.startswith("Gốm ") and m.active]
    assert ranked[:4] == [("Gốm Một", 88), ("Gốm Ba", 83), ("Gốm Hai", 75), ("Gốm Bốn", 70)]
    consortium = inquiry.consortium
    assert consortium.trademark_id == mark.id and consortium.association_id == world.association.id
    assert [(m.producer.name, m.allocation) for m in consortium.members] == [
        ("Gốm Một", 5000), ("Gốm Ba", 2500), ("Gốm Hai", 2500)]
    assert consortium.capacity == 12_000
    assert db.session.query(Notification).filter_by(user_id=world.admin.id, message_key="leads.new_consortium").count() == 1
    note = db.session.query(Notification).filter_by(user_id=world.admin.id).one()
    assert "Gốm Một: 5,000; Gốm Ba: 2,500; Gốm Hai: 2,500" in read_as(note, "en")[1]
    assert "Gốm Một: 5.000; Gốm Ba: 2.500; Gốm Hai: 2.500" in read_as(note, "vi")[1]


def test_nothing_can_supply_it_and_the_importer_is_told_why(db):
    """100,000 pieces in 30 days: is the inquiry "no_match", with the best single and group capacities?"""
    world = ceramics_world()
    inquiry = make_inquiry(world.importer, "blue glaze", quantity=100_000, days=30)

    leads.run_matching(inquiry.id)

    db.session.refresh(inquiry)
    assert inquiry.matching_status == MatchingStatus.NO_MATCH
    by = inquiry.required_by.isoformat()
    assert inquiry.no_match_reasons == [
        {"code": "no_single_producer", "best": 2000, "quantity": 100_000, "unit": "piece", "by": by},
        {"code": "combined_capacity_short", "producers": 2, "group": {"vi": "Gốm sứ Bát Tràng", "en": "Bát Tràng Ceramics"},
         "capacity": 3000, "quantity": 100_000, "unit": "piece", "by": by},
    ]
    assert inquiry.consortium is None


def test_no_producer_makes_it(db):
    """Does a request nobody makes record the reason "no_producer_makes" and no match?"""
    world = ceramics_world()
    inquiry = make_inquiry(world.importer, "titanium bicycle frames", quantity=10)

    leads.run_matching(inquiry.id)

    assert inquiry.matching_status == MatchingStatus.NO_MATCH
    assert inquiry.no_match_reasons == [{"code": "no_producer_makes", "missing": ["titanium", "bicycle", "frames"]}]
    assert inquiry.matches == []


def test_requirements_that_exclude_every_maker_are_named(db):
    """Do five required OCOP stars exclude the two blue glaze makers, and say so?"""
    world = ceramics_world()
    inquiry = make_inquiry(world.importer, "blue glaze", quantity=10, ocop=5)

    leads.run_matching(inquiry.id)

    assert inquiry.no_match_reasons == [{"code": "requirements_exclude", "count": 2, "ocop": 5, "trademark": False}]


def test_allocation_respects_moq_and_capacity():
    """Pure rule: 4,000 from A (3,000, MOQ 1) and B (3,000, MOQ 2,500): B keeps its MOQ, A makes the rest."""
    request = matching.Request(quantity=4000, required_by=date(2027, 3, 31), today=date(2027, 1, 30))

    def member(pid, moq):
        candidate = matching.Candidate(producer_id=pid, name=f"P{pid}", village_id=1, village_name="V",
                                       monthly_capacity=1500, moq=moq)
        return matching.score(candidate, request)

    a, b = member(1, 1), member(2, 2500)
    assert (a.capacity_by_date, b.capacity_by_date) == (3000, 3000)
    assert [(m.producer_id, share) for m, share in matching.allocate([a, b], 4000)] == [(1, 1500), (2, 2500)]
    assert matching.allocate([a], 4000) is None
    assert matching.allocate([member(3, 2500), member(4, 2500)], 4000) is None  # MOQs alone exceed it


def test_an_archived_listing_no_longer_matches_its_producer(db):
    """After An archives its vase (and on PostgreSQL, producer_search follows by trigger), is An no longer matched?"""
    from marketplace.catalog import services as catalog

    world = ceramics_world()
    catalog.set_status(world.owners["an"], world.vase.id, "archived")
    inquiry = make_inquiry(world.importer, "blue glaze", quantity=100)

    leads.run_matching(inquiry.id)

    assert [m.producer.name for m in inquiry.matches] == ["Gốm Bình"]


def test_bookings_are_spread_evenly_over_their_days():
    """Pure rule: 3,000 over 90 days books 1,000 of any 30 of them, rounded up; nothing outside its days."""
    booking = [(3000, date(2027, 1, 1), date(2027, 4, 1))]

    assert calendar.booked_between(booking, date(2027, 1, 1), date(2027, 1, 31)) == 1000
    assert calendar.booked_between(booking, date(2027, 3, 2), date(2027, 6, 1)) == 1000
    assert calendar.booked_between(booking, date(2027, 1, 1), date(2027, 1, 2)) == 34
    assert calendar.booked_between(booking, date(2027, 5, 1), date(2027, 6, 1)) == 0


def test_an_accepted_quote_books_capacity_and_matching_reads_what_is_free(db, english):
    """On 1 January 2027 An (1,000 a month) accepted a quote for 2,000 due on 2 March (60 days): for 3,000 more by
    1 April, the quote books 1,034 of January, 934 of February and 34 of March (spread over its days, rounded up),
    so An has 0 + 66 + 966 = 1,032 free (a month cannot go below 0), short, and the reason says 2,000 booked."""
    today = date(2027, 1, 1)
    world = ceramics_world()
    first = make_inquiry(world.importer, "blue glaze", quantity=2000)
    first.required_by = date(2027, 3, 2)
    db.session.commit()
    leads.run_matching(first.id, today=today)
    an_match = next(m for m in first.matches if m.producer_id == world.an.id)
    db.session.add(Quote(inquiry_id=first.id, match_id=an_match.id, author_id=world.owners["an"].id,
                         unit_price_vnd=90_000, quantity=2000, lead_time_days=30, valid_until=first.required_by,
                         status=QuoteStatus.ACCEPTED, decided_at=datetime(2027, 1, 1, 9, tzinfo=UTC)))
    db.session.commit()
    second = make_inquiry(world.importer, "blue glaze", quantity=3000)
    second.required_by = date(2027, 4, 1)
    db.session.commit()

    leads.run_matching(second.id, today=today)

    an = next(m for m in second.matches if m.producer_id == world.an.id)
    assert (an.capacity_by_date, an.covers) == (1032, False)
    booked = next(r for r in an.reasons if r["code"] == "capacity_booked")
    assert describe(booked) == "2,000 of it already booked by accepted quotes and wholesale orders before Apr 1, 2027"
