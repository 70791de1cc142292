"""Trade offices: staff invite them by signed link; they share the export directory by signed, expiring
links and refer importers, whose leads then say who referred them. Producers state certifications and
languages, which the directory filters by and lists in its CSV and PDF, in English or Vietnamese."""
import io
import re
from html import unescape

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from marketplace.accounts import services as accounts
from marketplace.accounts.models import ImporterProfile, Role, User
from marketplace.leads.models import Match
from marketplace.producers.models import Producer
from marketplace.tradeoffices.models import DirectoryShare, Referral, TradeOffice, TradeOfficeStatus
from tests.factories import UserFactory
from tests.leads_data import ceramics_world, make_inquiry
from tests.mail_helpers import link_in, mails_to, notes_of, read_as

NEW_PASSWORD = "gốm men lam sông Hồng"


@pytest.fixture
def world(db):
    """The ceramics world, with An (ISO 9001, Fair Trade; writes Vietnamese and English) and Cúc (SA8000
    typed as other; writes Vietnamese and French) in the directory."""
    world = ceramics_world()
    world.vase.hs_code, world.plain.hs_code = "691390", "691200"
    world.an.certifications, world.an.languages = "iso-9001,fair-trade", "vi,en"
    world.cuc.certification_other, world.cuc.languages = "SA8000", "vi,fr"
    db.session.commit()
    return world


def _office(db, name="Thương vụ Việt Nam tại Đức", city="Berlin", email="tv@thuongvu.de"):
    user = UserFactory(role=Role.TRADE_OFFICE, email=email, locale="en")
    office = TradeOffice(name=name, country="DE", city=city, email=email, status=TradeOfficeStatus.ACTIVE,
                         user_id=user.id)
    db.session.add(office)
    db.session.commit()
    return office, user


def _pdf_text(body):
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(body)).pages)


def _errors(response):
    return [unescape(m) for m in re.findall(r'<p class="error">([^<]+)</p>', response.get_data(as_text=True))]


def test_a_producer_states_certifications_and_languages_on_its_profile(db, login, world):
    """Does the profile form refuse unknown certifications and languages together, changing nothing, then keep
    the ticked ones in the list's order and show them, named, on the public page?"""
    client = login(world.owners["cuc"])
    form = {"name": "Gốm Cúc", "kind": "household", "village_id": str(world.bat_trang.id), "monthly_capacity": "500",
            "export_ready": "y", "certification_other": "SA8000"}

    bad = client.post(f"/dashboard/producer/{world.cuc.id}/edit",
                      data={**form, "certifications": ["iso-9001", "iso-9999"], "languages": ["fr", "xx"]})
    db.session.expire_all()
    unchanged = (world.cuc.certifications, world.cuc.languages)
    good = client.post(f"/dashboard/producer/{world.cuc.id}/edit",
                       data={**form, "certifications": ["gots", "iso-9001"], "languages": ["fr", "vi"]})

    assert bad.status_code == 400 and unchanged == ("", "vi,fr")
    assert _errors(bad) == ["Choose certifications from the list; name any other below.",
                            "Choose the languages from the list."]
    assert good.status_code == 302
    db.session.expire_all()
    cuc = db.session.get(Producer, world.cuc.id)
    assert (cuc.certifications, cuc.certification_other, cuc.languages) == ("iso-9001,gots", "SA8000", "vi,fr")
    page = client.get(f"/producers/{cuc.slug}").get_data(as_text=True)
    assert "<dd>ISO 9001, GOTS (organic textiles), SA8000</dd>" in page
    assert "<dd>Vietnamese, French</dd>" in page


def test_the_directory_filters_by_certification_and_language_and_its_csv_is_exact(db, client, world):
    """Do the certification and language filters keep only the producers that hold them, and is a craft's CSV,
    named after the craft and language, exactly the list in English and in Vietnamese?"""
    fair_trade = client.get("/export/directory?certification=fair-trade&lang=en").get_data(as_text=True)
    french = client.get("/export/directory?language=fr&lang=en").get_data(as_text=True)
    english = client.get("/export/directory.csv?craft=gom-su&lang=en")
    vietnamese = client.get("/export/directory.csv?craft=gom-su&lang=vi")
    none = client.get("/export/directory.csv?craft=lua&lang=en")

    assert "Gốm An" in fair_trade and "Gốm Cúc" not in fair_trade
    assert "Gốm Cúc" in french and "Gốm An" not in french
    assert english.headers["Content-Disposition"] == 'attachment; filename="export-directory-gom-su-en.csv"'
    assert english.get_data(as_text=True) == (
        "\ufeffProducer,Village,Crafts,Collective marks,OCOP,Monthly capacity,HS codes,Certifications,Languages\r\n"
        'Gốm An,Bát Tràng,Ceramic ware,Bát Tràng Ceramics,,1000,691390,"ISO 9001, Fair Trade","Vietnamese, English"\r\n'
        'Gốm Cúc,Bát Tràng,Ceramic ware,,4,500,691200,SA8000,"Vietnamese, French"\r\n')
    assert vietnamese.headers["Content-Disposition"] == 'attachment; filename="export-directory-gom-su-vi.csv"'
    assert vietnamese.get_data(as_text=True) == (
        "\ufeffCơ sở sản xuất,Làng nghề,Ngành nghề,Nhãn hiệu tập thể,OCOP,Năng lực sản xuất mỗi tháng,Mã HS,Chứng nhận,"
        "Ngôn ngữ\r\n"
        'Gốm An,Bát Tràng,Gốm sứ,Gốm sứ Bát Tràng,,1000,691390,'
        '"ISO 9001, Thương mại công bằng (Fair Trade)","Tiếng Việt, Tiếng Anh"\r\n'
        'Gốm Cúc,Bát Tràng,Gốm sứ,,4,500,691200,SA8000,"Tiếng Việt, Tiếng Pháp"\r\n')
    assert none.get_data(as_text=True).count("\r\n") == 1  # the header only: the silk shop is not export-ready


def test_the_directory_pdf_reads_back_in_either_language(db, client, world):
    """Does the PDF of a craft carry its title, the craft, the count and the certifications and languages,
    in the language asked for?"""
    english = client.get("/export/directory.pdf?craft=gom-su&lang=en")
    vietnamese = _pdf_text(client.get("/export/directory.pdf?craft=gom-su&lang=vi").data)

    text = _pdf_text(english.data)
    assert english.headers["Content-Disposition"] == 'attachment; filename="export-directory-gom-su-en.pdf"'
    assert "Export-ready producers of Hanoi's craft villages" in text
    assert "Ceramic ware · 2 producers · Làng Nghề Market" in text
    assert "Certifications" in text and "Fair Trade" in text and "French" in text
    assert "Gốm sứ · 2 nhà sản xuất · Làng Nghề Market" in vietnamese
    assert "Chứng nhận" in vietnamese and "Tiếng Pháp" in vietnamese


def test_staff_invite_a_trade_office_whose_person_signs_up_and_reaches_the_dashboard(db, login, client, make_app):
    """Does staff's form name every missing field at once, then e-mail a signed link that makes a confirmed
    trade-office account, once, telling staff; and is an expired link refused?"""
    staff = UserFactory(role=Role.STAFF, name="Nhân viên Hà", locale="en")
    staff_client = login(staff)
    blank = staff_client.post("/staff/trade-offices", data={"name": "", "country": "ZZ", "city": "", "email": "x"})
    offices_after_blank = db.session.query(TradeOffice).count()
    staff_client.post("/staff/trade-offices", data={"name": "Thương vụ Việt Nam tại Đức", "country": "de",
                                                    "city": "Berlin", "email": "TV@ThuongVu.de"})
    [mail] = mails_to("tv@thuongvu.de")
    link = link_in(mail, "/trade-office-invitations/")
    expired = make_app(TRADE_OFFICE_INVITATION_MAX_AGE=-1).test_client().get(link + "?lang=en")
    client.post("/logout")
    with client.session_transaction() as session:
        session["lang"] = "en"

    form = client.get(link)
    answer = client.post(link, data={"name": "Lê Minh", "password": NEW_PASSWORD, "confirm": NEW_PASSWORD})

    assert blank.status_code == 400 and offices_after_blank == 0
    assert _errors(blank) == ["Give the office's name.", "Invalid email address.", "Choose the country.",
                              "Give the office's city."]
    assert mail.subject == "Invitation to Làng Nghề Market for Thương vụ Việt Nam tại Đức"
    assert "valid for 14 days" in mail.body
    assert expired.status_code == 400 and "This invitation has expired." in expired.get_data(as_text=True)
    assert form.status_code == 200 and "Create my account and accept" in form.get_data(as_text=True)
    assert (answer.status_code, answer.headers["Location"]) == (303, "/dashboard/trade-office")
    minh = db.session.scalar(select(User).where(User.email == "tv@thuongvu.de"))
    office = db.session.scalar(select(TradeOffice))
    assert (minh.role, minh.email_verified, office.status, office.user_id, office.country) == (
        Role.TRADE_OFFICE, True, TradeOfficeStatus.ACTIVE, minh.id, "DE")
    assert client.get("/dashboard/trade-office").status_code == 200
    assert [read_as(n) for n in notes_of(staff, "tradeoffices.office_joined")] == [
        ("Trade office joined", "Lê Minh accepted the invitation and now acts for Thương vụ Việt Nam tại Đức.")]
    used = client.get(link)
    assert used.status_code == 400 and "already been used" in used.get_data(as_text=True)


def test_only_a_trade_office_reaches_its_dashboard_and_makes_links(db, login, world):
    """Are an importer, a producer and staff answered 404 on the dashboard and when making a link, with no share made?"""
    _office(db)
    for user in (world.importer, world.owners["an"], UserFactory(role=Role.STAFF)):
        client = login(user)
        assert client.get("/dashboard/trade-office").status_code == 404
        assert client.post("/dashboard/trade-office/shares", data={"craft": "gom-su"}).status_code == 404
        assert client.post("/dashboard/trade-office/referrals", data={"email": "a@b.de"}).status_code == 404
    assert db.session.query(DirectoryShare).count() == 0 and db.session.query(Referral).count() == 0


def test_a_shared_link_opens_the_filtered_directory_without_login_and_counts_its_openings(
        db, login, client, make_app, world):
    """Does the office's link open its filtered page, CSV and PDF for anyone, saying who shared it, counting each
    opening; and are a tampered link (400) and an expired one (410) refused, showing no producer?"""
    office, user = _office(db)
    office_client = login(user)
    office_client.post("/dashboard/trade-office/shares", data={"craft": "gom-su", "language": "fr", "ocop": ""})
    dashboard = office_client.get("/dashboard/trade-office").get_data(as_text=True)
    path = re.search(r'href="https?://[^/"]+(/export/shared/[^"]+)"', dashboard).group(1)
    office_client.post("/logout")

    page = client.get(path + "?lang=en").get_data(as_text=True)
    csv = client.get(path + ".csv?lang=en")
    pdf = _pdf_text(client.get(path + ".pdf?lang=en").data)
    tampered = client.get(path[:-3] + "abc?lang=en")
    expired = make_app(DIRECTORY_SHARE_MAX_AGE=-1).test_client().get(path + "?lang=en")

    share = db.session.scalar(select(DirectoryShare))
    db.session.refresh(share)
    assert (share.office_id, share.filters, share.opened) == (office.id, {"craft": "gom-su", "language": "fr"}, 3)
    assert "Shared by Thương vụ Việt Nam tại Đức (Berlin)." in page and "Gốm Cúc" in page and "Gốm An" not in page
    assert csv.headers["Content-Disposition"] == 'attachment; filename="export-directory-gom-su-en.csv"'
    assert csv.get_data(as_text=True).splitlines()[1:] == [
        'Gốm Cúc,Bát Tràng,Ceramic ware,,4,500,691200,SA8000,"Vietnamese, French"']
    assert "Ceramic ware · 1 producers · Làng Nghề Market" in pdf
    assert tampered.status_code == 400 and "This link is not valid." in tampered.get_data(as_text=True)
    assert "Gốm Cúc" not in tampered.get_data(as_text=True)
    assert expired.status_code == 410 and "This shared list has expired." in expired.get_data(as_text=True)
    assert "Gốm Cúc" not in expired.get_data(as_text=True)


def test_a_referred_importer_signs_up_and_their_leads_show_the_referral(db, login, client, world):
    """Does a referral name every missing field at once, then e-mail (in English) a link that makes an importer
    with the company's profile, linked to the office, which is told; and do the producer's lead page, the
    staff's inquiry page, the API and the office's list show it?"""
    _office_row, user = _office(db)
    office_client = login(user)
    blank = office_client.post("/dashboard/trade-office/referrals", data={"email": "", "company": "", "country": ""})
    office_client.post("/dashboard/trade-office/referrals", data={
        "email": "Anna@Keramik.de", "company": "Keramik Haus GmbH", "country": "DE", "note": "Looking for vases."})
    [mail] = mails_to("anna@keramik.de")
    link = link_in(mail, "/referrals/")
    office_client.post("/logout")

    answer = client.post(link, data={"name": "Anna Weber", "password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    anna = db.session.scalar(select(User).where(User.email == "anna@keramik.de"))
    inquiry = make_inquiry(anna, "blue glaze vases")
    db.session.add(Match(inquiry_id=inquiry.id, producer_id=world.an.id, rank=1, score=90))
    db.session.commit()
    lead = db.session.scalar(select(Match))

    assert blank.status_code == 400
    assert _errors(blank) == ["Give the importer's e-mail address.", "Give the importer's company.",
                              "Choose the country."]
    assert mail.subject == "Thương vụ Việt Nam tại Đức invites Keramik Haus GmbH to source from Hanoi's craft villages"
    assert "“Looking for vases.”" in mail.body
    assert (answer.status_code, answer.headers["Location"]) == (303, "/dashboard/importer")
    profile = db.session.scalar(select(ImporterProfile).where(ImporterProfile.user_id == anna.id))
    assert (anna.role, anna.email_verified, profile.company, profile.country) == (
        Role.IMPORTER, True, "Keramik Haus GmbH", "DE")
    assert [read_as(n) for n in notes_of(user, "tradeoffices.importer_joined")] == [(
        "A referred importer joined",
        "Anna Weber of Keramik Haus GmbH accepted your referral: their inquiries now show that you referred them.")]
    shown = "Referred by Thương vụ Việt Nam tại Đức (Berlin)"
    assert shown in login(world.owners["an"]).get(f"/dashboard/producer/leads/{lead.id}").get_data(as_text=True)
    assert shown in login(UserFactory(role=Role.STAFF)).get(
        f"/dashboard/importer/inquiries/{inquiry.id}").get_data(as_text=True)
    anna.email_verified = True
    _row, token = accounts.create_api_token(anna, "ERP")
    api = client.get(f"/api/v1/inquiries/{inquiry.id}", headers={"Authorization": f"Bearer {token}"}).get_json()
    assert api["referred_by"] == {"office": "Thương vụ Việt Nam tại Đức", "city": "Berlin", "country": "DE"}
    listing = login(user).get("/dashboard/trade-office").get_data(as_text=True)
    assert "Keramik Haus GmbH" in listing and "Joined" in listing and "1 (open: 1)" in listing


def test_an_existing_importer_accepts_in_their_language_and_only_the_first_office_is_kept(db, login, client, world):
    """Is an existing account written to in its own language, linked on accepting while signed in, and a second
    office's referral refused, keeping the first?"""
    world.importer.locale = "vi"
    db.session.commit()
    first, first_user = _office(db)
    _second, second_user = _office(db, name="Thương vụ Việt Nam tại Pháp", city="Paris", email="tv@thuongvu.fr")
    for office_user in (first_user, second_user):
        login(office_user).post("/dashboard/trade-office/referrals", data={
            "email": "buyer@import.de", "company": "Import GmbH", "country": "DE"})
    first_mail, second_mail = mails_to("buyer@import.de")

    accepted = login(world.importer).post(link_in(first_mail, "/referrals/"))
    refused = login(world.importer).post(link_in(second_mail, "/referrals/"))

    assert first_mail.subject == ("Thương vụ Việt Nam tại Đức mời Import GmbH tìm nguồn hàng từ các làng nghề "
                                  "Hà Nội")
    assert accepted.status_code == 303
    assert refused.status_code == 400
    assert "Your account was already referred by Thương vụ Việt Nam tại Đức." in refused.get_data(as_text=True)
    referrals = db.session.scalars(select(Referral).order_by(Referral.id)).all()
    assert [(r.office_id, r.status, r.importer_id) for r in referrals] == [
        (first.id, "joined", world.importer.id), (_second.id, "sent", None)]
