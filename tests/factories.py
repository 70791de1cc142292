"""factory_boy factories for the storefront's models; each commits what it makes."""
import factory
from factory.alchemy import SQLAlchemyModelFactory
from werkzeug.security import generate_password_hash

from marketplace.accounts.models import AssociationAdmin, ProducerMember, Role, User
from marketplace.catalog import search
from marketplace.catalog.models import Listing, ListingStatus
from marketplace.core.time import utcnow
from marketplace.extensions import db
from marketplace.producers.models import Producer, ProducerStatus
from marketplace.trademarks.models import Association, Membership, MembershipStatus, ProductRight, Trademark
from marketplace.trademarks.services import new_code
from marketplace.villages.models import Craft, Village

PASSWORD = "correct horse battery"
_PASSWORD_HASH = generate_password_hash(PASSWORD)  # hashed once: scrypt is slow on purpose


class Base(SQLAlchemyModelFactory):
    class Meta:
        abstract = True
        sqlalchemy_session_factory = lambda: db.session  # noqa: E731
        sqlalchemy_session_persistence = "commit"


class UserFactory(Base):
    class Meta:
        model = User

    email = factory.Sequence(lambda n: f"user{n}@example.vn")
    name = factory.Sequence(lambda n: f"Người dùng {n}")
    role = Role.BUYER
    locale = None  # not chosen yet: Vietnamese applies, and a login stores the language in use
    password_hash = _PASSWORD_HASH
    # Accounts made directly (like demo data and create-staff) have a confirmed address;
    # tests of sign-up pass email_verified=False or register through the form.
    email_verified = True
    email_verified_at = factory.LazyFunction(utcnow)


class CraftFactory(Base):
    class Meta:
        model = Craft

    slug = factory.Sequence(lambda n: f"craft-{n}")
    name_vi = factory.Sequence(lambda n: f"Nghề {n}")
    name_en = factory.Sequence(lambda n: f"Craft {n}")


class VillageFactory(Base):
    class Meta:
        model = Village

    slug = factory.Sequence(lambda n: f"village-{n}")
    name = factory.Sequence(lambda n: f"Làng {n}")
    district = "Gia Lâm"


class ProducerFactory(Base):
    class Meta:
        model = Producer

    slug = factory.Sequence(lambda n: f"producer-{n}")
    name = factory.Sequence(lambda n: f"Xưởng {n}")
    kind = "household"
    village = factory.SubFactory(VillageFactory)
    status = ProducerStatus.APPROVED
    monthly_capacity = 500

    @factory.post_generation
    def owner(self, create, extracted, **kwargs):
        """``ProducerFactory(owner=user)`` links ``user`` as the producer's owner."""
        if extracted is not None:
            db.session.add(ProducerMember(user_id=extracted.id, producer_id=self.id, role=ProducerMember.OWNER))
            db.session.commit()


class ListingFactory(Base):
    class Meta:
        model = Listing

    producer = factory.SubFactory(ProducerFactory)
    craft = factory.SubFactory(CraftFactory)
    title_vi = factory.Sequence(lambda n: f"Sản phẩm {n}")
    title_en = factory.Sequence(lambda n: f"Product {n}")
    price_vnd = 350000
    stock = 10
    moq = 1
    status = ListingStatus.ACTIVE

    @factory.post_generation
    def searchable(self, create, extracted, **kwargs):
        db.session.flush()
        search.refresh(self)
        db.session.commit()


class AssociationFactory(Base):
    class Meta:
        model = Association

    slug = factory.Sequence(lambda n: f"association-{n}")
    name = factory.Sequence(lambda n: f"Hiệp hội {n}")

    @factory.post_generation
    def admin(self, create, extracted, **kwargs):
        if extracted is not None:
            db.session.add(AssociationAdmin(user_id=extracted.id, association_id=self.id))
            db.session.commit()


class TrademarkFactory(Base):
    class Meta:
        model = Trademark

    slug = factory.Sequence(lambda n: f"mark-{n}")
    name_vi = factory.Sequence(lambda n: f"Nhãn hiệu {n}")
    name_en = factory.Sequence(lambda n: f"Mark {n}")
    association = factory.SubFactory(AssociationFactory)


class MembershipFactory(Base):
    class Meta:
        model = Membership

    trademark = factory.SubFactory(TrademarkFactory)
    producer = factory.SubFactory(ProducerFactory)
    status = MembershipStatus.ACTIVE


class ProductRightFactory(Base):
    class Meta:
        model = ProductRight

    membership = factory.SubFactory(MembershipFactory)
    trademark = factory.SelfAttribute("membership.trademark")
    listing = factory.SubFactory(ListingFactory, producer=factory.SelfAttribute("..membership.producer"))
    code = factory.LazyFunction(new_code)

    @factory.post_generation
    def searchable(self, create, extracted, **kwargs):
        search.refresh(self.listing)
        db.session.commit()
