"""How well a listing covers an importer's request: pure functions over the catalogue's language tools.

A request is read as the catalogue search reads a query (``catalog.synonyms.expand``): every
word, not the first eight, each word or known phrase a *term* with its English stem and its
bilingual synonyms ("mugs" → "mug", "cup", "cốc sứ", "tách"). Trade filler ("please",
"handmade", "gift", "cm", "cần", "làm": ``catalog/stopwords.json``) and figures are dropped.
A typo is read as the catalogue's closest word (``catalog.spelling``, done by the caller, which
has the database: ``leads.candidates.read_request``).

A term matches a listing by any of its alternatives, by stem (never by prefix: "paper" is not
"paperweight", "hat" is not "hatch"). When the request is typed with diacritics anywhere, its
words are compared with theirs: "mây" (rattan) is not "máy", "tre" (bamboo) is not "trẻ", "lụa"
(silk) is not "lúa"; a request typed without any keeps the catalogue's folded rules.

Coverage: each term found in the listing's title (either language) counts 1, found only in the
rest of its text (description, materials, producer, village, craft, marks) 0.5; relevance is
the sum over the number of the request's terms. A listing is a match only if the request's
*head* term (what the thing is) is in its title and its relevance is at least
``MIN_RELEVANCE``: "paper lanterns" is not a paper flag, "coffee mugs" is a porcelain mug at
half relevance, matching one generic word of seven is not a match. The head is the last term
of an English request ("blue glaze *vases*") and the first of a Vietnamese one ("*bình gốm* men
lam"); a request is Vietnamese when typed with diacritics, or when its first term is a
Vietnamese member of the synonym table typed without them ("khan lua", "gio may").
"""
import re
from functools import lru_cache
from typing import NamedTuple

from marketplace.catalog import search, synonyms
from marketplace.text import fold, marked_words, stem

TITLE_WEIGHT = 1.0
TEXT_WEIGHT = 0.5
MIN_RELEVANCE = 0.5  # with the head in the title: two terms, the head; three, the head and one more
CORRECT_MIN = 4  # words shorter than this (mostly Vietnamese syllables) are never respelt
# Where a request turns to whom or where it is for ("… for our Paris shops", "… cho khách sạn"): dropped.
_PURPOSE = re.compile(r"\b(?:for|at|cho|tại|dành)\b", re.IGNORECASE)
# Where the thing named first gets its attributes ("vases, hand-painted", "jars with lids"): the head ends.
_ATTRIBUTES = re.compile(r"[,;:()/.!?]|\b(?:with|of|from|without|made|có|bằng|với|từ)\b", re.IGNORECASE)
# The same in a listing's title: ``catalog.search.TITLE_DETAILS``.


class Query(NamedTuple):
    """A request's content ``terms`` (``synonyms.Term``); ``strict`` when typed with diacritics;
    ``corrected``: (typed, read as) pairs of respelt words."""

    terms: tuple
    strict: bool
    corrected: tuple = ()
    head: int = 0  # index of the term saying what the thing is

    @property
    def labels(self):
        return [" ".join(term.typed) for term in self.terms]


class Judgement(NamedTuple):
    relevance: float  # 0 to 1
    matched: int  # terms found anywhere in the listing
    total: int
    missing: tuple  # the terms' labels not found
    in_title: bool  # the head term is in the title

    @property
    def relevant(self):
        return self.in_title and self.relevance >= MIN_RELEVANCE


def _content(term):
    return not synonyms.is_filler(term) and not any(ch.isdigit() for w in term.words for ch in w)


def _terms(text):
    return tuple(term for term in synonyms.expand(marked_words(text)) if _content(term))


def _first_with_content(pieces):
    return next((piece for piece in pieces if _terms(piece)), "")


def parse(description, corrections=None):
    """The request's content terms; ``corrections`` maps a folded word to the word it is read as.

    What follows a purpose word ("for", "cho") is left out, and the head is looked for in the first
    phrase before any attribute ("with", a comma)."""
    description = _first_with_content(_PURPOSE.split(description or ""))
    typed = marked_words(description)
    strict = any(fold(word) != word for word in typed)
    corrected = []
    if corrections:
        respelt = []
        for word in typed:
            read = corrections.get(fold(word))
            if read and read != fold(word):
                corrected.append((word, read))
            respelt.append(read or word)
        typed = respelt
    terms = tuple(term for term in synonyms.expand(typed) if _content(term))
    return Query(terms, strict, tuple(dict.fromkeys(corrected)), _head(terms, strict, description, corrections))


def _head(terms, strict, description, corrections):
    """Index of the term that says what the thing is: the last of the first phrase in English, the first in
    Vietnamese."""
    if not terms:
        return 0
    first = _first_with_content(_ATTRIBUTES.split(description))
    if corrections:
        first = " ".join(corrections.get(fold(w), w) for w in marked_words(first))
    phrase = _terms(first)
    head = phrase[0] if strict or _vietnamese(phrase[0]) else phrase[-1]
    return next((i for i, term in enumerate(terms) if term.words == head.words), 0)


def _vietnamese(term):
    """A term typed without diacritics that is a Vietnamese member of the synonym table ("khan lua", "gio")."""
    return synonyms.vietnamese_member(term.words)


def correctable(query):
    """Folded words worth a spelling look-up: single words without synonyms, long enough, typed plain."""
    words = []
    for term in query.terms:
        own = {(term.words[0],), (stem(term.words[0]),)}
        if len(term.words) == 1 and not term.has_diacritics and len(term.words[0]) >= CORRECT_MIN \
                and all(alt.words in own and alt.exact is None for alt in term.alternatives):
            words.append(term.words[0])
    return words


def sql_words(query):
    """Folded words for the candidate search (any of them): each alternative's word and stem, a
    phrase's longest word."""
    words = []
    for term in query.terms:
        for alt in term.alternatives:
            if len(alt.words) == 1:
                words += [alt.words[0], stem(alt.words[0])]
            else:
                words.append(max(alt.words, key=len))
    return list(dict.fromkeys(w for w in words if w))


class _Text(NamedTuple):
    words: frozenset
    stems: frozenset
    padded: str  # the words, space-padded, for phrases
    marked: str  # the words with diacritics, space-padded
    head: "_Text | None" = None  # a title's naming phrase, before its details


def text_of(search_text, search_marked, strict):
    """What a listing's text offers a request: folded words and stems, or, for a request typed with
    diacritics, its words with theirs (stems only of words that have none)."""
    marked = (search_marked or "").split()
    if strict:
        words = frozenset(marked)
        return _Text(words, frozenset(map(stem, [w for w in words if w.isascii()])), f" {' '.join(marked)} ",
                     f" {' '.join(marked)} ")
    folded = (search_text or "").split()
    words = frozenset(folded)  # each distinct word stemmed once (``stem`` is cached)
    return _Text(words, frozenset(map(stem, words)), f" {' '.join(folded)} ", f" {' '.join(marked)} ")


def title_text(title_vi, title_en, strict):
    """A listing's titles, with their naming phrases (where the request's head must be) as ``head``."""
    return title_of(search.title_words(title_vi, title_en), strict)


@lru_cache(maxsize=4096)
def title_of(search_title, strict):
    """``title_text`` from a listing's stored ``search_title`` (``catalog.search.title_words``): the hot
    path of a matching run (benchmarks/leads_bench.py), which then folds no title. Cached, and built
    straight from folded and marked words (no stem list: ``text_of`` stems each word)."""
    folded, marked, head_folded, head_marked = search_title.split("|")
    return text_of(folded, marked, strict)._replace(head=text_of(head_folded, head_marked, strict))


@lru_cache(maxsize=1024)
def _alternatives(term, strict):
    """A term typed with diacritics in a strict request must be found with them ("mây", not "máy")."""
    if not (strict and term.has_diacritics):
        return term.alternatives
    own = {term.words, (stem(term.words[0]),)}
    return (synonyms.Alternative(term.words, term.typed),
            *[alt for alt in term.alternatives if alt.exact is not None or alt.words not in own])


def _found(alternatives, text):
    for alt in alternatives:
        if alt.exact is not None:
            if f" {' '.join(alt.exact)} " in text.marked:
                return True
        elif len(alt.words) == 1:
            if alt.words[0] in text.words or stem(alt.words[0]) in text.stems:
                return True
        elif f" {' '.join(alt.words)} " in text.padded:
            return True
    return False


def in_title(query, title):
    """Which of the request's terms the listing's ``title`` (``title_text``) has, in order: booleans."""
    return tuple(_found(_alternatives(term, query.strict), title) for term in query.terms)


def most(query, found):
    """The highest relevance a listing can reach whose title has the terms ``found`` (``in_title``): every
    other term found in the rest of its text. ``judge`` never gives more, so a listing whose bound is
    below another's judged relevance need not be judged (``leads.candidates``)."""
    total = len(query.terms)
    return sum(TITLE_WEIGHT if has else TEXT_WEIGHT for has in found) / total if total else 1.0


def judge(query, title, text, found=None):
    """How the listing whose ``title`` and whole ``text`` (``title_text``, ``text_of``) are given covers ``query``.

    ``found``: ``in_title(query, title)`` if already known; ``text`` may then be None when the title has
    every term (the rest of the text is not looked at)."""
    found = in_title(query, title) if found is None else found
    points, matched, missing, has_head = 0.0, 0, [], False
    for index, (term, label, titled) in enumerate(zip(query.terms, query.labels, found)):
        alternatives = _alternatives(term, query.strict)
        if titled:
            points, matched = points + TITLE_WEIGHT, matched + 1
            has_head = has_head or (index == query.head and _found(alternatives, title.head or title))
        elif _found(alternatives, text):
            points, matched = points + TEXT_WEIGHT, matched + 1
        else:
            missing.append(label)
    total = len(query.terms)
    return Judgement(points / total if total else 1.0, matched, total, tuple(missing), has_head)


def prepare():
    """Load the synonym table, the trade filler and the stemmer (``parse`` does on first use): called once
    at import, so that a worker's first matching run does not pay for it (30-70 ms)."""
    parse("prepared vases")


prepare()
