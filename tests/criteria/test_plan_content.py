import pytest

from criteria.plan_content import criteria_for_plan
from tests.factories import CampaignFactory, CriterionFactory, TargetFactory

pytestmark = pytest.mark.django_db


def test_criteria_for_plan_reads_criteria_and_targets_in_order_in_one_query(django_assert_num_queries):
    campaign = CampaignFactory()
    second = CriterionFactory(campaign=campaign, number="2", order=2)
    first = CriterionFactory(campaign=campaign, number="1", order=1)
    empty = CriterionFactory(campaign=campaign, number="3", order=3)
    b = TargetFactory(criterion=first, code="b", order=2)
    a = TargetFactory(criterion=first, code="a", order=1)
    c = TargetFactory(criterion=second, code="c", order=1)
    CriterionFactory(number="9")  # another campaign's

    with django_assert_num_queries(1):
        content = criteria_for_plan(campaign)
        shown = [(cr.pk, [(t.pk, t.criterion.number) for t in cr.plan_targets]) for cr in content.criteria]

    assert shown == [(first.pk, [(a.pk, "1"), (b.pk, "1")]), (second.pk, [(c.pk, "2")]), (empty.pk, [])]
    assert content.targets_count == 3
    assert content.criteria[0].text == first.text
    assert content.criteria[0].plan_targets[0].threshold == a.threshold
