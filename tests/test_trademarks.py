"""Collective trademarks: membership decisions with history, product rights, verification."""
import pytest

from marketplace.accounts.models import Role
from marketplace.catalog.services import SearchParams, search_listings
from marketplace.core.errors import NotFound
from marketplace.trademarks import services
from marketplace.trademarks.models import Membership, MembershipEvent, MembershipStatus, ProductRight, RightStatus
from tests.factories import (
    AssociationFactory,
    ListingFactory,
    MembershipFactory,
    ProducerFactory,
    TrademarkFactory,
    UserFactory,
    VillageFactory,
)
from tests.mail_helpers import read_as


@pytest.fixture
def bat_trang(db):
    """The Bát Tràng mark, its association admin, and one producer of the village with two listings."""
    admin = UserFactory(role=Role.ASSOCIATION_ADMIN, name="Chủ tịch hội")
    village = VillageFactory(name="Bát Tràng", slug="bat-trang")
    mark = TrademarkFactory(name_vi="Gốm sứ Bát Tràng", slug="gom-su-bat-trang", association=AssociationFactory(admin=admin))
    mark.villages.append(village)
    owner = UserFactory(role=Role.PRODUCER)
    producer = ProducerFactory(village=village, owner=owner, name="Gốm Hoa Lam")
    vase = ListingFactory(producer=producer, title_vi="Bình hoa lam")
    bowl = ListingFactory(producer=producer, title_vi="Bát men rạn")
    db.session.commit()
    return {"admin": admin, "mark": mark, "owner": owner, "producer": producer, "vase": vase, "bowl": bowl}


def _history(membership):
    return [(e.action, e.from_status, e.to_status, e.actor_id) for e in membership.events]


def test_application_approval_and_grant_are_recorded_with_who_did_what(bat_trang):
    """Does an application, its approval and a product grant each leave a history row with the actor?"""
    t = bat_trang
    membership = services.apply_for_membership(t["owner"], t["producer"].id, t["mark"].id, note="Xin gia nhập")
    services.decide(t["admin"], membership.id, "approve", note="Đủ điều kiện")
    right = services.grant_right(t["admin"], membership.id, t["vase"].id)

    assert membership.status == MembershipStatus.ACTIVE
    assert _history(membership) == [
        ("apply", "", "pending", t["owner"].id),
        ("approve", "pending", "active", t["admin"].id),
        ("grant", "", "active", t["admin"].id),
    ]
    assert membership.events[1].note == "Đủ điều kiện"
    assert membership.events[2].listing_id == t["vase"].id
    assert len(right.code) == 10 and services.verify(right.code).valid is True


def test_applying_from_another_village_is_refused(bat_trang, db):
    """Can a producer outside the mark's villages apply? (No, and nothing is stored.)"""
    t = bat_trang
    outsider = ProducerFactory(owner=t["owner"], village=VillageFactory(name="Vạn Phúc"))
    with pytest.raises(services.TrademarkError):
        services.apply_for_membership(t["owner"], outsider.id, t["mark"].id)
    db.session.rollback()
    assert db.session.query(Membership).count() == 0


def test_suspending_a_member_removes_the_mark_from_all_its_products_at_once(bat_trang, db):
    """After suspension, does every product of the member stop carrying the mark, and come back on reinstatement?"""
    t = bat_trang
    membership = MembershipFactory(trademark=t["mark"], producer=t["producer"])
    vase_code = services.grant_right(t["admin"], membership.id, t["vase"].id).code
    bowl_code = services.grant_right(t["admin"], membership.id, t["bowl"].id).code
    assert search_listings(SearchParams(trademark="gom-su-bat-trang")).total == 2

    services.decide(t["admin"], membership.id, "suspend", note="Kiểm tra chất lượng")

    assert [services.verify(c).status for c in (vase_code, bowl_code)] == ["suspended", "suspended"]
    assert search_listings(SearchParams(trademark="gom-su-bat-trang")).total == 0
    assert t["vase"].valid_rights == [] and t["bowl"].valid_rights == []

    services.decide(t["admin"], membership.id, "reinstate")
    assert [services.verify(c).status for c in (vase_code, bowl_code)] == ["active", "active"]


def test_revoking_a_member_revokes_every_right_for_good(bat_trang, db):
    """Does revocation end all the member's rights, so that reinstating is impossible?"""
    t = bat_trang
    membership = MembershipFactory(trademark=t["mark"], producer=t["producer"])
    code = services.grant_right(t["admin"], membership.id, t["vase"].id).code
    services.decide(t["admin"], membership.id, "revoke", note="Vi phạm quy chế")

    assert services.verify(code).status == "revoked"
    assert db.session.query(ProductRight).filter_by(status=RightStatus.REVOKED).count() == 1
    with pytest.raises(services.TrademarkError):
        services.decide(t["admin"], membership.id, "reinstate")


def test_withdrawing_one_products_right_leaves_the_others(bat_trang):
    """Can the association withdraw one product's right while the rest keep the mark?"""
    t = bat_trang
    membership = MembershipFactory(trademark=t["mark"], producer=t["producer"])
    vase = services.grant_right(t["admin"], membership.id, t["vase"].id)
    bowl = services.grant_right(t["admin"], membership.id, t["bowl"].id)
    services.withdraw_right(t["admin"], vase.id, note="Mẫu mã không đạt")
    assert (services.verify(vase.code).status, services.verify(bowl.code).status) == ("withdrawn", "active")


def test_only_active_members_products_can_be_granted(bat_trang):
    """Is a grant refused while the membership is still pending?"""
    t = bat_trang
    membership = MembershipFactory(trademark=t["mark"], producer=t["producer"], status=MembershipStatus.PENDING)
    with pytest.raises(services.TrademarkError):
        services.grant_right(t["admin"], membership.id, t["vase"].id)


def test_unknown_codes_are_reported_as_unknown(db):
    """Does an unknown or empty code verify as not found?"""
    assert (services.verify("NOPE123456").found, services.verify("NOPE123456").status) == (False, "unknown")
    assert services.verify("").found is False


def test_another_associations_admin_cannot_touch_our_members(bat_trang, db):
    """Can the admin of another association suspend our member? (404, and nothing changes.)"""
    t = bat_trang
    membership = MembershipFactory(trademark=t["mark"], producer=t["producer"])
    stranger = UserFactory(role=Role.ASSOCIATION_ADMIN)
    TrademarkFactory(association=AssociationFactory(admin=stranger))
    with pytest.raises(NotFound):
        services.decide(stranger, membership.id, "suspend")
    db.session.rollback()
    assert db.session.get(Membership, membership.id).status == MembershipStatus.ACTIVE
    assert db.session.query(MembershipEvent).count() == 0


def test_another_associations_admin_gets_404_over_http(bat_trang, db, login):
    """Over HTTP, does a foreign admin's suspend request answer 404 and change nothing?"""
    t = bat_trang
    membership = MembershipFactory(trademark=t["mark"], producer=t["producer"])
    stranger = UserFactory(role=Role.ASSOCIATION_ADMIN)
    TrademarkFactory(association=AssociationFactory(admin=stranger))
    client = login(stranger)
    response = client.post(f"/dashboard/association/members/{membership.id}/decide", data={"action": "suspend"})
    assert response.status_code == 404
    db.session.expire_all()
    assert db.session.get(Membership, membership.id).status == MembershipStatus.ACTIVE
    assert db.session.query(MembershipEvent).count() == 0


def test_a_producer_cannot_use_the_association_dashboard(bat_trang, login):
    """Does a producer account get 403 on the association's decisions?"""
    t = bat_trang
    membership = MembershipFactory(trademark=t["mark"], producer=t["producer"], status=MembershipStatus.PENDING)
    response = login(t["owner"]).post(f"/dashboard/association/members/{membership.id}/decide", data={"action": "approve"})
    assert response.status_code == 403
    assert membership.status == MembershipStatus.PENDING


def test_membership_decisions_notify_the_producer_in_their_language(bat_trang, db):
    """Does the producer get an in-app notification and an outbox e-mail, in English if that is their language?"""
    from marketplace.notifications.models import Notification, OutboxMessage

    t = bat_trang
    t["owner"].locale = "en"
    db.session.commit()
    membership = MembershipFactory(trademark=t["mark"], producer=t["producer"], status=MembershipStatus.PENDING)
    services.decide(t["admin"], membership.id, "approve")
    note = db.session.query(Notification).filter_by(user_id=t["owner"].id).one()
    assert read_as(note, "en") == ("Membership approved", f"{t['mark'].name_en}: -") and note.link == "/dashboard/producer"
    assert db.session.query(OutboxMessage).filter_by(to_email=t["owner"].email).one().subject == "Membership approved"


def test_refusing_an_application_tells_the_producer_it_was_refused(bat_trang, db, english):
    """Is a refused application recorded as "refuse" and announced as a refusal, not a revocation?"""
    from marketplace.notifications.models import Notification

    t = bat_trang
    t["owner"].locale = "en"
    membership = MembershipFactory(trademark=t["mark"], producer=t["producer"], status=MembershipStatus.PENDING)
    services.decide(t["admin"], membership.id, "refuse", note="Chưa đủ hồ sơ")
    assert membership.status == MembershipStatus.REVOKED
    assert _history(membership) == [("refuse", "pending", "revoked", t["admin"].id)]
    note = db.session.query(Notification).filter_by(user_id=t["owner"].id).one()
    assert read_as(note, "en")[0] == "Membership application refused"
    with pytest.raises(services.TrademarkError, match="Only a pending application can be approved or refused."):
        services.decide(t["admin"], membership.id, "refuse")


def test_a_vietnamese_producer_is_told_in_vietnamese(bat_trang, db):
    """Does a producer whose language is Vietnamese get the decision in Vietnamese (the e-mail, and the
    notification while they read the site in Vietnamese)?"""
    from marketplace.notifications.models import Notification, OutboxMessage

    t = bat_trang
    membership = MembershipFactory(trademark=t["mark"], producer=t["producer"], status=MembershipStatus.PENDING)
    services.decide(t["admin"], membership.id, "approve")
    note = db.session.query(Notification).filter_by(user_id=t["owner"].id).one()
    assert read_as(note, "vi")[0] == "Tư cách hội viên đã được duyệt"
    assert db.session.query(OutboxMessage).filter_by(to_email=t["owner"].email).one().subject == "Tư cách hội viên đã được duyệt"
