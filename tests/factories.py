"""Factories with unsurprising defaults."""

from datetime import date

import factory

from campaigns.models import AwardForm, Campaign, Quota
from criteria.models import Criterion, Target
from organisation.models import Official, RoleAssignment, Unit, User


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit

    name = factory.Sequence(lambda n: f"Phòng Thử nghiệm số {n}")
    code = factory.Sequence(lambda n: f"don-vi-{n}")
    kind = "phong"


class OfficialFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Official

    full_name = factory.Sequence(lambda n: f"Nguyễn Văn Thử {n}")
    gender = "male"
    position = "Chuyên viên"
    unit = factory.SubFactory(UnitFactory)
    email = factory.Sequence(lambda n: f"canbo{n}@anhai.example.vn")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.Sequence(lambda n: f"user{n}@anhai.example.vn")
    official = factory.SubFactory(OfficialFactory)
    password = factory.PostGenerationMethodCall("set_password", "matkhau-thu-nghiem")

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        """roles=[("office", None), ("unit_head", unit)]"""
        for role, unit in extracted or []:
            RoleAssignment.objects.create(user=self, role=role, unit=unit)
        self.save()


class CampaignFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Campaign

    slug = factory.Sequence(lambda n: f"phong-trao-{n}")
    title = factory.Sequence(lambda n: f"Phong trào thi đua thử nghiệm {n}")
    period_start = date(2025, 7, 1)
    period_end = date(2025, 12, 31)
    status = "launched"


class CriterionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Criterion

    campaign = factory.SubFactory(CampaignFactory)
    number = factory.Sequence(lambda n: f"1.{n}")
    text = "Tiêu chí thử nghiệm"


class TargetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Target

    criterion = factory.SubFactory(CriterionFactory)
    code = factory.Sequence(lambda n: f"chi-tieu-{n}")
    label = "Chỉ tiêu thử nghiệm"
    numerator_label = "Số đạt"
    denominator_label = "Tổng số"
    threshold = 80


class AwardFormFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AwardForm

    campaign = factory.SubFactory(CampaignFactory)
    kind = "giay_khen"


class QuotaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Quota

    award_form = factory.SubFactory(AwardFormFactory)
    nominee_kind = "individual"
    count = 4
