"""The run prints one demo login per role, and each of them can log in."""

from django.test import RequestFactory

from accounts.models import Role, User
from registry.demo.logins import DEMO_PASSWORD
from registry.models import Person
from registry.vocabulary import OrganizationKind, PlatformStage


def test_each_role_gets_a_login_that_works(run_demo, client):
    output = run_demo()
    users = {user.role: user for user in User.objects.filter(username__startswith="demo-")}
    assert set(users) == set(Role.values)
    for user in users.values():
        assert user.username in output
        assert client.login(request=RequestFactory().get("/"), username=user.username, password=DEMO_PASSWORD)
        client.logout()
    assert DEMO_PASSWORD in output


def test_logins_belong_to_the_right_organizations(run_demo):
    run_demo()
    bureau = User.objects.get(username="demo-bureau")
    assert bureau.is_staff and bureau.organization.name == "淄博市科学技术局"
    officer = User.objects.get(username="demo-officer")
    assert not officer.is_staff and officer.organization.name == "淄博市工业和信息化局"
    enterprise = User.objects.get(username="demo-enterprise").organization
    assert enterprise.kind == OrganizationKind.ENTERPRISE
    assert enterprise.qualifications.exists() and enterprise.annual_data.exists()
    assert enterprise.hosted_platforms.filter(stage=PlatformStage.APPROVED).exists()
    expert = User.objects.get(username="demo-expert")
    assert Person.objects.get(user=expert).organization.region_id.startswith("3703")


def test_bureau_login_reaches_the_admin(run_demo, client):
    run_demo()
    client.login(request=RequestFactory().get("/"), username="demo-bureau", password=DEMO_PASSWORD)
    assert client.get("/admin/").status_code == 200


def test_no_demo_logins_without_debug_unless_allowed(run_demo, settings):
    settings.DEBUG = False
    output = run_demo()
    assert not User.objects.filter(username__startswith="demo-").exists()
    assert "--allow-production" in output
    run_demo(allow_production=True)
    assert User.objects.filter(username__startswith="demo-").count() == 4


def test_the_demo_enterprise_is_the_one_the_rules_pay_most(run_demo):
    from django.db.models import Max

    from benefits.calculator import Calculator, load_rulebook, parse_snapshot
    from benefits.snapshots import snapshots_for
    from registry.models import AnnualData, Organization

    run_demo(scale=0.3)  # large enough that some enterprise qualifies for money
    chosen = User.objects.get(username="demo-enterprise").organization
    year = AnnualData.objects.aggregate(latest=Max("year"))["latest"]
    calculator = Calculator(load_rulebook())
    enterprises = Organization.objects.filter(
        kind=OrganizationKind.ENTERPRISE, hosted_platforms__stage=PlatformStage.APPROVED
    )
    totals = {
        organization.pk: calculator.evaluate(parse_snapshot(snapshot), year).total
        for organization, snapshot in snapshots_for(enterprises.distinct(), year)
    }
    assert totals[chosen.pk] == max(totals.values()) > 0
