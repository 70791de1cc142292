"""Listing images cost bounded memory: a pixel cap per image and per request, checked on the
header before decoding, JPEGs decoded at reduced scale, one image at a time."""
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

from marketplace.accounts.models import Role
from marketplace.catalog import images
from marketplace.catalog.models import Listing, ListingImage
from tests.factories import CraftFactory, ProducerFactory, UserFactory
from tests.test_listings import _form, _jpeg

ROOT = Path(__file__).resolve().parent.parent


def _png(width, height, mode="L"):
    buffer = io.BytesIO()
    Image.new(mode, (width, height), 128 if mode == "L" else (180, 90, 40)).save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture
def shop(db):
    owner = UserFactory(role=Role.PRODUCER, locale="en")
    return {"owner": owner, "producer": ProducerFactory(owner=owner), "craft": CraftFactory(slug="silk")}


def _post(login, shop, *images):
    data = _form(shop["craft"])
    data["images"] = [(io.BytesIO(image), f"photo{n}.png") for n, image in enumerate(images)]
    return login(shop["owner"]).post(f"/dashboard/producer/{shop['producer'].id}/listings/new", data=data,
                                     content_type="multipart/form-data")


def _stored_files(app):
    return sorted(p.name for p in Path(app.config["UPLOAD_FOLDER"]).rglob("*.jpg"))


def test_a_7900_by_5000_one_colour_png_is_refused_over_the_25_megapixel_cap(shop, login, app, db):
    """Is the issue's 4.9 KB one-colour 7900 × 5000 PNG (39.5 megapixels) refused with a message
    giving its size and the cap, with no listing and no file stored?"""
    image = _png(7900, 5000)
    assert len(image) < 60_000

    response = _post(login, shop, image)

    assert response.status_code == 400
    assert ("That image is 7900 × 5000 pixels; the largest we take is 25 megapixels (for example 6000 × 4000). "
            "Make it smaller and upload it again.") in response.get_data(as_text=True)
    assert (db.session.query(Listing).count(), _stored_files(app)) == (0, [])


def test_a_24_megapixel_photo_under_the_cap_is_accepted_and_resized(shop, login, db):
    """Is a 6000 × 4000 JPEG (24 megapixels) accepted and stored at 1600 × 1067?"""
    response = _post(login, shop, _jpeg(6000, 4000))

    assert response.status_code == 302
    assert [(i.width, i.height) for i in db.session.query(ListingImage)] == [(1600, 1067)]


def test_the_pixel_cap_is_a_setting(shop, make_app, db):
    """With MAX_IMAGE_PIXELS at 1,000,000, is a 1200 × 900 photo refused and a 1000 × 1000 one accepted?"""
    app = make_app(MAX_IMAGE_PIXELS=1_000_000)
    client = app.test_client()
    with client.session_transaction() as session:
        session["_user_id"], session["_fresh"], session["lang"] = shop["owner"].get_id(), True, "en"
    url = f"/dashboard/producer/{shop['producer'].id}/listings/new"

    refused = client.post(url, data={**_form(shop["craft"]), "images": [(io.BytesIO(_jpeg(1200, 900)), "a.jpg")]},
                          content_type="multipart/form-data")
    accepted = client.post(url, data={**_form(shop["craft"]), "images": [(io.BytesIO(_jpeg(1000, 1000)), "b.jpg")]},
                           content_type="multipart/form-data")

    assert refused.status_code == 400
    assert "the largest we take is 1 megapixels" in refused.get_data(as_text=True)
    assert accepted.status_code == 302


def test_a_request_whose_images_together_exceed_the_budget_is_refused_before_decoding(shop, make_app, db):
    """With MAX_REQUEST_PIXELS at 5,000,000, are three 2400 × 1000 photos (7.2 MP) refused with the
    totals and nothing stored, while two (4.8 MP) are accepted?"""
    app = make_app(MAX_REQUEST_PIXELS=5_000_000)
    client = app.test_client()
    with client.session_transaction() as session:
        session["_user_id"], session["_fresh"], session["lang"] = shop["owner"].get_id(), True, "en"
    url = f"/dashboard/producer/{shop['producer'].id}/listings/new"

    def post(count):
        images = [(io.BytesIO(_jpeg(2400, 1000)), f"{n}.jpg") for n in range(count)]
        return client.post(url, data={**_form(shop["craft"]), "images": images}, content_type="multipart/form-data")

    refused = post(3)
    stored_after_refusal = _stored_files(app)
    accepted = post(2)

    assert refused.status_code == 400
    assert ("These images have 7 megapixels together; upload at most 5 megapixels at a time."
            in refused.get_data(as_text=True))
    assert stored_after_refusal == []
    assert accepted.status_code == 302
    with app.app_context():
        assert db.session.query(ListingImage).count() == 2


@pytest.mark.parametrize("name, make, bound_mb", [
    ("jpeg-6000x4000", lambda: _jpeg(6000, 4000), 100),  # decoded at half scale: ~45 MB (~275 MB before)
    ("png-5000x5000-rgb", lambda: _png(5000, 5000, "RGB"), 160),  # PNG decodes in full: ~107 MB (~290 MB before)
])
def test_storing_a_large_image_costs_bounded_memory(tmp_path, name, make, bound_mb):
    """Does storing a photo at the pixel cap raise a fresh process's peak memory by less than a generous bound?"""
    path = tmp_path / f"{name}.img"
    path.write_bytes(make())

    result = subprocess.run([sys.executable, "-m", "tests.image_memory", str(path), str(tmp_path / "uploads")],
                            cwd=ROOT, env=dict(os.environ, APP_ENV="testing"), capture_output=True, text=True,
                            timeout=300, check=True)
    measured = json.loads(result.stdout.strip().splitlines()[-1])

    assert "stored" in measured
    assert measured["peak_growth_mb"] < bound_mb


@pytest.mark.parametrize("image_format", ["PNG", "WEBP", "JPEG"])
def test_a_large_photo_taken_sideways_is_stored_upright(app, image_format):
    """Is a 6400 × 3400 photo whose EXIF says "rotate 90°" stored 850 × 1600, after the reduced decode?"""
    exif = Image.Exif()
    exif[0x0112] = 6  # orientation: the camera was turned a quarter
    buffer = io.BytesIO()
    Image.new("RGB", (6400, 3400), (180, 90, 40)).save(buffer, image_format, exif=exif.tobytes())

    assert images.store_image(buffer.getvalue())[2:] == (850, 1600)
