"""The association's figures page: members by status, the mark's and its villages' sales, consortium offers."""
from datetime import timedelta

from marketplace.accounts.models import Role
from marketplace.core import counters
from marketplace.leads.models import Consortium, LeadResponse
from marketplace.reports import tallies
from tests.factories import (
    AssociationFactory,
    ListingFactory,
    MembershipFactory,
    ProducerFactory,
    ProductRightFactory,
    TrademarkFactory,
    UserFactory,
)
from tests.leads_data import make_inquiry
from tests.order_helpers import make_shop, place
from tests.test_staff_overview import _chart_data


def test_an_admin_sees_members_mark_and_village_sales_and_consortium_outcomes(db, login, english):
    """Are the mark's sales only its granted products', the villages' all their producers', members
    counted by status and the association's consortium offers by outcome?"""
    shop = make_shop()
    admin = UserFactory(role=Role.ASSOCIATION_ADMIN)
    mark = TrademarkFactory(association=AssociationFactory(admin=admin))
    mark.villages = [shop.a.producer.village]
    member = MembershipFactory(trademark=mark, producer=shop.a.producer)
    MembershipFactory(trademark=mark, producer=ProducerFactory(village=shop.a.producer.village), status="pending")
    plain = ListingFactory(producer=shop.a.producer, price_vnd=100000, stock=5)  # same village, not carrying the mark
    ProductRightFactory(membership=member, listing=shop.a)
    place(shop.buyer, (shop.a, 2), (plain, 1), (shop.b, 1))
    importer = UserFactory(role="importer")
    for response in (LeadResponse.QUOTED, LeadResponse.DECLINED, LeadResponse.OPEN):
        db.session.add(Consortium(inquiry_id=make_inquiry(importer).id, trademark_id=mark.id,
                                  association_id=mark.association_id, response=response))
    db.session.commit()

    html = login(admin).get(f"/dashboard/association/figures?t={mark.id}").get_data(as_text=True)

    members = _chart_data(html, "members")
    assert members["labels"][:2] == ["Applied", "Active member"] and members["datasets"][0]["values"] == [1, 1, 0, 0]
    assert sum(_chart_data(html, "mark-sales")["datasets"][0]["values"]) == 700000
    assert sum(_chart_data(html, "village-sales")["datasets"][0]["values"]) == 800000
    assert _chart_data(html, "consortia")["datasets"][0]["values"] == [3, 1, 1, 0]


def test_figures_are_for_association_admins_only(db, login):
    """Are a producer and a buyer refused the association's figures?"""
    shop = make_shop()

    assert login(shop.owner_a).get("/dashboard/association/figures").status_code == 403
    assert login(shop.buyer).get("/dashboard/association/figures").status_code == 403


def test_the_scans_of_the_marks_codes_are_charted_per_day(db, client, login, english):
    """Do 3 verifications of the mark's codes today and 2 saved for 4 days ago show as 3 and 2 in the
    30-day chart, while another mark's scan is not counted?"""
    admin = UserFactory(role=Role.ASSOCIATION_ADMIN)
    mark = TrademarkFactory(association=AssociationFactory(admin=admin))
    right = ProductRightFactory(membership=MembershipFactory(trademark=mark))
    other = ProductRightFactory()
    for code in (right.code, right.code, right.code, other.code):
        assert client.get(f"/verify/{code}").status_code == 200
    earlier = counters.today() - timedelta(days=4)
    counters.give_back("scans", {(mark.id, earlier): 2})  # as if counted four days ago
    tallies.flush()

    html = login(admin).get(f"/dashboard/association/figures?t={mark.id}").get_data(as_text=True)

    scans = _chart_data(html, "scans")["datasets"][0]["values"]
    assert len(scans) == 30 and scans[-1] == 3 and scans[-5] == 2 and sum(scans) == 5
    assert "5 scans" in html
    html = login(admin).get(f"/dashboard/association/figures?t={mark.id}&period=90").get_data(as_text=True)
    assert sum(_chart_data(html, "scans")["datasets"][0]["values"]) == 5
