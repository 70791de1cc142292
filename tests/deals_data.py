"""Shared data for the wholesale-deal tests: a Bát Tràng consortium of three members with a quote
whose numbers exercise every rounding rule.

Members (rank order) and their proposed shares of a 10,000-bowl inquiry: Gốm An 5,000 (owner
reads Vietnamese), Gốm Bình 3,000 (English), Gốm Cúc 2,000 (Vietnamese). The quote: 10,001 bowls
at 95,003 ₫, FOB Hai Phong, 33 % deposit, so the lines are 5,001 / 3,000 / 2,000 (the extra bowl
goes to the largest remainder, An), the total 950,125,003 ₫, the deposit 313,541,251 ₫ (rounded up
from …250.99) and the balance 636,583,752 ₫.
"""
from datetime import date, timedelta
from types import SimpleNamespace

from marketplace.accounts.models import ImporterProfile, Role
from marketplace.extensions import db
from marketplace.leads.models import Consortium, Inquiry, InquiryStatus, Match, MatchingStatus, Quote
from tests.factories import (
    AssociationFactory,
    CraftFactory,
    ProducerFactory,
    TrademarkFactory,
    UserFactory,
    VillageFactory,
)

TOTAL, DEPOSIT, BALANCE = 950_125_003, 313_541_251, 636_583_752
LINES = [(5001, 475_110_003), (3000, 285_009_000), (2000, 190_006_000)]


def quote_data(**changes):
    data = {"unit_price_vnd": "95.003", "quantity": "10001", "lead_time_days": "60",
            "valid_until": (date.today() + timedelta(days=30)).isoformat(), "message": "Giao tại cảng Hải Phòng.",
            "incoterm": "FOB", "port": "Hai Phong", "deposit_pct": "33"}
    data.update(changes)
    return data


def consortium_world(with_mark=True):
    """The inquiry (open, matched) and its consortium; ``with_mark=False`` makes it a village
    consortium without an association, whose lead member is Gốm An (rank 1)."""
    CraftFactory(slug="gom-su", name_vi="Gốm sứ", name_en="Ceramic ware")
    village = VillageFactory(slug="bat-trang", name="Bát Tràng")
    admin = UserFactory(email="hoi@battrang.vn", role=Role.ASSOCIATION_ADMIN, locale="vi")
    association = AssociationFactory(name="Hiệp hội Gốm sứ Bát Tràng", admin=admin)
    TrademarkFactory(slug="gom-su-bat-trang", name_vi="Gốm sứ Bát Tràng", name_en="Bát Tràng Ceramics",
                     association=association)
    owners = {"an": UserFactory(email="an@example.vn", role=Role.PRODUCER, locale="vi"),
              "binh": UserFactory(email="binh@example.vn", role=Role.PRODUCER, locale="en"),
              "cuc": UserFactory(email="cuc@example.vn", role=Role.PRODUCER, locale="vi")}
    an = ProducerFactory(name="Gốm An", village=village, monthly_capacity=2500, owner=owners["an"])
    binh = ProducerFactory(name="Gốm Bình", village=village, monthly_capacity=1500, owner=owners["binh"])
    cuc = ProducerFactory(name="Gốm Cúc", village=village, monthly_capacity=1000, owner=owners["cuc"])
    # A French company that never chose a language: its notifications must come in English.
    importer = UserFactory(email="achats@maison-lyon.fr", role=Role.IMPORTER, locale=None)
    db.session.add(ImporterProfile(user_id=importer.id, company="Maison de Lyon", country="FR", languages="fr"))
    inquiry = Inquiry(importer_id=importer.id, description="bát gốm men lam", quantity=10_000, unit="piece",
                      destination_country="FR", incoterm="FOB", required_by=date.today() + timedelta(days=90),
                      status=InquiryStatus.OPEN, matching_status=MatchingStatus.DONE)
    db.session.add(inquiry)
    db.session.flush()
    consortium = Consortium(inquiry_id=inquiry.id, village_id=village.id, capacity=10_000,
                            association_id=association.id if with_mark else None)
    db.session.add(consortium)
    db.session.flush()
    for rank, (producer, share) in enumerate(((an, 5000), (binh, 3000), (cuc, 2000)), start=1):
        db.session.add(Match(inquiry_id=inquiry.id, producer_id=producer.id, rank=rank, score=80 - rank,
                             consortium_id=consortium.id, consortium_position=rank - 1, allocation=share,
                             capacity_by_date=share))
    db.session.commit()
    return SimpleNamespace(inquiry=inquiry, consortium=consortium, admin=admin, association=association,
                           owners=owners, an=an, binh=binh, cuc=cuc, importer=importer, village=village)


def quoted(world, author):
    """The consortium's quote, as ``quote_data`` says, written straight to the database."""
    quote = Quote(inquiry_id=world.inquiry.id, consortium_id=world.consortium.id, author_id=author.id,
                  unit_price_vnd=95_003, quantity=10_001, lead_time_days=60,
                  valid_until=date.today() + timedelta(days=30), incoterm="FOB", port="Hai Phong", deposit_pct=33)
    db.session.add(quote)
    db.session.commit()
    return quote
