"""PostgreSQL: a search's newest matches found by walking the newest listings, when its words go together.

A search keeps its ``cap + 1`` newest matches (facets, ranking: ``catalog.facets``, ``browse``).
PostgreSQL finds them one of two ways: through the text index (every match, then the newest of
them: cost grows with the matches, 96,340 for "lua van phuc" at 1,000,000 listings) or by walking
the primary key down from the newest listing and testing each one until ``cap + 1`` match (cost
``cap / share``, whatever the catalogue's size). It chooses by its estimate of the matches, and
for an AND of words it multiplies the words' shares as if they were independent: "lụa", "Vạn" and
"Phúc" are on the same listings, so it expects 982 matches of 9,634 and takes the index, reading
every match (64 ms at 100,000, 426 ms at 1,000,000).

So when every term of a query is common (each on at least ``WALK_SHARE`` of the listings, read
from the column's own statistics in ``pg_stats``), the search first looks only at the newest
``WALK_ROWS`` listings, by a condition the text index cannot answer (``coalesce(vector @@ query,
false)`` above a floor id, which PostgreSQL also estimates as common, so it stops at the cap): the walk. If that finds ``cap + 1`` matches they are the newest
``cap + 1`` matches of the whole catalogue; if not, the caller searches again the ordinary way
(``browse``), so the answer is the same either way, only its cost differs.
"""
import time

from sqlalchemy import and_, false, func, select, text

from marketplace.catalog.models import Listing
from marketplace.catalog.search import _is_postgres
from marketplace.catalog.synonyms import alternative_lexeme, query_terms

WALK_ROWS = 20_000  # the newest listings a walk looks at, at most
WALK_SHARE = 0.05  # each term on at least this share of the listings (cap 1,000 / 20,000)
STATS_SECONDS = 600  # how long a process keeps the column's statistics
_stats = {"until": 0.0, "shares": {}}

_STATS = text(
    "SELECT most_common_elems::text::text[] AS lexemes, most_common_elem_freqs AS shares FROM pg_stats "
    "WHERE schemaname = current_schema() AND tablename = 'listings' AND attname = 'search_vector'")


def _shares(session):
    """{lexeme: share of the listings holding it} for the column's most common lexemes (a lexeme not listed
    is on fewer listings than any listed one); read at most every STATS_SECONDS."""
    now = time.monotonic()
    if now >= _stats["until"]:
        row = session.execute(_STATS).first()
        lexemes, shares = (row.lexemes or [], row.shares or []) if row is not None else ([], [])
        _stats.update(until=now + STATS_SECONDS, shares=dict(zip(lexemes, shares)))
    return _stats["shares"]


def _term_share(term, shares):
    """About how many of the listings (a share) a term matches at most: the sum over its alternatives of
    their listed shares. An alternative not listed counts nothing: a term that is common only by its rare
    words is not walked for (the ordinary search is right for it; the walk would only be tried in vain)."""
    total = 0.0
    for alternative in term.alternatives:
        lexeme, prefix = alternative_lexeme(alternative)
        if prefix:
            total += sum(share for word, share in shares.items() if word.startswith(lexeme))
        else:
            total += shares.get(lexeme, 0.0)
    return min(total, 1.0)


def common_words(session, query, limit):
    """True on PostgreSQL when ``query`` has two terms or more, each on at least WALK_SHARE of the listings."""
    if not _is_postgres(session):
        return False
    terms = query_terms(query, limit)
    if len(terms) < 2:
        return False  # one word: PostgreSQL's estimate of it is its own statistics, and right
    shares = _shares(session)
    return all(_term_share(term, shares) >= WALK_SHARE for term in terms)


def condition(text_where):
    """The walk's form of a text condition: the newest WALK_ROWS ids (by the highest id: ids are not
    reused), the text tested row by row (``coalesce`` is nothing the text index answers)."""
    floor = select(func.max(Listing.id) - WALK_ROWS).scalar_subquery()
    return and_(Listing.id > floor, func.coalesce(text_where, false()))


def forget_statistics():
    """Read the column's statistics again on the next search (after an ANALYZE that changed them)."""
    _stats["until"] = 0.0
