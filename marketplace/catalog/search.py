"""Diacritic-insensitive search over listings, on PostgreSQL and SQLite alike.

Both backends search ``listings.search_text``: the folded words (see ``marketplace.text.fold``)
of the listing's titles, descriptions and materials and of its producer, village, craft and
marks. A query is folded the same way, so "bat trang" and "Bát Tràng", "do go" and "đồ gỗ"
are the same query. Short words (three letters or fewer, mostly Vietnamese syllables) must
match a whole word; longer ones match as a prefix, so "vase" finds "vases".

- PostgreSQL: a generated ``search_vector`` (``to_tsvector('simple', f_unaccent(search_text))``)
  with a GIN index answers ``@@ to_tsquery``, ranked by ``ts_rank``; when nothing matches,
  trigram similarity on the same text offers near misses ("bat trng").
- SQLite: the same word rules as ``LIKE`` patterns on the space-padded folded column.
"""
from contextlib import contextmanager

from sqlalchemy import and_, case, func, literal, literal_column, or_, text

from marketplace.text import fold

PREFIX_MIN = 4
MAX_TOKENS = 8


def tokens(query):
    return fold(query).split()[:MAX_TOKENS]


def searchable_text(listing):
    """The folded, space-padded text stored in ``listing.search_text``."""
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
    for right in listing.rights:
        if right.is_valid:
            parts += [right.trademark.name_vi, right.trademark.name_en]
    return f" {fold(' '.join(p for p in parts if p))} "


def refresh(listing):
    listing.search_text = searchable_text(listing)


def _is_postgres(session):
    return session.get_bind().dialect.name == "postgresql"


def _tsquery_text(words):
    return " & ".join(f"{w}:*" if len(w) >= PREFIX_MIN else w for w in words)


def text_condition(session, column, query):
    """(where clause, rank expression) for ``query`` against a folded ``search_text`` column.

    Returns (None, None) for an empty query.
    """
    words = tokens(query)
    if not words:
        return None, None
    if _is_postgres(session):
        vector = literal_column(f"{column.table.name}.search_vector")
        tsquery = func.to_tsquery("simple", func.f_unaccent(literal(_tsquery_text(words))))
        return vector.op("@@")(tsquery), func.ts_rank(vector, tsquery)
    clauses = [column.like(f"% {w}%") if len(w) >= PREFIX_MIN else column.like(f"% {w} %") for w in words]
    phrase = " ".join(words)
    rank = case((column.like(f"% {phrase} %"), 2), (column.like(f"% {phrase}%"), 1), else_=0)
    return and_(*clauses), rank


def fuzzy_condition(session, column, query):
    """PostgreSQL only: trigram near misses for a query that found nothing; (None, None) elsewhere.

    ``'query' <% search_text`` (word similarity above pg_trgm's threshold, 0.6) is answered by
    the trigram GIN index; callers cap how many near misses they count.
    """
    words = tokens(query)
    if not words or not _is_postgres(session):
        return None, None
    folded = literal(" ".join(words))
    return folded.op("<%")(column), func.word_similarity(folded, column)


QUERY_CANCELED = "57014"  # PostgreSQL's SQLSTATE for a statement cancelled by statement_timeout


@contextmanager
def bounded_statement_time(session, milliseconds):
    """PostgreSQL: the statements run inside this block, and only them, give up after ``milliseconds``.

    ``SET LOCAL`` would last to the end of the transaction and cancel the page query that
    follows the near-miss count (a 500 under load), so the block runs in a savepoint and
    puts the previous timeout back after it; a cancelled statement undoes only the savepoint,
    which also restores the timeout. Elsewhere the block simply runs.
    """
    if not _is_postgres(session):
        yield
        return
    previous = session.scalar(text("SELECT current_setting('statement_timeout')"))
    with session.begin_nested():
        session.execute(text("SELECT set_config('statement_timeout', :value, true)"), {"value": str(int(milliseconds))})
        yield
        session.execute(text("SELECT set_config('statement_timeout', :value, true)"), {"value": previous})


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


def any_word_tsquery(words):
    """PostgreSQL: the OR tsquery of ``words`` with the catalogue's prefix rule."""
    query = " | ".join(f"{w}:*" if len(w) >= PREFIX_MIN else w for w in words)
    return func.to_tsquery("simple", func.f_unaccent(literal(query)))


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
