from sqlalchemy import Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from marketplace.core.types import link_table
from marketplace.extensions import db

village_crafts = link_table("village_crafts", ("village_id", "villages.id"), ("craft_id", "crafts.id"))


class Craft(db.Model):
    __tablename__ = "crafts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    name_vi: Mapped[str] = mapped_column(String(120))
    name_en: Mapped[str] = mapped_column(String(120))

    villages = relationship("Village", secondary=village_crafts, back_populates="crafts", order_by="Village.name")


class Village(db.Model):
    __tablename__ = "villages"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    slug: Mapped[str] = mapped_column(String(120), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    # A label only: Hanoi renamed and merged districts in 2025.
    district: Mapped[str] = mapped_column(String(120), default="")
    story_vi: Mapped[str] = mapped_column(Text, default="")
    story_en: Mapped[str] = mapped_column(Text, default="")

    crafts = relationship("Craft", secondary=village_crafts, back_populates="villages", order_by="Craft.name_vi")
    producers = relationship("Producer", back_populates="village")
