"""Shared personas and the region table, for every app's tests."""

from collections.abc import Iterator

import pytest
from django.utils import translation

from accounts.models import Role, User
from registry.models import Organization
from registry.regions import load_regions
from tests.factories import DepartmentFactory, OrganizationFactory, persona

TEST_PASSWORD = "kechuang-test"


@pytest.fixture(scope="session", autouse=True)
def fast_password_hashing() -> None:
    """Personas get passwords in every test; the production hasher is deliberately slow, so use a fast one."""
    from django.conf import settings
    from django.contrib.auth.hashers import get_hashers

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    get_hashers.cache_clear()


@pytest.fixture(autouse=True)
def site_language() -> Iterator[None]:
    """A request leaves its visitor's language active in the test thread; each test starts afresh."""
    translation.deactivate()
    yield
    translation.deactivate()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        load_regions()


@pytest.fixture
def department(db) -> Organization:
    return DepartmentFactory(name="淄博市科学技术局")


@pytest.fixture
def enterprise(db) -> Organization:
    return OrganizationFactory(name="淄博蓝海新材料有限公司")


@pytest.fixture
def other_enterprise(db) -> Organization:
    return OrganizationFactory(name="淄博远山精密机械有限公司")


@pytest.fixture
def bureau_admin(db, department) -> User:
    return persona(Role.BUREAU_ADMIN, department, username="bureau")


@pytest.fixture
def department_officer(db) -> User:
    department = DepartmentFactory(name="淄博市工业和信息化局")
    return persona(Role.DEPARTMENT_OFFICER, department, username="officer")


@pytest.fixture
def enterprise_user(db, enterprise) -> User:
    return persona(Role.ENTERPRISE_USER, enterprise, username="owner")


@pytest.fixture
def expert_user(db) -> User:
    return persona(Role.EXPERT, None, username="expert")


@pytest.fixture
def run_demo(db, monkeypatch, settings):
    """`kechuang demo` on a small population (about 20 enterprises a city), without other apps' seed
    data, as on a development machine (DEBUG on); returns what it printed. Keyword arguments are the
    command's options."""
    import io

    from django.core.management import call_command

    from registry.management.commands import demo

    monkeypatch.setattr(demo, "demo_loaders", lambda: iter(()))
    settings.DEBUG = True

    def run(**options: object) -> str:
        output = io.StringIO()
        call_command("demo", stdout=output, stderr=output, **{"scale": 0.05, **options})
        return output.getvalue()

    return run
