"""Search quality, issue 9's cases as a new user tried them: the same answers on SQLite and PostgreSQL."""
import pytest

from marketplace.catalog.search import catalogue_tsquery
from marketplace.catalog.services import SearchParams, search_listings
from marketplace.catalog.synonyms import query_terms
from tests.factories import CraftFactory, ListingFactory, ProducerFactory, VillageFactory


def _ids(q, **filters):
    return [listing.id for listing in search_listings(SearchParams(q=q, per_page=100, **filters)).items]


@pytest.fixture
def catalogue(db):
    """Listings like the demo's, in two villages both named Phùng Xá; crafts named neutrally, so
    only the listings' own words can match."""
    bat_trang = ProducerFactory(name="Xưởng Minh Châu", village=VillageFactory(name="Bát Tràng", slug="bat-trang", district="Gia Lâm"))
    van_phuc = ProducerFactory(name="Lụa Triều Gia", village=VillageFactory(name="Vạn Phúc", slug="van-phuc", district="Hà Đông"))
    my_duc = ProducerFactory(name="Tơ sen Mỹ Đức", village=VillageFactory(name="Phùng Xá", slug="phung-xa-my-duc", district="Mỹ Đức"))
    thach_that = ProducerFactory(name="Cơ khí Tiến Đạt",
                                 village=VillageFactory(name="Phùng Xá", slug="phung-xa-thach-that", district="Thạch Thất"))
    la_phu = ProducerFactory(name="Dệt kim Thành Công", village=VillageFactory(name="La Phù", slug="la-phu", district="Hoài Đức"))
    ha_thai = ProducerFactory(name="Xưởng Đức Thịnh", village=VillageFactory(name="Hạ Thái", slug="ha-thai", district="Thường Tín"))
    craft = CraftFactory(name_vi="Nghề", name_en="Craft")
    make = lambda producer, vi, en: ListingFactory(producer=producer, craft=craft, title_vi=vi, title_en=en)
    return {
        "vase": make(bat_trang, "Bình hoa men lam vẽ rồng", "Blue glaze vase with a dragon"),
        "planter": make(bat_trang, "Chậu cây gốm men hỏa biến", "Flambé ceramic planter"),
        "jar": make(bat_trang, "Hũ sành sứ vẽ hoa mai", ""),
        "silk_scarf": make(van_phuc, "Khăn lụa tơ tằm in hoa sen", "Printed mulberry silk scarf"),
        "lotus_scarf": make(my_duc, "Khăn lụa tơ sen màu mộc", "Undyed lotus-fibre scarf"),
        "thresher": make(thach_that, "Máy tuốt lúa động cơ diesel", "Diesel-engine rice thresher"),
        "wool_scarf": make(la_phu, "Khăn len kẻ sọc", "Striped knitted scarf"),
        "tablecloth": make(la_phu, "Khăn trải bàn thêu hoa cúc", ""),
        "lacquer_box": make(ha_thai, "Hộp sơn mài dát vàng", ""),
        "lacquer_tray": make(ha_thai, "Khay đựng trầu", "Gold-leaf lacquer tray"),
    }


def test_lua_with_diacritics_ranks_silk_above_the_rice_thresher(catalogue):
    """Does "lụa" (silk) show the silk first and the rice thresher ("lúa", rice, which folds alike) last?"""
    found = _ids("lụa")
    assert found[-1] == catalogue["thresher"].id
    assert set(found[:2]) == {catalogue["silk_scarf"].id, catalogue["lotus_scarf"].id}


def test_lua_with_the_rice_accent_ranks_the_thresher_first(catalogue):
    """Does "lúa" (rice) put the rice thresher above the silk that only matches once folded?"""
    assert _ids("lúa")[0] == catalogue["thresher"].id


def test_silk_in_english_never_finds_rice(catalogue):
    """Does "silk" find the silk listings (by "silk" and by their Vietnamese "lụa") and not the thresher?"""
    assert sorted(_ids("silk")) == sorted([catalogue["silk_scarf"].id, catalogue["lotus_scarf"].id])


@pytest.mark.parametrize(("query", "keys"), [
    ("vases", ["vase"]),
    ("glazed", ["vase", "planter"]),  # the planter is "men hỏa biến": "men" is glaze
    ("scarves", ["silk_scarf", "lotus_scarf", "wool_scarf"]),
])
def test_english_word_forms_find_each_other(catalogue, query, keys):
    """Do "vases", "glazed" and "scarves" find "vase", "glaze" and "scarf" (stemming, on both databases)?"""
    assert sorted(_ids(query)) == sorted(catalogue[k].id for k in keys)


@pytest.mark.parametrize("query", ["pottery", "porcelain", "ceramics", "gốm sứ", "gom"])
def test_pottery_and_porcelain_find_the_ceramics(catalogue, query):
    """Do "pottery", "porcelain" and the Vietnamese words find the ceramic planter ("ceramic", "gốm") and
    the jar whose only word for it is "sành sứ"?"""
    assert sorted(_ids(query)) == sorted([catalogue["planter"].id, catalogue["jar"].id])


@pytest.mark.parametrize(("query", "keys"), [
    ("lacquer", ["lacquer_box", "lacquer_tray"]),
    ("sơn mài", ["lacquer_box", "lacquer_tray"]),
    ("son mai", ["lacquer_box", "lacquer_tray"]),
    ("embroidery", ["tablecloth"]),
    ("scarf", ["silk_scarf", "lotus_scarf", "wool_scarf"]),
])
def test_the_synonym_table_crosses_languages(catalogue, query, keys):
    """Does an English word find a listing titled only in Vietnamese and the other way round, and does
    "scarf" leave out the tablecloth (a "khăn" too, but not a scarf)?"""
    assert sorted(_ids(query)) == sorted(catalogue[k].id for k in keys)


def test_a_query_term_expands_to_its_whole_group():
    """Is "pottery" one term whose ways to match include its stem, "ceramic" and the exact Vietnamese "gốm sứ"?"""
    [term] = query_terms("pottery")
    found = {(" ".join(a.words), a.exact) for a in term.alternatives}
    assert {("pottery", None), ("potteri", None), ("ceramic", None), ("gom su", ("gốm", "sứ"))} <= found


@pytest.mark.parametrize(("query", "respelt"), [("bat trangg", "bat trang"), ("vasse", "vase")])
def test_a_typo_gets_did_you_mean(catalogue, query, respelt):
    """Does a misspelt search offer the catalogue's own spelling, which finds the listings?"""
    page = search_listings(SearchParams(q=query))
    assert page.did_you_mean == respelt
    assert search_listings(SearchParams(q=respelt)).total > 0


def test_did_you_mean_is_a_link_on_the_page_and_in_the_api(catalogue, english_client):
    """Does the page link the respelt search, and the API name it?"""
    html = english_client.get("/products?q=bat+trangg").get_data(as_text=True)
    assert 'Did you mean <a href="/products?q=bat+trang">bat trang</a>?' in html
    assert english_client.get("/api/v1/products?q=vasse").get_json()["did_you_mean"] == "vase"


def test_a_query_that_finds_plenty_is_not_respelt(catalogue):
    """Is "Did you mean" left out when the search already finds what was typed?"""
    assert search_listings(SearchParams(q="khan")).did_you_mean is None


def test_the_village_facet_tells_the_two_phung_xa_apart(catalogue, english_client):
    """Are the two villages named Phùng Xá shown with their districts, and the others by name alone?"""
    html = english_client.get("/products").get_data(as_text=True)
    assert "<span>Phùng Xá (Mỹ Đức)</span>" in html
    assert "<span>Phùng Xá (Thạch Thất)</span>" in html
    assert "<span>Bát Tràng</span>" in html
    villages = english_client.get("/api/v1/products").get_json()["facets"]["village"]
    assert sorted((v["name"], v["district"]) for v in villages if v["name"] == "Phùng Xá") == [
        ("Phùng Xá", "Mỹ Đức"), ("Phùng Xá", "Thạch Thất")]


def test_a_listing_stores_its_phrases_and_exact_forms_as_single_lexemes(catalogue):
    """What PostgreSQL's index holds for the silk scarf beyond its folded words and stems: each phrase of
    the synonym table it contains, by its stems ("mulberri_silk"), and each exact form it holds with its
    diacritics ("=khăn_lụa"), so that a phrase or an exact word is one lexeme the index answers alone."""
    terms = catalogue["silk_scarf"].search_terms.split()
    assert {"khan", "lua", "to", "tam", "scarf", "silk", "printed", "print", "mulberry", "mulberri"} <= set(terms)
    assert [t for t in terms if "_" in t or t.startswith("=")] == [
        "khan_lua", "to_tam", "hoa_sen", "mulberri_silk", "=lụa", "=sen", "=khăn_lụa", "=tơ_tằm", "=hoa_sen"]


@pytest.mark.parametrize(("query", "expected"), [
    # a synonym is the whole word the table names (and its stem): only what the reader typed is a prefix
    ("đồ gỗ", "('do_go' | 'wood' | 'wooden' | 'timber' | '=gỗ')"),
    ("silk", "('silk':* | 'mulberri_silk' | '=lụa' | '=tơ_tằm')"),
    ("pottery", "('pottery':* | 'potteri':* | 'ceramic' | 'ceram' | 'ceramics' | 'porcelain' | 'stoneware' | 'stonewar'"
                " | 'earthenware' | 'earthenwar' | '=gốm' | '=gốm_sứ' | '=đồ_gốm' | '=sành_sứ')"),
    ("bat trang", "('bat') & ('trang')"),  # a Vietnamese syllable is a whole word
])
def test_a_query_is_one_tsquery_of_the_stored_lexemes(query, expected):
    """Every term by any of its alternatives, phrases and exact forms as the lexemes a listing stores; a
    synonym as a whole word and its stem, the words typed as prefixes."""
    assert catalogue_tsquery(query_terms(query)) == expected


@pytest.mark.parametrize(("query", "keys"), [
    ("thre", ["thresher"]),  # a foreign word typed in part finds the whole ("thre" -> thresher)
    ("lacq", ["lacquer_tray"]),
    ("khan", ["silk_scarf", "lotus_scarf", "wool_scarf", "tablecloth"]),  # a syllable: "khăn" alone
    ("thanh", ["wool_scarf", "tablecloth"]),  # Dệt kim Thành Công, whole
    ("thinh", ["lacquer_box", "lacquer_tray"]),  # Đức Thịnh, whole
])
def test_vietnamese_syllables_match_whole_and_longer_foreign_words_as_prefixes(catalogue, query, keys):
    """Is a Vietnamese syllable a whole word and a longer foreign word also the start of one, on both databases?"""
    assert sorted(_ids(query)) == sorted(catalogue[k].id for k in keys)


@pytest.mark.parametrize(("query", "keys"), [
    ("mulberry silk", ["silk_scarf", "lotus_scarf"]),  # the phrase by its stems, or its group's "lụa"
    ("khăn lụa", ["silk_scarf", "lotus_scarf", "wool_scarf"]),  # the phrase, or another scarf's exact form
    ("tơ tằm", ["silk_scarf", "lotus_scarf"]),  # the exact phrase or "lụa", never "to" and "tam" apart
    ("khay đựng", ["lacquer_tray"]),
])
def test_phrases_and_exact_forms_find_the_same_listings_on_both_databases(catalogue, query, keys):
    assert sorted(_ids(query)) == sorted(catalogue[k].id for k in keys)
