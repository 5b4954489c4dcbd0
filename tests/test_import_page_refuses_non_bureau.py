"""Only bureau administrators may import; everyone else is refused before a file is read."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from registry.models import Organization
from registry.validators import make_uscc


def upload() -> SimpleUploadedFile:
    return SimpleUploadedFile(
        "organizations.csv",
        f"name,uscc,kind,region\n甲,{make_uscc('91', '370300', 5)},企业,370302\n".encode(),
    )


@pytest.mark.django_db
def test_anonymous_visitor_is_sent_to_login(client) -> None:
    response = client.post(reverse("registry:import"), {"kind": "organization", "file": upload()})

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
    assert not Organization.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["department_officer", "enterprise_user", "expert_user"])
@pytest.mark.parametrize("url", ["registry:import", "registry:import_confirm"])
def test_other_roles_are_refused(client, request, persona, url) -> None:
    client.force_login(request.getfixturevalue(persona))
    count = Organization.objects.count()

    assert client.get(reverse("registry:import")).status_code == 403
    assert client.post(reverse(url), {"kind": "organization", "file": upload()}).status_code == 403
    assert Organization.objects.count() == count


@pytest.mark.django_db
def test_bureau_admin_sees_the_upload_form(client, bureau_admin) -> None:
    client.force_login(bureau_admin)

    response = client.get(reverse("registry:import"))

    assert response.status_code == 200
    assert "上传并校验" in response.content.decode()


@pytest.mark.django_db
def test_only_bureau_admins_see_the_import_link(client, bureau_admin, department_officer) -> None:
    client.force_login(department_officer)
    assert reverse("registry:import") not in client.get(reverse("home")).content.decode()

    client.force_login(bureau_admin)
    assert reverse("registry:import") in client.get(reverse("home")).content.decode()


@pytest.mark.django_db
def test_the_refusal_page_says_why(client, department_officer) -> None:
    client.force_login(department_officer)

    response = client.get(reverse("registry:import"))

    assert response.status_code == 403
    assert "只有科技局管理员可以导入数据。" in response.content.decode()
