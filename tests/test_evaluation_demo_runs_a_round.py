"""`kechuang demo`'s evaluation part: last year's Weihai round published with its consequences, Zibo's
incubator round open with pre-filled forms; running it again adds nothing."""

import io

import pytest
from django.utils import timezone

from evaluation import demo
from evaluation.models import Consequence, Round
from planning.models import Task
from registry.models import Platform
from tests import evaluation_world
from tests.factories import OrganizationFactory

pytestmark = pytest.mark.django_db


def test_the_demo_round_is_published_and_the_incubators_open():
    evaluation_world.build()
    zibo_incubator = Platform.objects.create(
        name="淄博高新区创业中心",
        platform_type="incubator",
        level="provincial",
        stage="approved",
        host=OrganizationFactory(name="淄博创业中心有限公司", region_id="370303"),
        region_id="370303",
    )
    output = io.StringIO()
    demo.load(output)
    year = timezone.localdate().year - 1
    published = Round.objects.get(system__code="weihai-municipal-key-laboratories", year=year)
    assert published.status == "published" and published.submissions.count() == 3
    assert published.submissions.filter(result__objections__status="rejected").count() == 1
    opened = Round.objects.get(system__code="zibo-incubators", year=year)
    assert opened.status == "open"
    assert opened.submissions.get().platform == zibo_incubator
    consequences = Consequence.objects.filter(result__submission__round=published).count()
    tasks = Task.objects.filter(policy_code="evaluation").count()
    assert (
        "已发布，3 个平台" in output.getvalue()
        and tasks == consequences - Consequence.objects.filter(kind="restored").count()
    )
    demo.load(io.StringIO())
    assert Round.objects.count() == 2 and Task.objects.filter(policy_code="evaluation").count() == tasks
