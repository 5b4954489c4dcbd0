"""Only bureau administrators may watch a background import."""

import pytest
from django.urls import reverse

from registry.models import ImportJob


@pytest.fixture
def job(bureau_admin) -> ImportJob:
    return ImportJob.objects.create(
        kind="organization",
        file_name="名录.csv",
        kept_file="imports/x.csv",
        total_rows=4000,
        rows_done=2000,
        status="validating",
        user=bureau_admin,
    )


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["department_officer", "enterprise_user", "expert_user"])
def test_others_are_refused(client, request, job, persona) -> None:
    client.force_login(request.getfixturevalue(persona))

    assert client.get(reverse("registry:import_job", args=[job.pk])).status_code == 403


@pytest.mark.django_db
def test_anonymous_is_sent_to_log_in(client, job) -> None:
    response = client.get(reverse("registry:import_job", args=[job.pk]))

    assert response.status_code == 302 and "login" in response["Location"]


@pytest.mark.django_db
def test_bureau_sees_the_progress_and_keeps_polling(client, bureau_admin, job) -> None:
    client.force_login(bureau_admin)

    response = client.get(reverse("registry:import_job", args=[job.pk]), headers={"HX-Request": "true"})

    text = response.content.decode()
    assert response.status_code == 200 and text.lstrip().startswith('<div id="import-job"')
    assert 'value="25"' in text and "已校验 2,000 / 4,000 行" in text and 'hx-trigger="every 1s"' in text
