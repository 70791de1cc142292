"""Issue 10's "done when", all in the browser: from an empty database with only `flask create-staff`,
staff onboard a village, its association and mark and invite the admin; the admin accepts; a producer
of the village registers, confirms the address, is approved, lists a product and is granted the mark."""
import pytest
from PIL import Image, ImageDraw
from playwright.sync_api import expect

from tests.browser.conftest import switch_to_english
from tests.mail_helpers import link_in, mails_to, verification_link

pytestmark = pytest.mark.browser

STAFF_PASSWORD = "văn phòng làng nghề 2026"
ADMIN_PASSWORD = "hiệp hội gốm Kim Lan"
PRODUCER_PASSWORD = "lò gốm ven sông Hồng"
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


@pytest.fixture
def empty_site(live_server):
    """The live server on a database with nothing but the staff account `flask create-staff` made."""
    base, app = live_server
    result = app.test_cli_runner().invoke(args=["create-staff", "--email", "ha@langnghe.vn", "--password",
                                                STAFF_PASSWORD, "--name", "Nguyễn Thu Hà"])
    assert result.output == "staff account ready: ha@langnghe.vn\n"
    return base, app


def _files(tmp_path):
    photo, mark = tmp_path / "kim-lan.jpg", tmp_path / "nhan-kim-lan.png"
    picture = Image.new("RGB", (800, 500), (196, 160, 112))
    ImageDraw.Draw(picture).rectangle((80, 260, 720, 460), fill=(120, 72, 40))
    picture.save(photo, "JPEG", quality=90)
    seal = Image.new("RGB", (400, 400), (255, 255, 255))
    ImageDraw.Draw(seal).ellipse((40, 40, 360, 360), fill=(38, 54, 97))
    seal.save(mark, "PNG")
    rules = tmp_path / "quy-che-su-dung.pdf"
    rules.write_bytes(PDF)
    return photo, mark, rules


def _log_in(page, base, email, password):
    page.goto(base + "/login")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("status").filter(has_text="Welcome back")).to_be_visible()


def _log_out(page, base):
    page.locator("details.menu summary").click()
    page.get_by_role("button", name="Log out").click()
    switch_to_english(page, base + "/about")


def _staff_section(page, name):
    page.get_by_role("navigation", name="Staff sections").get_by_role("link", name=name, exact=True).click()


def _saved(page, message):
    expect(page.get_by_role("status")).to_contain_text(message)


def test_staff_onboard_a_village_and_its_mark_and_a_producer_of_it_gets_the_mark(page, empty_site, tmp_path, shot):
    base, app = empty_site
    photo, mark_image, rules = _files(tmp_path)
    switch_to_english(page, base + "/about")
    _log_in(page, base, "ha@langnghe.vn", STAFF_PASSWORD)

    # A craft, then the village that practises it.
    page.goto(base + "/staff/villages")
    expect(page.get_by_role("heading", name="No villages yet")).to_be_visible()
    shot("office-villages-empty")
    _staff_section(page, "Crafts")
    page.get_by_role("link", name="New craft").click()
    page.get_by_label("Address (slug)").fill("gom-su")
    page.get_by_label("Name in Vietnamese").fill("Gốm sứ")
    page.get_by_label("Name in English").fill("Ceramics")
    page.get_by_role("button", name="Save").click()
    _saved(page, "Craft “Gốm sứ” is saved.")

    _staff_section(page, "Villages")
    page.get_by_role("link", name="New village").click()
    page.get_by_role("button", name="Save").click()  # empty: every missing field at once
    expect(page.get_by_role("alert")).to_contain_text("3 fields need your attention:")
    shot("office-village-errors")
    page.get_by_label("Village name").fill("Kim Lan")
    page.get_by_label("Address (slug)").fill("kim-lan")
    page.get_by_label("Commune or ward (since 1 July 2025)").fill("xã Bát Tràng")
    page.get_by_label("Former district (before 2025)").fill("Gia Lâm")
    page.get_by_label("Gốm sứ").check()
    page.get_by_label("Story (Vietnamese)").fill("Làng gốm cổ bên bờ sông Hồng.")
    page.get_by_label("Story (English)").fill("An old pottery village on the Red River.")
    page.get_by_label("Recognised craft village").check()
    page.get_by_label("Year of recognition").fill("2008")
    page.get_by_label("Photo (JPEG, PNG or WebP)").set_input_files(photo)
    page.get_by_role("button", name="Save").click()
    _saved(page, "Village “Kim Lan” is saved.")
    expect(page.get_by_test_id("history")).to_contain_text("Nguyễn Thu Hà")
    expect(page.get_by_test_id("history")).to_contain_text("Commune or ward: xã Bát Tràng")
    shot("office-village-saved")

    # The association and its collective mark, registered with the IP office.
    _staff_section(page, "Associations")
    page.get_by_role("link", name="New association").click()
    page.get_by_label("Name in Vietnamese").fill("Hội Gốm Kim Lan")
    page.get_by_label("Name in English").fill("Kim Lan Pottery Association")
    page.get_by_label("Address (slug)").fill("hoi-gom-kim-lan")
    page.get_by_role("button", name="Save").click()
    _saved(page, "Association “Hội Gốm Kim Lan” is saved.")
    page.get_by_role("link", name="Add a collective trademark").click()
    page.get_by_label("Mark's name in Vietnamese").fill("Gốm Kim Lan")
    page.get_by_label("Mark's name in English").fill("Kim Lan Pottery")
    page.get_by_label("Address (slug)").fill("gom-kim-lan")
    page.get_by_label("Kim Lan").check()
    page.get_by_label("Registration number (IP office)").fill("4-0298765-000")
    page.get_by_label("Date of registration").fill("2019-06-20")
    page.get_by_label("The mark's image (JPEG, PNG or WebP)").set_input_files(mark_image)
    page.get_by_label("Rules of use (PDF)").set_input_files(rules)
    page.get_by_role("button", name="Save").click()
    _saved(page, "Collective trademark “Gốm Kim Lan” is saved.")
    shot("office-mark-saved")

    # Invite the association's officer; the link arrives by e-mail.
    page.get_by_role("link", name="Hội Gốm Kim Lan").first.click()
    page.get_by_label("Admin's e-mail").fill("lan@hoigomkimlan.vn")
    page.get_by_role("button", name="Invite admin").click()
    _saved(page, "We sent an invitation to lan@hoigomkimlan.vn. It is valid for 7 days.")
    expect(page.get_by_test_id("invitations")).to_contain_text("lan@hoigomkimlan.vn")
    shot("office-association")
    with app.app_context():
        invitation = link_in(mails_to("lan@hoigomkimlan.vn")[-1], "/association-invitations/")
    _log_out(page, base)

    page.goto(base + invitation)
    page.get_by_label("Your name").fill("Trần Thị Lan")
    page.get_by_label("Password", exact=True).fill(ADMIN_PASSWORD)
    page.get_by_label("Repeat password").fill(ADMIN_PASSWORD)
    shot("office-invitation")
    page.get_by_role("button", name="Create my account and accept").click()
    _saved(page, "You now administer Hội Gốm Kim Lan.")
    expect(page.get_by_role("heading", level=1)).to_have_text("Kim Lan Pottery")
    _log_out(page, base)

    # A producer of Kim Lan signs up, confirms the address, registers the shop and lists a product.
    page.goto(base + "/register")
    page.get_by_label("Your name").fill("Phạm Văn Hòa")
    page.get_by_label("E-mail").fill("hoa@gomkimlan.vn")
    page.locator("#password").fill(PRODUCER_PASSWORD)
    page.locator("#confirm").fill(PRODUCER_PASSWORD)
    page.get_by_label("I am").select_option(label="a village producer")
    page.get_by_role("button", name="Create my account").click()
    with app.app_context():
        link = verification_link("hoa@gomkimlan.vn")
    page.goto(base + link)
    expect(page.get_by_role("status")).to_contain_text("Your e-mail address is confirmed.")
    page.goto(base + "/dashboard/producer")
    page.get_by_label("Shop or workshop name").fill("Gốm Hòa Kim Lan")
    page.get_by_label("Village").select_option(label="Kim Lan (Gia Lâm)")
    page.get_by_role("button", name="Register my shop").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Gốm Hòa Kim Lan")
    page.get_by_role("link", name="New listing").first.click()
    page.get_by_role("textbox", name="Title (Vietnamese)", exact=True).fill("Bình gốm men rạn Kim Lan")
    page.get_by_role("textbox", name="Title (English)", exact=True).fill("Kim Lan crackle-glaze vase")
    page.get_by_role("combobox", name="Craft", exact=True).select_option(label="Ceramics / Gốm sứ")
    page.get_by_role("combobox", name="Status", exact=True).select_option(label="Active (on sale)")
    page.get_by_role("spinbutton", name="Price (₫)", exact=True).fill("450000")
    page.get_by_role("spinbutton", name="Stock", exact=True).fill("6")
    page.get_by_role("textbox", name="Weight, packed (grams)", exact=True).fill("1500")
    page.get_by_role("button", name="Save listing").click()
    _saved(page, "Listing saved.")
    page.goto(base + "/dashboard/producer")
    page.get_by_label("Collective trademark").select_option(label="Gốm Kim Lan")
    page.get_by_role("button", name="Apply to the association").click()
    _saved(page, "Application sent to the association.")
    _log_out(page, base)

    # Staff approve the shop; the association admits it and grants the mark to the vase.
    _log_in(page, base, "ha@langnghe.vn", STAFF_PASSWORD)
    page.goto(base + "/staff/")
    page.get_by_role("row", name="Gốm Hòa Kim Lan").get_by_role("button", name="Approve").click()
    _saved(page, "Gốm Hòa Kim Lan is approved.")
    _log_out(page, base)

    _log_in(page, base, "lan@hoigomkimlan.vn", ADMIN_PASSWORD)
    page.get_by_role("link", name="Decide").click()
    page.get_by_role("button", name="Approve").click()
    _saved(page, "Decision recorded.")
    page.get_by_role("button", name="Grant the mark").click()
    _saved(page, "The product may now carry the mark.")
    shot("office-mark-granted")
    _log_out(page, base)

    # Anyone sees the product with the mark, and the mark's page with its registration and rules.
    page.goto(base + "/trademarks/gom-kim-lan")
    expect(page.get_by_text("Reg. no. 4-0298765-000")).to_be_visible()
    expect(page.get_by_test_id("rules-link")).to_have_attribute("href", "/trademarks/gom-kim-lan/rules.pdf")
    expect(page.get_by_role("link", name="Gốm Hòa Kim Lan")).to_be_visible()
    shot("office-mark-public")
    page.goto(base + "/villages/kim-lan")
    expect(page.get_by_test_id("recognised")).to_have_text("Recognised craft village since 2008")
    expect(page.get_by_text("Kim Lan crackle-glaze vase")).to_be_visible()
    shot("office-village-public")


def test_the_back_office_and_the_village_request_speak_vietnamese_by_default(page, empty_site, shot):
    """Are the staff forms and a producer's village request in Vietnamese when nobody chose English?"""
    base, app = empty_site
    page.goto(base + "/login")
    page.get_by_label("Email").fill("ha@langnghe.vn")
    page.get_by_label("Mật khẩu", exact=True).fill(STAFF_PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()

    page.goto(base + "/staff/villages/new")
    page.get_by_role("button", name="Lưu").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Thêm làng")
    expect(page.locator(".field.has-error").first).to_contain_text("Hãy nhập tên làng.")
    expect(page.get_by_label("Xã hoặc phường (từ 1/7/2025)")).to_be_visible()
    shot("office-village-form-vi")
    page.goto(base + "/staff/changes")
    expect(page.get_by_role("heading", name="Chưa ghi nhận thay đổi nào")).to_be_visible()
    page.locator("details.menu summary").click()
    page.get_by_role("button", name="Đăng xuất").click()

    with app.app_context():
        from tests.factories import PASSWORD, UserFactory

        UserFactory(email="hoa@gomkimlan.vn", role="producer")
    page.goto(base + "/login")
    page.get_by_label("Email").fill("hoa@gomkimlan.vn")
    page.get_by_label("Mật khẩu", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.goto(base + "/villages/request")
    page.get_by_label("Tên làng").fill("Kim Lan")
    page.get_by_label("Xã hoặc phường (từ 1/7/2025)").fill("xã Bát Tràng")
    page.get_by_label("Nghề").fill("gốm sứ")
    page.get_by_role("button", name="Gửi đề nghị").click()
    expect(page.get_by_role("status")).to_contain_text("Cảm ơn bạn. Nhân viên sẽ thêm Kim Lan")
    expect(page.get_by_test_id("my-requests")).to_contain_text("Chờ nhân viên xử lý")
    shot("office-village-request-vi")
