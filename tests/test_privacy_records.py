"""What a person wrote into others' records (reports, village requests, admin invitations) goes with
the account and comes with the export; OCOP certificate scans are shown to staff and the producer only."""
import io
import json
from datetime import date
from pathlib import Path

import pytest
from flask import g
from flask_migrate import downgrade, upgrade
from PIL import Image
from sqlalchemy import select

from marketplace.accounts.models import Role
from marketplace.core.audit import Change
from marketplace.extensions import db as sqla
from marketplace.moderation import services as moderation
from marketplace.moderation.models import OcopSubmission, Report
from marketplace.trademarks import invitations
from marketplace.trademarks.models import AdminInvitation
from marketplace.villages import requests as village_requests
from marketplace.villages.models import RequestStatus, VillageRequest
from tests.factories import PASSWORD, AssociationFactory, ProducerFactory, UserFactory
from tests.order_helpers import client_for
from tests.test_account_deletion import _everything_stored
from tests.test_email_verification import empty_database  # noqa: F401 (a fixture)

REPORT_TEXT = "Người bán gửi hàng nhái, tôi có ảnh chụp hoá đơn ở chợ Đồng Xuân."
DECLINED = "Làng đã có trong danh sách với tên khác."


@pytest.fixture
def writer(db):
    """Hoa (hoa.nguyen@example.vn) has reported a shop, asked for two villages (one declined) and been
    invited to administer an association she has not joined yet."""
    hoa = UserFactory(email="hoa.nguyen@example.vn", name="Nguyễn Thị Hoa", locale="en")
    staff = UserFactory(role=Role.STAFF, email="staff@example.vn", locale="en")
    shop = ProducerFactory(name="Gốm Hoàng Long")
    association = AssociationFactory(name="Hiệp hội Mây tre Phú Vinh")
    report = moderation.submit_report(hoa, {"subject": "producer", "producer_id": str(shop.id),
                                            "category": "counterfeit", "text": REPORT_TEXT})
    waiting = village_requests.request_village(hoa, {"name": "Xóm Sen Hồng", "commune": "xã Đông Dư",
                                                     "district": "Gia Lâm", "craft": "làm hương"})
    declined = village_requests.request_village(hoa, {"name": "Thôn Trúc Đào", "commune": "xã Thuỵ Ứng",
                                                      "district": "Thường Tín", "craft": "sừng mỹ nghệ"})
    village_requests.decline_request(staff, declined.id, {"reason": DECLINED})
    invitation = invitations.invite_admin(staff, association.id, {"email": "hoa.nguyen@example.vn"})
    return {"hoa": hoa, "staff": staff, "shop": shop, "association": association, "report_id": report.id,
            "waiting_id": waiting.id, "declined_id": declined.id, "invitation_id": invitation.id}


def test_deleting_the_account_empties_what_the_person_wrote_into_others_records(app, writer):
    """After Hoa deletes her account, are her report's text, her village requests and her invited address
    gone from every table, while staff keep the report, the decided request and the history's entries?"""
    response = client_for(app, writer["hoa"]).post("/account/delete", data={"password": PASSWORD})

    assert response.status_code == 303
    report = sqla.session.get(Report, writer["report_id"])
    assert (report.subject, report.producer_id, report.category, report.text, report.status) == (
        "producer", writer["shop"].id, "counterfeit", "", "open")
    assert sqla.session.get(VillageRequest, writer["waiting_id"]) is None
    declined = sqla.session.get(VillageRequest, writer["declined_id"])
    assert (declined.name, declined.district, declined.commune, declined.craft, declined.status, declined.reason) == (
        "—", "", "", "", RequestStatus.DECLINED, DECLINED)
    history = sqla.session.scalars(select(Change).where(Change.entity == "village_request").order_by(Change.id)).all()
    assert [(c.entity_id, c.label, c.action, c.fields) for c in history] == [
        (writer["waiting_id"], "—", "request", {"status": [None, "pending"]}),
        (writer["declined_id"], "—", "request", {"status": [None, "pending"]}),
        (writer["declined_id"], "—", "declined", {"status": ["pending", "declined"], "reason": ["", DECLINED]}),
    ]
    assert sqla.session.scalars(select(AdminInvitation)).all() == []
    invited = sqla.session.scalars(select(Change).where(Change.entity == "association")).all()
    assert [(c.action, c.fields) for c in invited] == [("invite", {"invited": [None, "—"]})]
    stored = _everything_stored()
    for trace in ("hoa.nguyen@example.vn", "Nguyễn Thị Hoa", REPORT_TEXT, "Xóm Sen Hồng", "xã Đông Dư", "Thôn Trúc Đào",
                  "xã Thuỵ Ứng", "sừng mỹ nghệ", "làm hương"):
        assert trace not in stored


def test_another_persons_invitation_and_history_stay(app, writer):
    """Does deleting Hoa's account leave someone else's invitation to the same association untouched?"""
    invitations.invite_admin(writer["staff"], writer["association"].id, {"email": "tuan.le@example.vn"})

    client_for(app, writer["hoa"]).post("/account/delete", data={"password": PASSWORD})

    assert [row.email for row in sqla.session.scalars(select(AdminInvitation))] == ["tuan.le@example.vn"]
    assert [c.fields for c in sqla.session.scalars(select(Change).where(Change.entity == "association")
                                                   .order_by(Change.id))] == [
        {"invited": [None, "—"]}, {"invited": [None, "tuan.le@example.vn"]}]


def test_the_export_includes_reports_village_requests_and_invitations(app, writer):
    """Does Hoa's download hold her report, both village requests (with staff's answer) and her invitation?"""
    data = json.loads(client_for(app, writer["hoa"]).get("/account/export.json").get_data(as_text=True))

    assert [{k: v for k, v in row.items() if k != "created_at"} for row in data["reports"]] == [
        {"subject": "producer", "listing": None, "producer": writer["shop"].id, "code": "", "category": "counterfeit",
         "text": REPORT_TEXT, "status": "open"}]
    assert [(r["name"], r["commune"], r["district"], r["craft"], r["status"], r["reason"], r["decided_at"] is None)
            for r in data["village_requests"]] == [
        ("Xóm Sen Hồng", "xã Đông Dư", "Gia Lâm", "làm hương", "pending", "", True),
        ("Thôn Trúc Đào", "xã Thuỵ Ứng", "Thường Tín", "sừng mỹ nghệ", "declined", DECLINED, False)]
    assert [(i["association"], i["email"], i["status"], i["answered_at"]) for i in data["admin_invitations"]] == [
        ("Hiệp hội Mây tre Phú Vinh", "hoa.nguyen@example.vn", "pending", None)]


def test_the_export_holds_nobody_elses_records(app, writer):
    """Does the staff member who declined and invited see Hoa's requests or invitation in their own export?"""
    data = json.loads(client_for(app, writer["staff"]).get("/account/export.json").get_data(as_text=True))

    assert (data["reports"], data["village_requests"], data["admin_invitations"]) == ([], [], [])


def _scan():
    buffer = io.BytesIO()
    Image.new("RGB", (640, 480), (230, 220, 200)).save(buffer, "JPEG")
    return buffer.getvalue()


def test_an_ocop_scan_is_shown_to_staff_and_the_producers_people_only(app, db):
    """Is a certificate scan out of /media, served to the owner and staff (never cached), a 404 to anyone else?"""
    owner = UserFactory(role=Role.PRODUCER, locale="en")
    producer = ProducerFactory(owner=owner, name="Lụa Vạn Phúc")
    stranger = UserFactory(role=Role.PRODUCER, locale="en")
    ProducerFactory(owner=stranger)
    staff = UserFactory(role=Role.STAFF, locale="en")
    client_for(app, owner).post(f"/dashboard/producer/{producer.id}/ocop", data={
        "stars": "4", "certificate_number": "HN-2026-031", "issuer": "UBND Thành phố Hà Nội",
        "expires_on": "2029-06-30", "scan": (io.BytesIO(_scan()), "chung-nhan.jpg")}, content_type="multipart/form-data")
    sent = db.session.scalars(select(OcopSubmission)).one()
    stored = Path(app.config["UPLOAD_FOLDER"], sent.scan_path)
    url = f"/ocop/{sent.id}/scan"

    answers = {}
    for name, user in (("owner", owner), ("staff", staff), ("stranger", stranger)):
        g.pop("_login_user", None)
        answers[name] = client_for(app, user).get(url)
    g.pop("_login_user", None)
    anonymous = app.test_client()

    assert sent.scan_path.startswith("ocop/") and stored.is_file()
    assert anonymous.get(f"/media/{sent.scan_path}").status_code == 404
    for name in ("owner", "staff"):
        response = answers[name]
        assert (response.status_code, response.mimetype) == (200, "image/jpeg")
        assert response.get_data() == stored.read_bytes()
        assert (response.cache_control.private, response.cache_control.no_store) == (True, True)
    assert answers["stranger"].status_code == 404
    assert anonymous.get(url).status_code == 404
    assert anonymous.get(f"/ocop/{sent.id + 1}/scan").status_code == 404
    g.pop("_login_user", None)
    queue = client_for(app, staff).get("/staff/ocop").get_data(as_text=True)
    assert f'href="{url}"' in queue and sent.scan_path not in queue
    g.pop("_login_user", None)
    form = client_for(app, owner).get(f"/dashboard/producer/{producer.id}/ocop").get_data(as_text=True)
    assert f'href="{url}"' in form


def test_the_migration_moves_scans_stored_with_listing_images_out_of_media(make_app, empty_database):  # noqa: F811
    """Does migration 0016 move a scan stored under listings/ to ocop/ (and back on downgrade), file and path?

    The rows are made at the head revision (the factories write today's columns), taken back to
    before 0016, where the scan lies under listings/ as it did then, and upgraded again."""
    app = make_app(SQLALCHEMY_DATABASE_URI=empty_database)
    root = Path(app.config["UPLOAD_FOLDER"])
    with app.app_context():
        upgrade()
        producer = ProducerFactory()
        sqla.session.add(OcopSubmission(producer_id=producer.id, stars=4, certificate_number="HN-2025-009",
                                        issuer="UBND Thành phố Hà Nội", expires_on=date(2028, 1, 31),
                                        scan_path="ocop/ab/abcdef.jpg"))
        sqla.session.commit()
        (root / "ocop/ab").mkdir(parents=True)
        (root / "ocop/ab/abcdef.jpg").write_bytes(b"scan")
        sqla.session.remove()

        downgrade(revision="0015_catalogue_counts")
        before = sqla.session.scalars(select(OcopSubmission.scan_path)).all()
        stored_before = (root / "listings/ab/abcdef.jpg").read_bytes(), (root / "ocop/ab/abcdef.jpg").exists()
        sqla.session.remove()
        upgrade()
        after = sqla.session.scalars(select(OcopSubmission.scan_path)).all()
        served = app.test_client().get("/media/ocop/ab/abcdef.jpg").status_code
        sqla.session.remove()
        sqla.engine.dispose()

    assert (before, stored_before) == (["listings/ab/abcdef.jpg"], (b"scan", False))
    assert (after, served) == (["ocop/ab/abcdef.jpg"], 404)
    assert (root / "ocop/ab/abcdef.jpg").read_bytes() == b"scan" and not (root / "listings/ab/abcdef.jpg").exists()
