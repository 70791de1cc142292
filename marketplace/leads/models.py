"""Export leads: importers' inquiries, the producers matched to them, consortium offers,
quotes and the message threads with the importer: one per lead (the producer's side) and one
per consortium (the admins of the association that leads it).

A *lead* is a ``Match``: one producer matched to one inquiry. Matching is re-run in place
(unique on inquiry and producer), so a lead keeps its quote and messages across re-runs.
"""
from typing import NamedTuple

from sqlalchemy import JSON, CheckConstraint, Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from marketplace.core.columns import Keyed
from marketplace.core.shares import split
from marketplace.core.time import utcnow
from marketplace.core.types import UTCDateTime, link_table
from marketplace.extensions import db

# Listings the importer points at ("like this one"): their producers get a relevance boost.
inquiry_references = link_table("inquiry_references", ("inquiry_id", "inquiries.id"), ("listing_id", "listings.id"))

INCOTERMS = ("EXW", "FCA", "FOB", "CFR", "CIF", "CPT", "CIP", "DAP", "DPU", "DDP")


class InquiryStatus:
    OPEN = "open"  # collecting quotes
    ACCEPTED = "accepted"  # the importer accepted a quote; closed to further quotes
    CLOSED = "closed"  # the importer closed it without accepting
    ALL = (OPEN, ACCEPTED, CLOSED)


class MatchingStatus:
    QUEUED = "queued"  # waiting for the worker; the beat sweep re-queues it if the message was lost
    DONE = "done"  # matched: at least one producer or a consortium can deliver
    NO_MATCH = "no_match"  # matched, but nothing can deliver; ``no_match_reasons`` says why
    ALL = (QUEUED, DONE, NO_MATCH)


class LeadResponse:
    OPEN = "open"  # the producer has not answered yet
    QUOTED = "quoted"  # the producer sent a quote
    DECLINED = "declined"  # the producer said no
    ALL = (OPEN, QUOTED, DECLINED)


class QuoteStatus:
    SUBMITTED = "submitted"  # waiting for the importer
    ACCEPTED = "accepted"  # the importer took it (one per inquiry)
    REJECTED = "rejected"  # the importer accepted another quote or closed the inquiry
    ALL = (SUBMITTED, ACCEPTED, REJECTED)


class Inquiry(Keyed, db.Model):
    """An importer's bulk inquiry."""

    __tablename__ = "inquiries"
    __table_args__ = (
        CheckConstraint("quantity >= 1", name="quantity_positive"),
        CheckConstraint("target_price_vnd IS NULL OR target_price_vnd >= 0", name="target_price_not_negative"),
    )

    importer_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    craft_id: Mapped[int | None] = mapped_column(ForeignKey("crafts.id"), nullable=True)
    # What they want, in their words (English or Vietnamese).
    description: Mapped[str] = mapped_column(Text, default="")
    quantity: Mapped[int] = mapped_column(Integer)
    unit: Mapped[str] = mapped_column(String(32), default="piece")
    # Integer VND per unit; None when the importer gives no target.
    target_price_vnd: Mapped[int | None] = mapped_column(Integer, nullable=True)
    # The currency the importer gave the target in ("VND", or "USD" converted once at USD_VND_RATE).
    target_price_currency: Mapped[str] = mapped_column(String(3), default="VND", server_default="VND")
    destination_country: Mapped[str] = mapped_column(String(2))
    incoterm: Mapped[str] = mapped_column(String(3), default="FOB")
    required_by = mapped_column(Date, nullable=False)
    required_ocop_stars: Mapped[int | None] = mapped_column(Integer, nullable=True)
    required_trademark_id: Mapped[int | None] = mapped_column(ForeignKey("trademarks.id"), nullable=True)
    status: Mapped[str] = mapped_column(String(16), default=InquiryStatus.OPEN, index=True)
    matching_status: Mapped[str] = mapped_column(String(16), default=MatchingStatus.QUEUED, index=True)
    # When matching was last asked for; the sweep re-queues inquiries queued for too long.
    matching_requested_at = mapped_column(UTCDateTime, default=utcnow)
    matched_at = mapped_column(UTCDateTime, nullable=True)
    # Reason codes and parameters (rendered in the reader's language) when nothing can deliver.
    no_match_reasons: Mapped[list] = mapped_column(JSON, default=list)
    created_at = mapped_column(UTCDateTime, default=utcnow, index=True)
    closed_at = mapped_column(UTCDateTime, nullable=True)

    importer = relationship("User")
    craft = relationship("Craft")
    required_trademark = relationship("Trademark")
    references = relationship("Listing", secondary=inquiry_references, order_by="Listing.id")
    matches = relationship("Match", back_populates="inquiry", order_by="Match.rank", cascade="all, delete-orphan")
    consortium = relationship("Consortium", back_populates="inquiry", uselist=False, cascade="all, delete-orphan")
    quotes = relationship("Quote", back_populates="inquiry", order_by="Quote.id")

    @property
    def is_open(self):
        return self.status == InquiryStatus.OPEN


class Consortium(Keyed, db.Model):
    """One offer from several producers under one collective trademark (or of one village)."""

    __tablename__ = "consortia"

    inquiry_id: Mapped[int] = mapped_column(ForeignKey("inquiries.id", ondelete="CASCADE"), unique=True)
    trademark_id: Mapped[int | None] = mapped_column(ForeignKey("trademarks.id"), nullable=True)
    # The association that leads the offer (None for a village consortium without a mark).
    association_id: Mapped[int | None] = mapped_column(ForeignKey("associations.id"), nullable=True, index=True)
    village_id: Mapped[int | None] = mapped_column(ForeignKey("villages.id"), nullable=True)
    capacity: Mapped[int] = mapped_column(Integer, default=0)
    # False when a re-run no longer proposes it (kept for its quote and history).
    active: Mapped[bool] = mapped_column(default=True)
    response: Mapped[str] = mapped_column(String(16), default=LeadResponse.OPEN)
    notified_at = mapped_column(UTCDateTime, nullable=True)
    created_at = mapped_column(UTCDateTime, default=utcnow)

    inquiry = relationship("Inquiry", back_populates="consortium")
    trademark = relationship("Trademark")
    association = relationship("Association")
    village = relationship("Village")
    members = relationship("Match", back_populates="consortium", order_by="Match.consortium_position")

    @property
    def lead_member(self):
        """The member who quotes for a village consortium without a mark: the highest-ranked one."""
        return self.members[0] if self.members else None

    @property
    def sharing_members(self):
        """The members given a share, lead first: those who supply a quote for the consortium."""
        return [m for m in self.members if m.allocation]
    messages = relationship("LeadMessage", back_populates="consortium", order_by="LeadMessage.id")


class Match(Keyed, db.Model):
    """A producer matched to an inquiry (for the producer: a lead), with its score and reasons."""

    __tablename__ = "matches"
    __table_args__ = (UniqueConstraint("inquiry_id", "producer_id"),)

    inquiry_id: Mapped[int] = mapped_column(ForeignKey("inquiries.id", ondelete="CASCADE"), index=True)
    producer_id: Mapped[int] = mapped_column(ForeignKey("producers.id"), index=True)
    # The listing that matched best, whose price and MOQ were judged.
    listing_id: Mapped[int | None] = mapped_column(ForeignKey("listings.id", ondelete="SET NULL"), nullable=True)
    rank: Mapped[int] = mapped_column(Integer)
    score: Mapped[int] = mapped_column(Integer)  # 0 to 100, see leads.matching
    # Can this producer alone supply the quantity by the date?
    covers: Mapped[bool] = mapped_column(default=False)
    capacity_by_date: Mapped[int] = mapped_column(Integer, default=0)
    unit_price_vnd: Mapped[int | None] = mapped_column(Integer, nullable=True)
    # [{"code": "capacity_covers", ...}, ...]: rendered in the reader's language (leads.reasons).
    reasons: Mapped[list] = mapped_column(JSON, default=list)
    consortium_id: Mapped[int | None] = mapped_column(ForeignKey("consortia.id", ondelete="SET NULL"), nullable=True, index=True)
    consortium_position: Mapped[int | None] = mapped_column(Integer, nullable=True)
    allocation: Mapped[int | None] = mapped_column(Integer, nullable=True)  # this member's share of a consortium
    active: Mapped[bool] = mapped_column(default=True)  # False when a re-run no longer matches it
    response: Mapped[str] = mapped_column(String(16), default=LeadResponse.OPEN)
    notified_at = mapped_column(UTCDateTime, nullable=True)  # producers are told once, however often matching runs
    created_at = mapped_column(UTCDateTime, default=utcnow)
    updated_at = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    inquiry = relationship("Inquiry", back_populates="matches")
    producer = relationship("Producer")
    listing = relationship("Listing")
    consortium = relationship("Consortium", back_populates="members")
    quote = relationship("Quote", back_populates="match", uselist=False)
    messages = relationship("LeadMessage", back_populates="match", order_by="LeadMessage.id")


class Quote(Keyed, db.Model):
    """A producer's quote on its lead, or an association's for its consortium (one each)."""

    __tablename__ = "quotes"
    __table_args__ = (
        CheckConstraint("unit_price_vnd >= 0", name="quote_price_not_negative"),
        CheckConstraint("quantity >= 1", name="quote_quantity_positive"),
        CheckConstraint("(match_id IS NULL) <> (consortium_id IS NULL)", name="quote_one_target"),
    )

    inquiry_id: Mapped[int] = mapped_column(ForeignKey("inquiries.id", ondelete="CASCADE"), index=True)
    match_id: Mapped[int | None] = mapped_column(ForeignKey("matches.id", ondelete="CASCADE"), unique=True, nullable=True)
    consortium_id: Mapped[int | None] = mapped_column(ForeignKey("consortia.id", ondelete="CASCADE"), unique=True, nullable=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    unit_price_vnd: Mapped[int] = mapped_column(Integer)
    quantity: Mapped[int] = mapped_column(Integer)
    lead_time_days: Mapped[int] = mapped_column(Integer)
    valid_until = mapped_column(Date, nullable=False)
    message: Mapped[str] = mapped_column(Text, default="")
    # Delivery terms and the deposit the importer pays before production (percent of the total).
    incoterm: Mapped[str] = mapped_column(String(3), default="FOB", server_default="FOB")
    port: Mapped[str] = mapped_column(String(80), default="", server_default="")  # port of loading
    deposit_pct: Mapped[int] = mapped_column(Integer, default=30, server_default="30")
    status: Mapped[str] = mapped_column(String(16), default=QuoteStatus.SUBMITTED)
    created_at = mapped_column(UTCDateTime, default=utcnow)
    decided_at = mapped_column(UTCDateTime, nullable=True)

    inquiry = relationship("Inquiry", back_populates="quotes")
    match = relationship("Match", back_populates="quote")
    consortium = relationship("Consortium")
    author = relationship("User")
    member_prices = relationship("QuoteMemberPrice", order_by="QuoteMemberPrice.id", cascade="all, delete-orphan")

    @property
    def lines(self):
        """Who supplies how many at which unit price: the producer alone, or each consortium member with a
        share, its proposed share scaled to the quoted quantity (largest remainder, ties to the lead) at
        its own unit price, else the quote's. Accepting makes these the deal's lines (``deals.creation``),
        so the quote's total and the deal's agree to the đồng."""
        if self.match_id is not None:
            return [QuoteLine(self.match.producer, self.quantity, self.unit_price_vnd)]
        members = self.consortium.sharing_members
        own = {row.producer_id: row.unit_price_vnd for row in self.member_prices}
        quantities = split(self.quantity, [m.allocation for m in members])
        return [QuoteLine(m.producer, quantity, own.get(m.producer_id, self.unit_price_vnd))
                for m, quantity in zip(members, quantities, strict=True) if quantity > 0]

    @property
    def total_vnd(self):
        return sum(line.total_vnd for line in self.lines)

    @property
    def price_range(self):
        """(lowest, highest) unit price of its lines: one price unless consortium members price differently."""
        prices = [line.unit_price_vnd for line in self.lines] or [self.unit_price_vnd]
        return min(prices), max(prices)

    @property
    def supplier_name(self):
        if self.match is not None:
            return self.match.producer.name
        consortium = self.consortium
        if consortium.association:
            return consortium.association.name
        lead = consortium.lead_member
        return f"{consortium.village.name} ({lead.producer.name})" if lead else consortium.village.name


class QuoteLine(NamedTuple):
    """One producer's part of a quote (``Quote.lines``): the deal's line once the quote is accepted."""

    producer: object
    quantity: int
    unit_price_vnd: int

    @property
    def total_vnd(self):
        return self.quantity * self.unit_price_vnd


class QuoteMemberPrice(Keyed, db.Model):
    """A consortium member's own unit price in its consortium's quote: members price differently.
    A member without a row supplies at the quote's unit price (every quote made before these existed)."""

    __tablename__ = "quote_member_prices"
    __table_args__ = (
        UniqueConstraint("quote_id", "producer_id"),
        CheckConstraint("unit_price_vnd >= 0", name="member_price_not_negative"),
    )

    quote_id: Mapped[int] = mapped_column(ForeignKey("quotes.id", ondelete="CASCADE"))
    producer_id: Mapped[int] = mapped_column(ForeignKey("producers.id"))
    unit_price_vnd: Mapped[int] = mapped_column(Integer)


class LeadMessage(Keyed, db.Model):
    """One message in a thread with the importer: a lead's (the producer's people on the other
    side) or a consortium's (the admins of the association that leads it). Exactly one is set."""

    __tablename__ = "lead_messages"
    __table_args__ = (
        CheckConstraint("(match_id IS NULL) <> (consortium_id IS NULL)", name="message_one_thread"),
    )

    match_id: Mapped[int | None] = mapped_column(ForeignKey("matches.id", ondelete="CASCADE"), nullable=True, index=True)
    consortium_id: Mapped[int | None] = mapped_column(ForeignKey("consortia.id", ondelete="CASCADE"), nullable=True,
                                                      index=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    body: Mapped[str] = mapped_column(Text)
    created_at = mapped_column(UTCDateTime, default=utcnow)

    match = relationship("Match", back_populates="messages")
    consortium = relationship("Consortium", back_populates="messages")
    author = relationship("User")
