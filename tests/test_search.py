"""Search: the same answers on SQLite and PostgreSQL, with or without Vietnamese diacritics."""
import pytest

from marketplace.catalog import browse
from marketplace.catalog.services import SearchParams, search_listings
from marketplace.text import fold
from tests.factories import CraftFactory, ListingFactory, ProducerFactory, VillageFactory


def _ids(q, **filters):
    return sorted(listing.id for listing in search_listings(SearchParams(q=q, per_page=100, **filters)).items)


@pytest.fixture
def catalogue(db):
    """Five public listings in three villages, and one draft that must never be found."""
    bat_trang = ProducerFactory(name="Gốm Minh Long", village=VillageFactory(name="Bát Tràng", slug="bat-trang"))
    van_phuc = ProducerFactory(name="Lụa Hà Đông", village=VillageFactory(name="Vạn Phúc", slug="van-phuc"))
    huu_bang = ProducerFactory(name="Mộc Hữu Bằng", village=VillageFactory(name="Hữu Bằng", slug="huu-bang"))
    ceramics, silk, wood = CraftFactory(slug="ceramics"), CraftFactory(slug="silk"), CraftFactory(slug="furniture")
    return {
        "vase": ListingFactory(producer=bat_trang, craft=ceramics, title_vi="Bình gốm men lam", title_en="Blue glaze vase"),
        "bowl": ListingFactory(producer=bat_trang, craft=ceramics, title_vi="Bát gốm men rạn", title_en="Crackle glaze bowl"),
        "scarf": ListingFactory(producer=van_phuc, craft=silk, title_vi="Khăn lụa Vạn Phúc", title_en="Mulberry silk scarf"),
        "table": ListingFactory(producer=huu_bang, craft=wood, title_vi="Bàn trà đồ gỗ lim", title_en="Ironwood tea table"),
        "stool": ListingFactory(producer=huu_bang, craft=wood, title_vi="Ghế đẩu Đông Anh", title_en="Wooden stool"),
        "draft": ListingFactory(producer=bat_trang, craft=ceramics, title_vi="Bình gốm nháp", status="draft"),
    }


def test_fold_strips_every_vietnamese_mark_including_d_bar():
    """Does folding turn every Vietnamese letter, đ/Đ included, into plain ASCII words?"""
    assert fold("Lụa Vạn Phúc, đồ gỗ!") == "lua van phuc do go"
    assert fold("ĐỒNG Hương ƯỚC Ỷ") == "dong huong uoc y"
    assert fold("Quất Động") == "quat dong"


@pytest.mark.parametrize(("plain", "marked"), [
    ("bat trang", "Bát Tràng"),
    ("lua van phuc", "lụa Vạn Phúc"),
    ("do go", "đồ gỗ"),
    ("DONG ANH", "Đông Anh"),
])
def test_queries_without_diacritics_find_the_same_products(catalogue, plain, marked):
    """Does a query typed without diacritics find exactly what the marked query finds?"""
    assert _ids(plain) == _ids(marked)
    assert _ids(plain) != []


def test_village_name_search_finds_that_villages_products(catalogue):
    """Does "bat trang" find the two public Bát Tràng listings and not the draft?"""
    assert _ids("bat trang") == sorted([catalogue["vase"].id, catalogue["bowl"].id])


def test_d_bar_query_finds_the_do_go_listing_and_its_english_synonym(catalogue):
    """Does "do go" find the ironwood table (đồ gỗ) and, through the synonym table, the "Wooden stool",
    and nothing else?"""
    assert _ids("do go") == sorted([catalogue["table"].id, catalogue["stool"].id])


def test_english_words_match_english_titles(catalogue):
    """Do English words find English titles, with a longer word matching as a prefix?"""
    assert _ids("silk scarf") == [catalogue["scarf"].id]
    assert _ids("glaze") == sorted([catalogue["vase"].id, catalogue["bowl"].id])
    assert _ids("vase") == [catalogue["vase"].id]


def test_short_words_match_whole_words_only_and_the_respelling_is_offered(catalogue):
    """Is "vas" (a short word) an exact-word miss, with "vase" offered and its listing shown as a near match?"""
    page = search_listings(SearchParams(q="vas"))
    assert (page.fuzzy, page.did_you_mean) == (True, "vase")
    assert [item.id for item in page.items] == [catalogue["vase"].id]


def test_a_word_nothing_is_near_is_left_out_of_the_near_misses_and_ranks_them(catalogue):
    """Does "blue glazzzz" (no respelling finds anything; nothing in the catalogue is near enough to
    "glazzzz" to ask for) show the blue listings as near matches on both databases, the blue glaze
    vase before a newer blue apron ("glaze" ranks what "blue" finds), and not the crackle-glaze bowl?"""
    apron = ListingFactory(producer=catalogue["stool"].producer, craft=catalogue["stool"].craft,
                           title_vi="Tạp dề xanh", title_en="Workwear apron, blue")
    page = search_listings(SearchParams(q="blue glazzzz"))
    assert (page.did_you_mean, page.fuzzy, page.most_words, page.total) == (None, True, False, 2)
    assert [i.id for i in page.items] == [catalogue["vase"].id, apron.id]


def test_two_words_run_together_are_respelt_apart(catalogue):
    """Does "crackleglaze" (typed without its space) offer "crackle glaze" and show the crackle-glaze bowl
    on both databases, and "ironwoodtable" the ironwood tea table?"""
    page = search_listings(SearchParams(q="crackleglaze"))
    assert (page.did_you_mean, page.fuzzy, page.total) == ("crackle glaze", True, 1)
    assert [i.id for i in page.items] == [catalogue["bowl"].id]
    table = search_listings(SearchParams(q="ironwoodtable"))
    assert (table.did_you_mean, [i.id for i in table.items]) == ("ironwood table", [catalogue["table"].id])


def test_a_typo_and_two_words_run_together_in_one_query_are_respelt(catalogue):
    """Does "mulbery silkscarf" offer "mulberry silk scarf" and find the scarf, on both databases?"""
    page = search_listings(SearchParams(q="mulbery silkscarf"))
    assert (page.did_you_mean, page.fuzzy, [i.id for i in page.items]) == ("mulberry silk scarf", True, [catalogue["scarf"].id])


def test_near_misses_ask_for_every_known_word_as_near_a_typo_as_the_respelling(catalogue, db):
    """When the respelling's word ("vasr" -> "vase", the shorter of two as near) finds nothing with the
    rest of the query, does another as near ("vast") still give the near match, on both databases?"""
    platter = ListingFactory(producer=catalogue["bowl"].producer, craft=catalogue["bowl"].craft,
                             title_vi="Đĩa men rạn", title_en="Vast crackle platter")
    page = search_listings(SearchParams(q="crackle vasr"))
    assert (page.did_you_mean, page.fuzzy, page.most_words) == (None, True, False)
    assert [i.id for i in page.items] == [platter.id]


@pytest.mark.parametrize("query", ["hello kitty", "iphone charger", "zzzzzz"])
def test_a_query_nothing_is_near_shows_no_near_matches(catalogue, query):
    """Does a query none of whose words is near a catalogue word show an empty page, not loose guesses
    (at a looser cutoff "charger" was near "chair", "kitty" near "knit")?"""
    page = search_listings(SearchParams(q=query))
    assert (page.total, page.items, page.fuzzy, page.did_you_mean) == (0, [], False, None)


def test_a_long_query_with_a_typo_and_a_stray_word_shows_the_respelt_words_but_one(catalogue):
    """Does "bat trangg zzq" (respelt "bat trang zzq", which nothing holds whole) show Bát Tràng's vase
    and bowl as near matches on both databases, without a "Did you mean" that would find nothing?"""
    page = search_listings(SearchParams(q="bat trangg zzq"))
    assert (page.did_you_mean, page.fuzzy, page.most_words) == (None, True, False)
    assert sorted(i.id for i in page.items) == sorted([catalogue["vase"].id, catalogue["bowl"].id])


def test_misspelt_village_shows_the_respelt_results_as_near_matches(catalogue):
    """Does "bat trangg" find nothing exactly, offer "bat trang", and show Bát Tràng's two listings as
    near matches on both databases?"""
    page = search_listings(SearchParams(q="bat trangg"))
    assert (page.fuzzy, page.did_you_mean, page.total, page.facets) == (True, "bat trang", 2, {})
    assert sorted(i.id for i in page.items) == sorted([catalogue["vase"].id, catalogue["bowl"].id])


def test_a_title_that_holds_the_words_ranks_above_a_description_that_does(db):
    """Does "embroidered" show the embroidered picture before a newer apron whose description alone says
    "embroidered", on both databases?"""
    picture = ListingFactory(title_en="Hand-embroidered picture", description_en="Silk thread on cotton.")
    apron = ListingFactory(title_en="Twill apron", description_en="Logos embroidered to order.")
    assert [i.id for i in search_listings(SearchParams(q="embroidered")).items] == [picture.id, apron.id]


def test_search_combines_with_facets(catalogue):
    """Does a search narrowed to a craft and a village keep only what matches all three?"""
    assert _ids("gom", craft="ceramics", village="bat-trang") == sorted([catalogue["vase"].id, catalogue["bowl"].id])
    assert _ids("gom", craft="silk") == []


def test_facet_counts_follow_the_query(catalogue):
    """Are the facet counts those of the current results?"""
    page = search_listings(SearchParams(q="bat trang"))
    assert page.total == 2
    assert [(f["slug"], f["count"]) for f in page.facets["craft"]] == [("ceramics", 2)]
    assert [(f["slug"], f["count"]) for f in page.facets["village"]] == [("bat-trang", 2)]


def test_results_are_ranked_and_paginated(catalogue):
    """Do pages split the results in a stable order without repeating a listing?"""
    first = search_listings(SearchParams(sort="price_asc", per_page=2, page=1))
    second = search_listings(SearchParams(sort="price_asc", per_page=2, page=2))
    third = search_listings(SearchParams(sort="price_asc", per_page=2, page=3))
    assert first.total == 5 and first.pages == 3
    seen = [item.id for page in (first, second, third) for item in page.items]
    assert sorted(seen) == sorted(v.id for k, v in catalogue.items() if k != "draft")


def test_price_range_filters(catalogue, db):
    """Does a price range keep only the listings priced inside it, ends included?"""
    catalogue["vase"].price_vnd = 120000
    catalogue["scarf"].price_vnd = 900000
    db.session.commit()
    page = search_listings(SearchParams(price_min=100000, price_max=350000, per_page=100))
    assert sorted(i.id for i in page.items) == sorted([catalogue[k].id for k in ("vase", "bowl", "table", "stool")])


def test_the_relevance_pages_counted_with_the_facets_are_those_ranked_alone(app, db, monkeypatch):
    """Does the page the counting statement ranks (one reading of the text index for the counts and the
    page) hold the same listings in the same order as the ranking asked for by itself, on every page,
    with and without facet filters, over more matches than are counted, and past the ranked
    candidates, where the newest follow?"""
    silk, ceramics = CraftFactory(slug="silk"), CraftFactory(slug="ceramics")
    van_phuc = ProducerFactory(village=VillageFactory(name="Vạn Phúc", slug="van-phuc"))
    other = ProducerFactory(village=VillageFactory(name="Hà Đông", slug="ha-dong"))
    made = [ListingFactory(producer=(van_phuc, other)[i % 2], craft=(silk, ceramics)[i % 3 == 0],
                           title_vi=("Khăn lụa tơ tằm" if i % 4 == 0 else f"Khăn quàng số {i}"),
                           description_vi=("Lụa Vạn Phúc dệt tay" if i % 2 else "Dệt tay, lụa mềm"))
            for i in range(13)]

    def pages(**filters):
        return [[item.id for item in search_listings(SearchParams(q="lua", per_page=4, page=n, **filters)).items]
                for n in (1, 2, 3, 4)]

    for filters in ({}, {"craft": "silk"}, {"village": "van-phuc", "craft": "silk"}):
        counted = pages(**filters)
        with monkeypatch.context() as alone:
            alone.setattr(browse, "_ranked_with_counts", lambda params, rank, cap: None)
            assert counted == pages(**filters), filters
        wanted = [m.id for i, m in enumerate(made)
                  if filters.get("craft", "silk" if i % 3 else "ceramics") == ("silk" if i % 3 else "ceramics")
                  and filters.get("village", "van-phuc" if i % 2 == 0 else "ha-dong") == ("van-phuc" if i % 2 == 0 else "ha-dong")]
        assert sorted(i for page in counted for i in page) == sorted(wanted), filters
    # The titles that say "lụa" first (search.TITLE_WEIGHT), then the others: newest first among equals,
    # on both databases
    titles_first = [13, 9, 5, 1, 12, 11, 10, 8, 7, 6, 4, 3, 2]
    assert [i for page in pages() for i in page] == [made[n - 1].id for n in titles_first]

    monkeypatch.setattr(browse, "RANK_CAP", 6)  # past the 6 ranked candidates, the rest follow newest first
    monkeypatch.setitem(app.config, "SEARCH_COUNT_CAP", 8)  # 13 matches: the filtered ones counted again
    past = {key: pages(**filters) for key, filters in (("all", {}), ("silk", {"craft": "silk"}),
                                                       ("van-phuc", {"village": "van-phuc"}))}
    assert past["all"][2:] == [[made[n - 1].id for n in (5, 4, 3, 2)], [made[0].id]]
    assert past["van-phuc"][0] == [made[n - 1].id for n in (13, 9, 5, 11)]  # the same on both databases
    monkeypatch.setattr(browse, "_ranked_with_counts", lambda params, rank, cap: None)
    assert past == {key: pages(**filters) for key, filters in (("all", {}), ("silk", {"craft": "silk"}),
                                                               ("van-phuc", {"village": "van-phuc"}))}


def test_a_long_query_no_product_holds_whole_shows_those_missing_one_word(catalogue, client):
    """Does "gom men lam ran" (no listing has all four words) show the blue vase (gốm, men, lam) and the
    crackle bowl (gốm, men, rạn), said to miss one word, in both languages and in the API, and does a
    query whose products miss two words show nothing?"""
    page = search_listings(SearchParams(q="gom men lam ran"))
    assert sorted(item.id for item in page.items) == sorted([catalogue["vase"].id, catalogue["bowl"].id])
    assert (page.total, page.fuzzy, page.most_words, page.did_you_mean) == (2, True, True, None)

    html = client.get("/products?q=gom+men+lam+ran&lang=en").get_data(as_text=True)
    assert "No product has every word of “gom men lam ran”. Showing products with all of them but one." in html
    assert "Showing near matches" not in html
    html = client.get("/products?q=gom+men+lam+ran&lang=vi").get_data(as_text=True)
    assert "Không sản phẩm nào có đủ mọi từ của “gom men lam ran”. Đang hiện các sản phẩm chỉ thiếu một từ." in html

    api = client.get("/api/v1/products?q=gom+men+lam+ran").json
    assert (api["total"], api["near_matches"], api["most_words"]) == (2, True, True)
    assert sorted(item["id"] for item in api["items"]) == sorted([catalogue["vase"].id, catalogue["bowl"].id])

    none = search_listings(SearchParams(q="gom lim khan"))  # each listing holds one of the three words
    assert (none.items, none.total, none.most_words) == ([], 0, False)
    assert client.get("/api/v1/products?q=gom+lim+khan").json["most_words"] is False
