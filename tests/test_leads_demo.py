"""Honest matching on the demo catalogue (issue 12): what nobody makes is "no match", with its reason."""
import pytest

from demo.loader import load_demo_data
from marketplace.accounts.models import User
from marketplace.leads import services as leads
from marketplace.leads.models import Inquiry
from marketplace.leads.reasons import describe
from tests.leads_data import make_inquiry


@pytest.mark.demo
def test_on_the_demo_catalogue_what_nobody_makes_is_no_match_and_the_samples_still_match(db, english):
    """Do requests for things no demo producer makes (matched before on "hand", "natural", "gift", "paper", "cm")
    end "no match" saying what is missing, a half match score half, and the demo's sample inquiries still match?"""
    load_demo_data(with_images=False)
    importer = db.session.query(User).filter_by(email="importer@demo.langnghe.vn").one()
    outcomes = {}
    for description in ("Vietnamese hand-painted surfboards", "paper notebooks, 20 cm", "titanium bicycle frames",
                        "Handmade natural paper gift bags, 30 cm"):
        inquiry = make_inquiry(importer, description, quantity=1000, days=90)
        leads.run_matching(inquiry.id)
        outcomes[description] = (inquiry.matching_status, [describe(r) for r in inquiry.no_match_reasons],
                                 max((m.score for m in inquiry.matches), default=None))

    assert outcomes == {
        "Vietnamese hand-painted surfboards": ("no_match", [
            "No producer's product has “surfboards”.",
            ("The closest, “Celadon set of 6 rice bowls with lotus painting” by HTX Gốm Bát Tràng Xanh, covers 50% of "
            "your request; it lacks “surfboards”.")], None),
        "paper notebooks, 20 cm": ("no_match", [
            "No producer's product has “notebooks”.",
            ("The closest, “Handmade rice paper for spring rolls, 500 g pack” by HTX Chế biến nông sản Minh Khai, covers "
            "50% of your request; it lacks “notebooks”.")], None),
        "titanium bicycle frames": ("no_match", [
            "No producer's product has “titanium”, “bicycle”.",
            ("The closest, “Raised-stitch embroidered handkerchief with chrysanthemums” by Thêu tay Phạm Gia, covers 17% "
            "of your request; it lacks “titanium”, “bicycle”.")], None),
        # Bags, but none of paper: tote and bamboo bags at half relevance (0.5 × 100 at best), never 90/100.
        "Handmade natural paper gift bags, 30 cm": ("done", [], 50),
    }
    samples = db.session.query(Inquiry).filter_by(importer_id=importer.id).order_by(Inquiry.id).limit(2).all()
    assert [(s.matching_status, s.matches[0].producer.name) for s in samples] == [
        ("done", "Xưởng gốm Minh Châu"), ("done", "HTX Dệt lụa Vạn Phúc")]
