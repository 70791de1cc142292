"""Shared data for the export-leads tests: a small Bát Tràng ceramics world with exact numbers."""
from datetime import date, timedelta
from types import SimpleNamespace

from marketplace.accounts.models import Role
from marketplace.catalog.models import WholesaleTier
from marketplace.extensions import db
from marketplace.leads.models import Inquiry, MatchingStatus
from tests.factories import (
    AssociationFactory,
    CraftFactory,
    ListingFactory,
    MembershipFactory,
    ProducerFactory,
    TrademarkFactory,
    UserFactory,
    VillageFactory,
)


def ceramics_world():
    """Three Bát Tràng workshops (members of the mark) and one silk workshop in Vạn Phúc.

    An Blue-glaze vase 90,000 ₫, MOQ 100, 1,000/month, export-ready, member of the mark;
    Bình Blue-glaze plate 120,000 ₫ (100,000 from 1,000), MOQ 50, 2,000/month, member;
    Cúc Ceramic vase 80,000 ₫, MOQ 5,000, 500/month, export-ready, OCOP 4 (valid), not a member;
    Phúc Hà silk scarf (matches none of the ceramics words).
    """
    ceramics = CraftFactory(slug="gom-su", name_vi="Gốm sứ", name_en="Ceramic ware")
    silk = CraftFactory(slug="lua", name_vi="Lụa", name_en="Silk")
    bat_trang = VillageFactory(slug="bat-trang", name="Bát Tràng")
    van_phuc = VillageFactory(slug="van-phuc", name="Vạn Phúc")
    admin = UserFactory(email="hoi@battrang.vn", role=Role.ASSOCIATION_ADMIN, locale="en")
    association = AssociationFactory(name="Hiệp hội Gốm sứ Bát Tràng", admin=admin)
    mark = TrademarkFactory(slug="gom-su-bat-trang", name_vi="Gốm sứ Bát Tràng", name_en="Bát Tràng Ceramics",
                            association=association)
    owners = {key: UserFactory(email=f"{key}@example.vn", role=Role.PRODUCER, locale="en") for key in ("an", "binh", "cuc", "ha")}
    an = ProducerFactory(name="Gốm An", village=bat_trang, monthly_capacity=1000, export_ready=True, owner=owners["an"])
    binh = ProducerFactory(name="Gốm Bình", village=bat_trang, monthly_capacity=2000, owner=owners["binh"])
    cuc = ProducerFactory(name="Gốm Cúc", village=bat_trang, monthly_capacity=500, export_ready=True,
                          ocop_stars=4, ocop_expires_on=date.today() + timedelta(days=365), owner=owners["cuc"])
    ha = ProducerFactory(name="Lụa Phúc Hà", village=van_phuc, monthly_capacity=5000, owner=owners["ha"])
    MembershipFactory(trademark=mark, producer=an)
    MembershipFactory(trademark=mark, producer=binh)
    vase = ListingFactory(producer=an, craft=ceramics, title_vi="Bình gốm men lam", title_en="Blue glaze vase",
                          price_vnd=90_000, moq=100)
    plate = ListingFactory(producer=binh, craft=ceramics, title_vi="Đĩa gốm men lam", title_en="Blue glaze plate",
                           price_vnd=120_000, moq=50)
    db.session.add(WholesaleTier(listing_id=plate.id, min_qty=1000, unit_price_vnd=100_000))
    plain = ListingFactory(producer=cuc, craft=ceramics, title_vi="Lọ gốm", title_en="Ceramic vase",
                           price_vnd=80_000, moq=5000)
    scarf = ListingFactory(producer=ha, craft=silk, title_vi="Khăn lụa", title_en="Red silk scarf", price_vnd=300_000)
    importer = UserFactory(email="buyer@import.de", role=Role.IMPORTER, locale="en")
    db.session.commit()
    return SimpleNamespace(
        ceramics=ceramics, silk=silk, mark=mark, association=association, admin=admin, owners=owners,
        an=an, binh=binh, cuc=cuc, ha=ha, vase=vase, plate=plate, plain=plain, scarf=scarf, importer=importer,
        bat_trang=bat_trang,
    )


def make_inquiry(importer, description="", quantity=3000, days=90, target=None, craft=None, ocop=None,
                 trademark=None, references=(), unit="piece"):
    inquiry = Inquiry(
        importer_id=importer.id, description=description, quantity=quantity, unit=unit, target_price_vnd=target,
        destination_country="DE", incoterm="FOB", required_by=date.today() + timedelta(days=days),
        craft=craft, required_ocop_stars=ocop, required_trademark=trademark, references=list(references),
        matching_status=MatchingStatus.QUEUED,
    )
    db.session.add(inquiry)
    db.session.commit()
    return inquiry
