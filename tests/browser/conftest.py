"""Browser-only fixtures: a small, exact catalogue on the live server, and a page set up for it.

The catalogue is built with the factories rather than the demo loader so that every test
knows the exact titles, prices and counts a user should see.
"""
import os
from pathlib import Path
from types import SimpleNamespace

import pytest
from playwright.sync_api import expect

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
TIMEOUT_MS = 10_000


@pytest.fixture(scope="session", autouse=True)
def _chromium_is_installed(browser_type_launch_args):
    """The browser tests never skip: without Chromium they fail, saying why."""
    chromium = browser_type_launch_args["executable_path"]
    assert os.access(chromium, os.X_OK), f"Chromium not found at {chromium}: apt-get install -y chromium"


@pytest.fixture
def make_app(make_app):
    """Apps with CSRF protection on, as in production: a real browser submits the forms' tokens."""

    def factory(**overrides):
        return make_app(**{"WTF_CSRF_ENABLED": True, **overrides})

    return factory


@pytest.fixture
def page(page):
    """pytest-playwright's page, failing fast (10 s) instead of the default 30 s."""
    page.set_default_timeout(TIMEOUT_MS)
    expect.set_options(timeout=TIMEOUT_MS)
    return page


@pytest.fixture
def shot(page):
    """``shot("name")`` saves a full-page screenshot to test-artifacts/name.png."""
    ARTIFACTS.mkdir(exist_ok=True)

    def take(name):
        page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)

    return take


@pytest.fixture
def site(live_server):
    """The live server with three villages, four crafts, public and hidden listings and a mark.

    Public listings (English titles; prices in VND):
      Bát Tràng: "Blue-glaze ceramic vase" 350 000 (carries the mark), "Crackle-glaze tea set"
      420 000 (both ceramics, Gốm Minh Hải), "Ceramic Laughing Buddha statue" 1 250 000
      (sculpture, HTX Gốm Quang Vinh);
      Vạn Phúc: "White mulberry silk scarf" 550 000 (its Vietnamese title has "trắng", folded
      "trang"), "Vạn Phúc silk áo dài" 2 400 000;
      Sơn Đồng: "Carved wooden tea box" 680 000 (Vietnamese title "… đồ gỗ …").
    Hidden: a Bát Tràng draft, and an active listing of a Bát Tràng producer still pending.
    """
    from marketplace.accounts.models import Role
    from marketplace.catalog.models import ListingStatus
    from marketplace.extensions import db
    from marketplace.producers.models import ProducerStatus
    from tests.factories import (
        AssociationFactory,
        CraftFactory,
        ListingFactory,
        MembershipFactory,
        ProducerFactory,
        ProductRightFactory,
        TrademarkFactory,
        UserFactory,
        VillageFactory,
    )

    base, app = live_server
    with app.app_context():
        ceramics = CraftFactory(slug="gom-su", name_vi="Gốm sứ", name_en="Ceramics")
        sculpture = CraftFactory(slug="dieu-khac", name_vi="Điêu khắc", name_en="Sculpture")
        silk = CraftFactory(slug="lua", name_vi="Lụa", name_en="Silk")
        wood = CraftFactory(slug="cham-khac-go", name_vi="Chạm khắc gỗ", name_en="Wood carving")

        bat_trang = VillageFactory(slug="bat-trang", name="Bát Tràng", district="Gia Lâm")
        van_phuc = VillageFactory(slug="van-phuc", name="Vạn Phúc", district="Hà Đông")
        son_dong = VillageFactory(slug="son-dong", name="Sơn Đồng", district="Hoài Đức")
        bat_trang.crafts = [ceramics, sculpture]
        van_phuc.crafts = [silk]
        son_dong.crafts = [wood]
        db.session.commit()

        producer_user = UserFactory(email="minhhai@example.vn", name="Nguyễn Minh Hải", role=Role.PRODUCER)
        minh_hai = ProducerFactory(slug="gom-minh-hai", name="Gốm Minh Hải", village=bat_trang, owner=producer_user)
        quang_vinh = ProducerFactory(slug="htx-quang-vinh", name="HTX Gốm Quang Vinh", kind="cooperative", village=bat_trang)
        phuc_ha = ProducerFactory(slug="lua-phuc-ha", name="Lụa Phúc Hà", village=van_phuc)
        son_dong_wood = ProducerFactory(slug="xuong-moc-son-dong", name="Xưởng mộc Sơn Đồng", village=son_dong)
        waiting = ProducerFactory(slug="gom-cho-duyet", name="Gốm Chờ Duyệt", village=bat_trang, status=ProducerStatus.PENDING)

        vase = ListingFactory(producer=minh_hai, craft=ceramics, title_vi="Bình gốm men lam",
                              title_en="Blue-glaze ceramic vase", price_vnd=350_000, stock=12)
        ListingFactory(producer=minh_hai, craft=ceramics, title_vi="Bộ ấm chén men rạn",
                       title_en="Crackle-glaze tea set", price_vnd=420_000)
        ListingFactory(producer=quang_vinh, craft=sculpture, title_vi="Tượng Phật Di Lặc gốm",
                       title_en="Ceramic Laughing Buddha statue", price_vnd=1_250_000)
        ListingFactory(producer=phuc_ha, craft=silk, title_vi="Khăn lụa tơ tằm trắng",
                       title_en="White mulberry silk scarf", price_vnd=550_000)
        ListingFactory(producer=phuc_ha, craft=silk, title_vi="Áo dài lụa Vạn Phúc",
                       title_en="Vạn Phúc silk áo dài", price_vnd=2_400_000)
        ListingFactory(producer=son_dong_wood, craft=wood, title_vi="Hộp đựng trà đồ gỗ chạm khắc",
                       title_en="Carved wooden tea box", price_vnd=680_000)
        ListingFactory(producer=minh_hai, craft=ceramics, title_vi="Đĩa gốm chưa xong",
                       title_en="Unfinished ceramic plate", status=ListingStatus.DRAFT)
        ListingFactory(producer=waiting, craft=ceramics, title_vi="Lọ hoa gốm chờ duyệt",
                       title_en="Vase from a shop awaiting approval")

        admin = UserFactory(email="hiephoi@example.vn", name="Trần Thị Lan", role=Role.ASSOCIATION_ADMIN)
        association = AssociationFactory(slug="hiep-hoi-bat-trang", name="Hiệp hội Gốm sứ Bát Tràng", admin=admin)
        mark = TrademarkFactory(slug="gom-su-bat-trang", name_vi="Gốm sứ Bát Tràng", name_en="Bát Tràng Ceramics",
                                association=association)
        mark.villages = [bat_trang]
        membership = MembershipFactory(trademark=mark, producer=minh_hai)
        right = ProductRightFactory(membership=membership, listing=vase)

        return SimpleNamespace(
            base=base, app=app,
            producer_user_email=producer_user.email, admin_email=admin.email,
            producer_id=minh_hai.id, membership_id=membership.id,
            vase_id=vase.id, code=right.code,
        )


@pytest.fixture
def in_english(page, site):
    """The site's language switched to English for this browser session (stored in the session)."""
    switch_to_english(page, site.base + "/about")  # a light page: the choice is what matters
    return page


def switch_to_english(page, url):
    """Open ``url`` and press the header's EN button (a POST form: there is no link to follow)."""
    page.goto(url)
    page.locator("form.lang-switch").get_by_role("button", name="EN").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")


@pytest.fixture
def log_in(in_english, site):
    """``log_in(email)`` signs in through the login form (in English) and returns the page."""
    from tests.factories import PASSWORD

    page = in_english

    def do(email):
        page.goto(site.base + "/login")
        page.get_by_label("E-mail").fill(email)
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Log in").click()
        expect(page.get_by_role("status").filter(has_text="Welcome back")).to_be_visible()
        return page

    return do
