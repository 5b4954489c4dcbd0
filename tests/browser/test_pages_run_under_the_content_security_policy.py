"""The pages and their ECharts work under the content security policy: no inline script is refused because
none is left, and each chart draws its canvas."""

from decimal import Decimal as D

from accounts.models import Role
from planning.models import Indicator, ReportedValue, Target
from registry.vocabulary import PlatformStage
from tests.factories import DepartmentFactory, PlatformFactory, persona


def test_home_and_targets_draw_their_charts_without_policy_violations(page, login_as) -> None:
    PlatformFactory(stage=PlatformStage.APPROVED, level="provincial")
    indicator = Indicator.objects.create(
        code="csp-chart",
        name="高新技术企业数量",
        unit="家",
        region_id="370300",
        baseline_year=2022,
        baseline_value=D(1),
    )
    Target.objects.create(indicator=indicator, year=2025, value=D(3))
    ReportedValue.objects.create(indicator=indicator, year=2024, value=D(2), source="统计公报")
    violations: list[str] = []
    page.on(
        "console",
        lambda message: violations.append(message.text) if "Content Security" in message.text else None,
    )
    page.on("pageerror", lambda error: violations.append(str(error)))
    login_as(persona(Role.BUREAU_ADMIN, DepartmentFactory(name="淄博市科学技术局"), username="kjj"))
    for path, chart in [
        ("/", "#platform-chart"),
        ("/planning/", "#progress-chart"),
        ("/planning/indicators/csp-chart/", "#path-chart"),
    ]:
        response = page.goto(path)
        assert "script-src 'self'" in response.headers["content-security-policy"]
        assert response.headers["x-frame-options"] == "DENY"
        page.locator(f"{chart} canvas").wait_for()
    assert violations == []
