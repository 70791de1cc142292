"""Diacritic-insensitive search over listings, on PostgreSQL and SQLite alike.

Both backends search ``listings.search_text``: the folded words (see ``marketplace.text.fold``)
of the listing's titles, descriptions and materials and of its producer, village, craft and
marks, followed by the English stems of those words that have one ("vases" -> "vase").
A query is folded the same way, so "bat trang" and "Bát Tràng", "do go" and "đồ gỗ" are the
same query, and split into terms (``catalog.synonyms.expand``): each word or known phrase
matches by itself, by its stem, or by any member of its synonym groups ("pottery" finds
"ceramic" and "gốm"). Short words (three letters or fewer, mostly Vietnamese syllables) must
match a whole word; longer ones match as a prefix. Vietnamese synonyms, and short English
ones, must match ``listings.search_marked`` (the same words with their diacritics) exactly,
so "silk" finds "lụa" and never "lúa"; a query typed with diacritics ranks listings with
those exact words first.

- PostgreSQL: ``search_vector`` is generated from ``listings.search_terms`` (``indexed_text``: the
  same words and stems, each phrase of the synonym table and each exact form as one lexeme,
  migration 0027); its GIN index answers one tsquery of the same lexemes (``catalogue_tsquery``),
  ranked by ``ts_rank``.
- SQLite: the same word rules as ``LIKE`` patterns on the space-padded columns.
"""
import re
from typing import NamedTuple

from sqlalchemy import Integer, and_, any_, case, cast, func, literal, literal_column, or_
from sqlalchemy.dialects.postgresql import ARRAY, TSQUERY

from marketplace.catalog import spelling, suggest
from marketplace.catalog.synonyms import (
    PREFIX_MIN,
    Alternative,
    Term,
    alternative_lexeme,
    indexed_lexemes,
    matches_as_prefix,
    query_terms,
)
from marketplace.extensions import db
from marketplace.text import fold, marked_words, stem

MAX_TOKENS = 8
EXACT_WEIGHT = 10  # a term matched with the query's own diacritics outranks any ts_rank or phrase bonus
TITLE_WEIGHT = 3  # a term a listing's title holds outranks one only its description holds


def tokens(query):
    return fold(query).split()[:MAX_TOKENS]


def listing_texts(listing, marks):
    """The texts a listing is found by: its own, its producer's, village's and craft's, and ``marks``' names."""
    producer = listing.producer
    village = producer.village if producer else None
    parts = [
        listing.title_vi,
        listing.title_en,
        listing.description_vi,
        listing.description_en,
        listing.materials,
        producer.name if producer else "",
        village.name if village else "",
        village.district if village else "",
        listing.craft.name_vi if listing.craft else "",
        listing.craft.name_en if listing.craft else "",
    ]
    for mark in marks:
        parts += [mark.name_vi, mark.name_en]
    return [p for p in parts if p]


def _valid_marks(listing):
    return [right.trademark for right in listing.rights if right.is_valid]


def facet_tags(listing, marks):
    """The lexemes of a listing's facet values, "@craft:gom-su", "@village:bat-trang", "@ocop:4" and
    "@mark:<slug>" for each of ``marks`` (no folded word holds an "@"): a search narrowed by facets asks
    the text index for them too (``text_condition``'s ``tags``), which intersects them with the words
    without reading a row. A superset of the facet filters, which still apply: the stars are the
    certificate's whatever its expiry, and slugs never change once made."""
    producer = listing.producer
    village = producer.village if producer else None
    tags = [f"@craft:{listing.craft.slug}"] if listing.craft else []
    if village:
        tags.append(f"@village:{village.slug}")
    if producer and producer.ocop_stars:
        tags.append(f"@ocop:{producer.ocop_stars}")
    return tags + [f"@mark:{mark.slug}" for mark in marks]


# The facets whose tag is the filter itself (a listing's craft, its producer's village: slugs never change,
# and every change of them refreshes the listing); OCOP's tag ignores the certificate's expiry and a
# mark's is checked again, so their filters still apply.
EXACT_TAGS = ("craft", "village")


def answers_tags(session):
    """True where ``text_condition`` asks the text index for tags (PostgreSQL; SQLite has no such index)."""
    return _is_postgres(session)


def facet_query_tags(craft="", village="", trademark="", ocop=None):
    """The tags a search's facet filters ask for (``facet_tags``): a list of alternatives per filter."""
    tags = [[f"@{name}:{slug}"] for name, slug in (("craft", craft), ("village", village), ("mark", trademark)) if slug]
    if ocop:
        tags.append([f"@ocop:{stars}" for stars in range(ocop, 6)])
    return tags


class Indexed(NamedTuple):
    """A listing's search columns: ``text`` and ``marked`` space-padded (SQLite's LIKE, the trigram
    near misses, export matching), ``terms`` PostgreSQL's lexemes, and the folded ``words``."""

    text: str
    marked: str
    terms: str
    words: list


def indexed_text(parts, tags=()):
    """The search columns of a listing's texts (``Indexed``); ``tags`` (``facet_tags``) join its lexemes."""
    words = fold(" ".join(parts)).split()
    known = set(words)
    stems = [s for s in dict.fromkeys(stem(w) for w in words) if s not in known]
    marked = marked_words(" ".join(parts))
    terms = dict.fromkeys([*words, *stems, *indexed_lexemes(words, marked), *tags])
    return Indexed(f" {' '.join(words + stems)} ", f" {' '.join(marked)} ", " ".join(terms), words)


# Where a title's naming phrase ends: "of" counts ("set of 6 rice bowls"), a comma starts the details
# ("Peanut brittle, 500 g bag" is brittle, not a bag). Export matching wants a request's head there.
TITLE_DETAILS = re.compile(r"[,;:()/]|\b(?:with|without|có|với|kèm)\b", re.IGNORECASE)


def title_words(title_vi, title_en):
    """``listings.search_title``: the titles' folded words, their marked words (diacritics kept), and the
    same two of their naming phrases (``TITLE_DETAILS``), "|"-separated (no word holds one).

    What export matching judges a title by (``leads.relevance.title_of``): stored with the other search
    columns, so that a matching run reads the titles of its 300 listings instead of folding each."""
    titles = [title_vi or "", title_en or ""]
    naming = [TITLE_DETAILS.split(title)[0] for title in titles]
    return "|".join(part for joined in (" ".join(titles), " ".join(naming))
                    for part in (fold(joined), " ".join(marked_words(joined))))


def search_columns(listing, marks):
    """A listing's search columns (``Indexed``), ``marks`` being the marks it validly carries."""
    return indexed_text(listing_texts(listing, marks), facet_tags(listing, marks))


def searchable_text(listing):
    """The folded, space-padded text stored in ``listing.search_text``."""
    return search_columns(listing, _valid_marks(listing)).text


def refresh(listing):
    """Recompute a listing's search columns, and add its words and names to what typing suggests."""
    marks = _valid_marks(listing)
    indexed = search_columns(listing, marks)
    listing.search_text, listing.search_marked, listing.search_terms = indexed.text, indexed.marked, indexed.terms
    listing.search_title = title_words(listing.title_vi, listing.title_en)
    session = db.session
    spelling.record(session, indexed.words)
    suggest.store(session, listing.id, suggest.listing_entries(listing, marks))


def _is_postgres(session):
    return session.get_bind().dialect.name == "postgresql"


def among(session, column, ids):
    """``column IN ids``; on PostgreSQL ``column = ANY(array)``, one parameter however many ids: psycopg
    caches the parsing of statements of at most 50 parameters, and parsing a matching run's IN lists of
    60 candidates again on every run cost more than running them (benchmarks/leads_bench.py)."""
    if _is_postgres(session):
        return column == any_(literal(list(ids), ARRAY(Integer)))
    return column.in_(ids)


def _quoted(lexeme, prefix):
    return "'" + lexeme.replace("'", "''") + "'" + (":*" if prefix else "")


def catalogue_tsquery(terms):
    """The tsquery text of a query's terms, for ``search_vector`` (lexemes as stored, no parser):
    every term, each by any of its alternatives' lexemes ("(do_go | wood:* | =gỗ) & ...")."""
    return " & ".join("(" + " | ".join(dict.fromkeys(_quoted(*alternative_lexeme(a)) for a in t.alternatives)) + ")"
                      for t in terms)


def _phrase_like(column, words, whole=False):
    """SQLite and exact words: the phrase on the space-padded column ("% gom su %"; "% vase%" as a prefix,
    unless ``whole``)."""
    phrase = " ".join(words)
    return column.like(f"% {phrase}%" if not whole and matches_as_prefix(fold(words[-1])) else f"% {phrase} %")


def _exact_like(marked, words):
    """Exact words with diacritics match whole words only: "% lụa %" is not "lụa" as a prefix of anything."""
    return marked.like(f"% {' '.join(words)} %")


def _boost(marked, terms):
    """One EXACT_WEIGHT per term typed with diacritics that the listing holds with the same ones."""
    typed = [t for t in terms if t.has_diacritics]
    return sum((case((_phrase_like(marked, t.typed), EXACT_WEIGHT), else_=0) for t in typed), literal(0))


def _title_boost(title, terms):
    """One TITLE_WEIGHT per term whose words as typed (or their stem) the listing's titles hold (their
    folded words, ``search_title``): "embroidered" ranks the embroidered picture above the apron whose
    description offers logos "embroidered to order". Tested on the ranked candidates only, never on
    every match, and by the typed words alone, not each synonym (1,000 candidates: a few LIKEs each)."""
    padded = literal(" ") + func.replace(title, "|", " ") + literal(" ")
    own = [[a for a in t.alternatives if not a.whole and not a.exact] for t in terms]
    return sum((case((or_(*[_phrase_like(padded, a.words) for a in alternatives]), TITLE_WEIGHT), else_=0)
                for alternatives in own if alternatives), literal(0))


def text_condition(session, column, query, tags=()):
    """(where clause, rank expression) for ``query`` against a folded ``search_text`` column.

    ``tags`` (``facet_query_tags``): on PostgreSQL the where clause asks the text index for them too,
    for a search whose facet filters also apply (the rank is the query's alone). Returns (None, None)
    for an empty query.
    """
    terms = query_terms(query, MAX_TOKENS)
    if not terms:
        return None, None
    marked = column.table.c.search_marked
    if _is_postgres(session):
        vector = literal_column(f"{column.table.name}.search_vector")
        query = cast(literal(catalogue_tsquery(terms)), TSQUERY)
        where = vector.op("@@")(query)
        if tags:
            where = vector.op("@@")(cast(literal(" & ".join(
                [catalogue_tsquery(terms)] + ["(" + " | ".join(_quoted(tag, False) for tag in any_of) + ")"
                                              for any_of in tags])), TSQUERY))
        return where, func.ts_rank(vector, query) + _boost(marked, terms) + _title_boost(column.table.c.search_title, terms)
    clauses = _term_clauses(column, marked, terms)
    phrase = " ".join(w for t in terms for w in t.words)
    rank = case((column.like(f"% {phrase} %"), 2), (column.like(f"% {phrase}%"), 1), else_=0)
    return and_(*clauses), rank + _boost(marked, terms) + _title_boost(column.table.c.search_title, terms)


def _term_clauses(column, marked, terms):
    """SQLite: one condition per term, any of its alternatives."""
    return [or_(*[_exact_like(marked, a.exact) if a.exact else _phrase_like(column, a.words, a.whole)
                  for a in t.alternatives])
            for t in terms]


def most_words_condition(session, column, query):
    """(where clause, rank expression) for listings holding every term of ``query`` but one, for a query
    of three terms or more that found nothing ("khăn lụa thêu tay": scarves in silk, or embroidered
    by hand, but none both); (None, None) for a shorter one. Ranked as the query's terms are, the more
    of them the better. The text index answers it on PostgreSQL (an OR of the ANDs), unlike trigram
    similarity, which reads nearly every listing for a long query of common words."""
    terms = query_terms(query, MAX_TOKENS)
    if len(terms) < 3:
        return None, None
    marked = column.table.c.search_marked
    if _is_postgres(session):
        vector = literal_column(f"{column.table.name}.search_vector")
        but_one = " | ".join(f"({catalogue_tsquery(terms[:i] + terms[i + 1:])})" for i in range(len(terms)))
        return vector.op("@@")(cast(literal(but_one), TSQUERY)), _any_term_rank(vector, marked, terms)
    clauses = _term_clauses(column, marked, terms)
    where = or_(*[and_(*(clauses[:i] + clauses[i + 1:])) for i in range(len(clauses))])
    return where, sum((case((clause, 1), else_=0) for clause in clauses), literal(0)) + _boost(marked, terms)


def _any_term_rank(vector, marked, terms):
    """PostgreSQL: ``ts_rank`` by any of the terms, so the more of them a listing holds the better."""
    any_term = " | ".join(f"({catalogue_tsquery([term])})" for term in terms)
    return func.ts_rank(vector, cast(literal(any_term), TSQUERY)) + _boost(marked, terms)


def _near_terms(lookup, query):
    """(terms, ranking terms) of ``query``, each word the catalogue does not know replaced: by the two
    known words it runs together (``spelling.splits``), else by the known words near it
    (``spelling.neighbours``), else, when a word of the query is known, left out, the words further
    from it only ranking the rest's listings. None when every word is known, or when none is and one
    has no replacement: a guess for each word is a guess at the query ("khong co gi" is not "gia",
    Gia Lâm's district)."""
    terms = query_terms(query, MAX_TOKENS)
    near = spelling.neighbours(lookup, [w for t in terms for w in t.words])
    if not near:
        return None
    split = lookup.splits(list(near))
    kept, ranking, known, dropped = [], [], False, False
    for term in terms:
        word = next((w for w in term.words if w in near), None)
        if word is None:
            kept.append(term)
            known = True
        elif word in split:
            kept.extend(query_terms(" ".join(split[word]), MAX_TOKENS))
        elif near[word].near:
            kept.append(_any_of(term, near[word].near))
        else:  # nothing is near enough to ask for
            dropped = True
            if near[word].loose:
                ranking.append(_any_of(term, near[word].loose))
    if (dropped and not known) or not kept:
        return None
    return kept, ranking


def _any_of(term, words):
    return Term(term.words, term.words, tuple(Alternative((w,)) for w in words))


def near_words_condition(session, column, query, lookup):
    """(where clause, rank expression) for listings holding the query's known words and, for each word
    the catalogue does not know, the two it runs together ("crackleglaze") or one of the known words near
    it; a word nothing is near enough is left out, and the known words further from it rank the rest's
    listings ("blue glazzzz": the blue ones, "blue glaze" first). (None, None) when every word is known
    or none is left.

    The near misses of a typo no respelling fixes, on both databases, by the catalogue's own
    vocabulary: the text index answers them as it does any search, where trigram similarity of the
    titles rechecks every title sharing the typo's letters (3,111 near "glaze", 130 ms at 100,000).
    ``lookup``: the search's ``spelling.Lookup``, which the respelling has read already."""
    near = _near_terms(lookup, query)
    if near is None:
        return None, None
    terms, ranking = near
    marked = column.table.c.search_marked
    if _is_postgres(session):
        vector = literal_column(f"{column.table.name}.search_vector")
        return (vector.op("@@")(cast(literal(catalogue_tsquery(terms)), TSQUERY)),
                _any_term_rank(vector, marked, terms + ranking))
    clauses = _term_clauses(column, marked, terms)
    ranked = clauses + _term_clauses(column, marked, ranking)
    return and_(*clauses), sum((case((clause, 1), else_=0) for clause in ranked), literal(0)) + _boost(marked, terms)


QUERY_CANCELED = "57014"  # PostgreSQL's SQLSTATE for a statement cancelled by statement_timeout


def timed_out(error):
    """True when a DBAPI error wrapped by SQLAlchemy is PostgreSQL cancelling a statement for its timeout."""
    return getattr(getattr(error, "orig", None), "sqlstate", None) == QUERY_CANCELED


def any_word_condition(session, column, words):
    """(where clause, rank expression) for listings matching *any* of ``words`` (folded tokens).

    The catalogue wants every word; an importer's free-text request ("blue glaze vases for
    hotels") should find listings matching some of it, better ranked the more they match.
    PostgreSQL: an OR tsquery on the same vector, ranked by ``ts_rank``; SQLite: the same
    LIKE rules, ranked by how many words match.
    """
    if not words:
        return None, None
    if _is_postgres(session):
        vector = literal_column(f"{column.table.name}.search_vector")
        tsquery = any_word_tsquery(words)
        return vector.op("@@")(tsquery), func.ts_rank(vector, tsquery)
    clauses = [column.like(f"% {w}%") if len(w) >= PREFIX_MIN else column.like(f"% {w} %") for w in words]
    return or_(*clauses), sum((case((clause, 1), else_=0) for clause in clauses), literal(0))


def _any_word_terms(words):
    """The words of an any-word query, without those a shorter one's prefix already matches ("ceramics"
    under "ceram"): the same rows match, and each row's test reads fewer terms (an importer's request
    with its synonyms and stems has ~20)."""
    prefixes = [w for w in words if len(w) >= PREFIX_MIN]
    return list(dict.fromkeys(w for w in words if not any(w != p and w.startswith(p) for p in prefixes)))


def any_word_tsquery(words):
    """PostgreSQL: the OR tsquery of ``words`` with the catalogue's prefix rule (``_any_word_terms``)."""
    query = " | ".join(f"{w}:*" if len(w) >= PREFIX_MIN else w for w in _any_word_terms(words))
    return func.to_tsquery("simple", func.f_unaccent(literal(query)))


def any_word_ranges(words):
    """(lows, highs): each term of ``any_word_tsquery(words)`` as the bytewise ("C") range of the words it
    matches, from low (included) to high (excluded). A prefix ("vase") runs to the next string of its
    length ("vasf"); a whole word ("gom") only to itself followed by U+0001, which sorts before every
    other character a word can hold (text holds no U+0000). ``words`` are folded (``tokens``: digits and
    a to z), so each is one word of the text search's own parsing, as in the tsquery."""
    lows, highs = [], []
    for word in _any_word_terms(words):
        lows.append(word)
        highs.append(word[:-1] + chr(ord(word[-1]) + 1) if len(word) >= PREFIX_MIN else word + "\x01")
    return lows, highs


def matched_words(search_text, words):
    """How many of ``words`` the folded ``search_text`` matches, by the same rules as the SQL."""
    tokens = set((search_text or "").split())
    count = 0
    for word in words:
        if len(word) >= PREFIX_MIN:
            count += any(token.startswith(word) for token in tokens)
        else:
            count += word in tokens
    return count
