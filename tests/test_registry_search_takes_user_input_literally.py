"""Whatever a user types into the search box is looked for as text: FTS5 syntax (quotes, `*`, `OR`,
`NEAR`, column filters), LIKE wildcards and SQL quotes neither fail nor widen the results."""

import pytest
from django.test import Client

from registry.models import Organization
from tests.factories import OrganizationFactory

URL = "/api/registry/organizations/"
TRICKY_NAMES = [
    '淄博"华鑫"精密有限公司',
    "淄博华鑫*精密有限公司",
    "淄博东岳 OR 西岳有限公司",
    "淄博100%_精密有限公司",
    "淄博O'Brien科技有限公司",
    "淄博{name}:新材料有限公司",
]


@pytest.fixture
def organizations(db) -> None:
    OrganizationFactory(name="淄博华鑫精密有限公司", industry="精密机械")
    OrganizationFactory(name="淄博东岳化工有限公司", industry="精细化工")
    for name in TRICKY_NAMES:
        OrganizationFactory(name=name, industry="其他")


def found(text: str) -> set[str]:
    return set(Organization.objects.search(text).values_list("name", flat=True))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('"华鑫"', {'淄博"华鑫"精密有限公司'}),
        ('"华鑫', {'淄博"华鑫"精密有限公司'}),
        ('"', {'淄博"华鑫"精密有限公司'}),
        ('""', set()),
        ("华鑫*", {"淄博华鑫*精密有限公司"}),
        ("鑫*精密", {"淄博华鑫*精密有限公司"}),
        ("东岳 OR 西岳", {"淄博东岳 OR 西岳有限公司"}),
        ("东岳 OR 化工", set()),
        ("NEAR(东岳 化工)", set()),
        ("100%_", {"淄博100%_精密有限公司"}),
        ("%_", {"淄博100%_精密有限公司"}),
        ("%%%", set()),
        ("O'Brien", {"淄博O'Brien科技有限公司"}),
        ("{name}:新材料", {"淄博{name}:新材料有限公司"}),
        ("name:华鑫", set()),
        ("industry : 精密", set()),
        ("^淄博", set()),
        ("-华鑫", set()),
        ("华鑫 AND", set()),
        ("(华鑫", set()),
    ],
)
def test_search_text_is_matched_literally(organizations: None, text: str, expected: set[str]) -> None:
    assert found(text) == expected


def test_api_answers_syntax_looking_searches(client: Client, organizations: None) -> None:
    for text in ['"', '"OR"', "*", "a OR b", "NEAR(a b)", "'; DROP TABLE registry_organization; --"]:
        response = client.get(URL, {"q": text})
        assert response.status_code == 200, text
    assert Organization.objects.count() == 2 + len(TRICKY_NAMES)
