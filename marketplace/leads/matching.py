"""How an inquiry is matched: pure scoring, ranking and consortium allocation.

Nothing here touches the database; ``leads.candidates`` finds the candidates in SQL and
``leads.services.run_matching`` stores what this module decides. That keeps the rules
easy to read and to test with exact numbers.

Score (0 to 100, rounded to a whole number): relevance × the weighted sum of:

- relevance, 35: how well the producer's best-matching listing covers the request's content
  terms (``leads.relevance``: stems, synonyms, diacritics, typos; a term in the title counts 1,
  elsewhere 0.5), an absolute share, not relative to the other candidates; a producer of a
  listing the importer referenced, or any producer when the request names only a craft,
  gets all 35 (relevance 1);
- capacity, 25: monthly capacity × days until the required date / 30, against the
  quantity (capped at the quantity);
- price, 20: all 20 when the unit price at this quantity (wholesale tiers included) is
  within the target or no target is given, falling linearly to 0 at twice the target;
- MOQ, 10: when the listing's minimum order is at most the quantity;
- export readiness, 10.

A candidate under the absolute floor (``relevance.MIN_RELEVANCE``, and a term in the title) is
left out, unless it made a listing the importer referenced; when every candidate is, the
inquiry is "no match" with the terms nobody's listing has and what the closest one lacks.
A listing whose lead time exceeds the days left can make nothing by the date. Capacity by the
date is what the producer's calendar has free (``leads.capacity``, ``producers.capacity``): month by
month, its capacity (a month it stated, or the standard one; 0 when blocked) less what accepted
quotes and unshipped wholesale deals book in it (``leads.bookings``), each spread evenly over its days.

Ties rank by capacity by the date (larger first), then producer id (older first).

Consortium, only when no single producer covers the quantity by the date: candidates are
grouped by each active collective trademark they hold (the association leads), or, when
no mark group can cover it, by village. Within a group members are taken in rank order
until their combined capacity covers the quantity. Each member is first given its whole
capacity; the surplus is then handed back by the last-picked member first, never below its
MOQ, so the best-ranked members make the most and the last one makes the rest. A member
whose MOQ exceeds its capacity by the date is left out. Among groups that cover, the one
needing the fewest members wins, then the highest total score, then the lowest mark
(or village) id.
"""
from dataclasses import dataclass, field
from datetime import date
from fractions import Fraction

from marketplace.catalog import units
from marketplace.leads.capacity import free_for
from marketplace.leads.relevance import MIN_RELEVANCE

WEIGHTS = {"relevance": 35, "capacity": 25, "price": 20, "moq": 10, "export": 10}
SHORTLIST = 10  # matches kept and told, besides consortium members


@dataclass(frozen=True)
class Mark:
    id: int
    name_vi: str
    name_en: str
    association_id: int


@dataclass(frozen=True)
class Request:
    quantity: int
    required_by: date
    today: date
    unit: str = "piece"
    target_price_vnd: int | None = None
    required_ocop_stars: int | None = None
    required_trademark_id: int | None = None
    words: tuple = ()  # labels of the content terms (``relevance.Query.labels``)
    corrected: tuple = ()  # (typed, read as) pairs of respelt request words


@dataclass(frozen=True)
class Candidate:
    producer_id: int
    name: str
    village_id: int
    village_name: str
    monthly_capacity: int
    export_ready: bool = False
    ocop_stars: int | None = None  # valid today, else None
    listing_id: int | None = None
    listing_title_vi: str = ""
    listing_title_en: str = ""
    moq: int = 1
    unit_price_vnd: int | None = None  # at the requested quantity
    relevance: float = 1.0  # 0 to 1, ``relevance.judge``
    matched_terms: int = 0
    missing: tuple = ()  # labels of the request's terms the listing lacks
    in_title: bool = True
    lead_time_days: int = 0
    unit: str = "piece"  # the listing's selling unit; a set, pack or box holds pack_size × pack_unit
    booked: tuple = ()  # producers.capacity.Booking: accepted quotes and deals not shipped (leads.bookings)
    calendar: tuple = ()  # producers.capacity.Row: its capacity calendar from this month on
    pack_size: int = 1
    pack_unit: str | None = None
    referenced: bool = False
    marks: tuple = ()  # Mark, active memberships only


@dataclass
class Scored:
    candidate: Candidate
    score: int
    capacity_by_date: int
    covers: bool
    reasons: list
    rank: int = 0
    comparable: bool = True  # False: sold by a unit that does not convert to the request's (shown apart)
    moq: int = 1  # the listing's minimum order in the request's unit

    @property
    def producer_id(self):
        return self.candidate.producer_id


@dataclass
class ConsortiumPlan:
    kind: str  # "trademark" or "village"
    group_id: int  # trademark id or village id
    association_id: int | None
    village_id: int | None
    trademark_id: int | None
    members: list  # [(Scored, allocation)] in allocation order
    capacity: int


@dataclass
class Result:
    ranked: list = field(default_factory=list)  # Scored, best first
    consortium: ConsortiumPlan | None = None
    no_match_reasons: list = field(default_factory=list)

    @property
    def matched(self):
        return not self.no_match_reasons


def relevant(candidate, request):
    """Above the floor: referenced, or the request names only a craft, or its listing covers enough."""
    return candidate.referenced or not request.words or (
        candidate.in_title and candidate.relevance >= MIN_RELEVANCE)


def _listing(candidate):
    return {"vi": candidate.listing_title_vi, "en": candidate.listing_title_en or candidate.listing_title_vi}


def score(candidate, request):
    """The candidate's score, its capacity by the date and the reasons, good and bad."""
    reasons = []
    by = request.required_by.isoformat()
    total_words = len(request.words)
    if candidate.referenced:
        relevance = 1.0
        reasons.append({"code": "referenced", "listing": _listing(candidate)})
    elif total_words:
        relevance = candidate.relevance
        reasons.append({"code": "matches_words", "matched": candidate.matched_terms, "total": total_words,
                        "listing": _listing(candidate), "price": candidate.unit_price_vnd,
                        "missing": list(candidate.missing)})
        if request.corrected:
            reasons.append({"code": "read_as", "words": [list(pair) for pair in request.corrected]})
    else:
        relevance = 1.0
        reasons.append({"code": "makes_craft", "listing": _listing(candidate)})

    per = units.ratio(candidate.unit, candidate.pack_size, candidate.pack_unit, request.unit)
    if per is None:  # pieces against kg: told apart, no capacity, price or MOQ points
        reasons.append({"code": "unit_mismatch", "unit": candidate.unit, "wanted": request.unit})
        reasons.append({"code": "export_ready" if candidate.export_ready else "not_export_ready"})
        points = relevance * (WEIGHTS["relevance"] + WEIGHTS["export"] * candidate.export_ready)
        return Scored(candidate, int(points + 0.5), 0, False, reasons, comparable=False)
    if per != 1:
        reasons.append({"code": "unit_converted", "unit": candidate.unit, "pack_size": candidate.pack_size,
                        "pack_unit": candidate.pack_unit, "wanted": request.unit, "ratio": str(per)})
    # Capacity counts the listing's selling units; price and MOQ are converted to the request's unit.
    available, booked, blocked = free_for(candidate, request, per)
    if blocked:
        reasons.append({"code": "capacity_blocked", "months": [m.isoformat() for m in blocked]})
    if booked:
        reasons.append({"code": "capacity_booked", "booked": booked, "by": by})
    covers = available >= request.quantity
    if candidate.lead_time_days > (request.required_by - request.today).days:
        reasons.append({"code": "lead_time_too_long", "days": candidate.lead_time_days, "by": by})
    reasons.append({
        "code": "capacity_covers" if covers else "capacity_short", "capacity": candidate.monthly_capacity,
        "available": available, "quantity": request.quantity, "unit": request.unit, "by": by,
    })
    capacity = min(1.0, available / request.quantity)

    price_share = 1.0
    price = candidate.unit_price_vnd
    if price is not None and per != 1:
        price = int(Fraction(price) / per + Fraction(1, 2))  # VND per requested unit, rounded half up
    if price is not None and request.target_price_vnd:
        target = request.target_price_vnd
        if price <= target:
            reasons.append({"code": "price_within", "price": price, "target": target})
        else:
            price_share = max(0.0, 1 - (price - target) / target)
            reasons.append({"code": "price_above", "price": price, "target": target,
                            "percent": round((price - target) * 100 / target)})
    elif price is not None:
        reasons.append({"code": "price_from", "price": price})

    moq = -(-candidate.moq * per.numerator // per.denominator)  # in the request's unit, rounded up
    moq_ok = moq <= request.quantity
    reasons.append({"code": "moq_ok" if moq_ok else "moq_above", "moq": moq, "quantity": request.quantity,
                    "unit": request.unit})
    for mark in candidate.marks:
        reasons.append({"code": "mark_member", "mark": {"vi": mark.name_vi, "en": mark.name_en}})
    if candidate.ocop_stars:
        reasons.append({"code": "ocop", "stars": candidate.ocop_stars})
    reasons.append({"code": "export_ready" if candidate.export_ready else "not_export_ready"})

    # Relevance also scales the rest: a listing covering half the request never outscores one covering it all
    # on capacity or price alone, and never reads 90/100.
    points = relevance * (WEIGHTS["relevance"] + WEIGHTS["capacity"] * capacity + WEIGHTS["price"] * price_share
                          + WEIGHTS["moq"] * moq_ok + WEIGHTS["export"] * candidate.export_ready)
    return Scored(candidate, int(points + 0.5), available, covers, reasons, moq=moq)


def rank(candidates, request):
    """Score every candidate and rank them: score, then capacity by the date, then producer id."""
    scored = [score(c, request) for c in candidates if relevant(c, request)]
    scored.sort(key=lambda s: (not s.comparable, -s.score, -s.capacity_by_date, s.producer_id))
    for position, item in enumerate(scored, 1):
        item.rank = position
    return scored


def not_relevant(candidates, request):
    """Why listings were found but none is a match: the terms no candidate's listing has (if any),
    and what the closest one (most relevant, then lowest producer id) lacks."""
    missing = [w for w in request.words if all(w in c.missing for c in candidates)]
    closest = min(candidates, key=lambda c: (-c.relevance, c.producer_id))
    reasons = [{"code": "nobody_has", "missing": missing}] if missing else []
    if closest.relevance > 0 or not reasons:
        reasons.append({"code": "closest_lacks", "listing": _listing(closest), "producer": closest.name,
                        "percent": round(closest.relevance * 100), "missing": list(closest.missing)})
    return reasons


def allocate(members, quantity):
    """[(member, allocation)] covering ``quantity`` from ``members`` in order, or None if they cannot."""
    chosen, total = [], 0
    for member in members:
        chosen.append(member)
        total += member.capacity_by_date
        if total >= quantity:
            break
    if total < quantity or len(chosen) < 2:
        return None
    shares = [m.capacity_by_date for m in chosen]
    surplus = total - quantity
    for i in reversed(range(len(chosen))):
        give = min(surplus, shares[i] - chosen[i].moq)
        shares[i] -= give
        surplus -= give
        if not surplus:
            break
    if surplus:  # the members' MOQs alone exceed the quantity
        return None
    return list(zip(chosen, shares))


def _groups(scored, request):
    """Eligible members grouped by mark and by village: {("trademark"|"village", id): (label, [Scored])}."""
    eligible = [s for s in scored if s.capacity_by_date > 0 and s.moq <= s.capacity_by_date]
    by_mark, by_village = {}, {}
    for item in eligible:  # already in rank order
        for mark in item.candidate.marks:
            if request.required_trademark_id and mark.id != request.required_trademark_id:
                continue
            by_mark.setdefault(mark.id, (mark, []))[1].append(item)
        by_village.setdefault(item.candidate.village_id, (item.candidate.village_name, []))[1].append(item)
    return by_mark, by_village


def plan_consortium(scored, request):
    """The consortium that covers the quantity by the date, or (None, shortfall reason)."""
    by_mark, by_village = _groups(scored, request)
    plans = []
    for mark_id, (mark, members) in sorted(by_mark.items()):
        shares = allocate(members, request.quantity)
        if shares:
            plans.append(ConsortiumPlan("trademark", mark_id, mark.association_id, None, mark_id, shares,
                                        sum(m.capacity_by_date for m, _ in shares)))
    if not plans and not request.required_trademark_id:
        for village_id, (_name, members) in sorted(by_village.items()):
            shares = allocate(members, request.quantity)
            if shares:
                plans.append(ConsortiumPlan("village", village_id, None, village_id, None, shares,
                                            sum(m.capacity_by_date for m, _ in shares)))
    if plans:
        plans.sort(key=lambda p: (len(p.members), -sum(m.score for m, _ in p.members), p.group_id))
        return plans[0], None
    # Nothing covers: say how close the largest group came.
    groups = [({"vi": mark.name_vi, "en": mark.name_en}, members) for mark, members in by_mark.values()]
    if not request.required_trademark_id:
        groups += [({"vi": name, "en": name}, members) for name, members in by_village.values()]
    groups = [group for group in groups if len(group[1]) >= 2]  # a "group" of one says nothing new
    if not groups:
        return None, None
    label, members = max(groups, key=lambda g: (sum(m.capacity_by_date for m in g[1]), -len(g[1])))
    return None, {"code": "combined_capacity_short", "producers": len(members), "group": label,
                  "capacity": sum(m.capacity_by_date for m in members), "quantity": request.quantity,
                  "unit": request.unit, "by": request.required_by.isoformat()}


def match(candidates, request, excluded_by_requirements=0):
    """Rank ``candidates``; propose a consortium when no single one covers; else say why not.

    ``excluded_by_requirements`` is how many producers make the product but fail the
    required OCOP stars or mark (counted only when no candidate is left).
    """
    ranked = rank(candidates, request)
    if not ranked:
        if candidates:
            return Result([], None, not_relevant(candidates, request))
        if excluded_by_requirements:
            reason = {"code": "requirements_exclude", "count": excluded_by_requirements,
                      "ocop": request.required_ocop_stars, "trademark": bool(request.required_trademark_id)}
        else:
            reason = {"code": "no_producer_makes", "missing": list(request.words)}
        return Result([], None, [reason])
    if any(item.covers for item in ranked):
        return Result(ranked[:SHORTLIST])
    plan, shortfall = plan_consortium(ranked, request)
    if plan is None:
        reasons = [{"code": "no_single_producer", "best": max(s.capacity_by_date for s in ranked), "quantity": request.quantity,
                    "unit": request.unit, "by": request.required_by.isoformat()}]
        if shortfall:
            reasons.append(shortfall)
        return Result(ranked[:SHORTLIST], None, reasons)
    members = {m.producer_id for m, _ in plan.members}
    shortlist = [item for item in ranked if item.rank <= SHORTLIST or item.producer_id in members]
    return Result(shortlist, plan)
