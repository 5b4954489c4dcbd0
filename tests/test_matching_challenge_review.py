"""揭榜挂帅: criteria that add up, applications in their shape, conflicts derived from the data,
a reproducible draw under constraints, weighted scores, award and milestone payments."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from accounts.models import Role
from matching import challenges as ch
from matching.models import Challenge, ExpertProfile, ReviewerDraw
from registry.models import Achievement, Person
from tests.factories import OrganizationFactory, persona

pytestmark = pytest.mark.django_db
CRITERIA = [ch.CriterionSpec("技术方案", Decimal("60")), ch.CriterionSpec("团队实力", Decimal("40"))]


def expert(name: str, organization, fields: str = "新材料 复合材料") -> Person:
    person = Person.objects.create(name=name, fields=fields, organization=organization)
    ExpertProfile.objects.create(person=person, stated_fields=fields, status="approved")
    return person


@pytest.fixture
def challenge(bureau_admin, department):
    item = Challenge(
        title="高性能碳纤维复合材料攻关",
        goal="拉伸强度 ≥ 5.5 GPa",
        field="复合材料",
        budget_yuan=Decimal("3000000"),
        deadline=dt.date.today() + dt.timedelta(days=30),
        publisher=department,
        region_id="370300",
        reviewers_per_challenge=2,
        max_reviews_per_year=1,
    )
    ch.create(item, CRITERIA, bureau_admin)
    return ch.publish(item)


def test_criteria_must_add_up_to_a_hundred(bureau_admin, department) -> None:
    item = Challenge(
        title="x",
        goal="y",
        field="z",
        budget_yuan=Decimal("1"),
        deadline=dt.date(2030, 1, 1),
        publisher=department,
        region_id="370300",
    )
    with pytest.raises(ValidationError, match="合计须为 100%"):
        ch.create(item, [ch.CriterionSpec("a", Decimal("50"))], bureau_admin)
    assert not Challenge.objects.exists()


def test_from_publication_to_award(challenge, bureau_admin) -> None:
    team = OrganizationFactory(name="淄博碳谷科技有限公司")
    partner = OrganizationFactory(name="山东合创材料研究院", kind="research_institute")
    applicant = persona(Role.ENTERPRISE_USER, team)
    member = expert("李成员", partner)
    criteria = list(challenge.criteria.all())
    with pytest.raises(ValidationError, match="团队实力"):
        ch.apply(challenge, applicant, "碳谷团队", {str(criteria[0].pk): "方案"}, [], [])
    application = ch.apply(
        challenge,
        applicant,
        "碳谷团队",
        {str(c.pk): f"{c.name}的说明" for c in criteria},
        [partner.pk],
        [member.pk],
    )

    same_org = expert("王同事", team)
    co_author = expert("赵合著", OrganizationFactory(name="青岛材料大学", kind="university"))
    shared = Achievement.objects.create(
        title="碳纤维原丝制备",
        owner=partner,
        field="复合材料",
        maturity="pilot",
        transfer_mode="licensing",
        published=dt.date.today() - dt.timedelta(days=400),
    )
    co_author.expert_profile.achievements.add(shared)
    busy = expert("钱满额", OrganizationFactory(name="济南科研所", kind="research_institute"))
    free = [expert(f"专家{n}", OrganizationFactory(name=f"外地大学{n}", kind="university")) for n in range(4)]
    unrelated = expert("孙茶叶", OrganizationFactory(name="茶叶所"), fields="茶叶")

    assert ch.conflicts(same_org, application) == ["与申请单位为同一单位"]
    assert any("共同申请人" in reason for reason in ch.conflicts(member, application))
    assert "共同完成科技成果" in ch.conflicts(co_author, application)[0]
    assert ch.conflicts(free[0], application) == []
    with pytest.raises(ValidationError, match="存在利益冲突，不能邀请"):
        ch.invite(challenge, same_org)

    earlier = Challenge.objects.create(
        title="往年榜单",
        goal="g",
        field="复合材料",
        budget_yuan=Decimal("1"),
        deadline=dt.date.today(),
        publisher=team,
        region_id="370300",
    )
    other = ch.ChallengeApplication.objects.create(challenge=earlier, team_name="t", applicant=partner)
    ch.Review.objects.create(application=other, reviewer=busy)

    draw = ch.draw_reviewers(challenge, bureau_admin, seed=20261202)
    assert sorted(draw.pool) == sorted(p.pk for p in free)
    excluded = {row["person"]: row["reason"] for row in draw.excluded}
    assert set(excluded) == {same_org.pk, member.pk, co_author.pk, busy.pk}
    assert unrelated.pk not in draw.pool and unrelated.pk not in excluded
    assert len(draw.drawn) == 2 and ch.reproduces(draw)
    assert ch.sample(draw.pool, 20261202, 2) == draw.drawn
    assert ReviewerDraw.objects.get().seed == 20261202

    reviews = list(application.reviews.all())
    assert {r.reviewer_id for r in reviews} == set(draw.drawn)
    first, second = reviews
    with pytest.raises(ValidationError, match="0 到 100"):
        ch.submit_review(first, {str(criteria[0].pk): "120", str(criteria[1].pk): "80"})
    ch.submit_review(first, {str(criteria[0].pk): "90", str(criteria[1].pk): "80"})
    # A conflict that appears after the invitation is refused at review.
    second.reviewer.organization = team
    second.reviewer.save()
    with pytest.raises(ValidationError, match="存在利益冲突，不能评审"):
        ch.submit_review(second, {str(criteria[0].pk): "50", str(criteria[1].pk): "50"})
    [(ranked, score, count)] = ch.ranking(challenge)
    assert ranked == application and score == Decimal("86.00") and count == 1

    with pytest.raises(ValidationError, match="合计不能超过"):
        ch.award(challenge, application, [ch.MilestoneSpec("中试", dt.date(2027, 6, 1), Decimal("4000000"))])
    ch.award(
        challenge,
        application,
        [
            ch.MilestoneSpec("样品", dt.date(2027, 3, 1), Decimal("1000000")),
            ch.MilestoneSpec("中试", dt.date(2027, 9, 1), Decimal("2000000")),
        ],
    )
    challenge.refresh_from_db()
    assert challenge.status == "awarded" and challenge.winner == application
    milestone = challenge.milestones.first()
    ch.accept_milestone(milestone, bureau_admin)
    assert ch.paid(challenge) == Decimal("1000000")
    with pytest.raises(ValidationError):
        ch.accept_milestone(milestone, bureau_admin)
