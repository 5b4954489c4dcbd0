"""Correcting a unit's name in review teaches the unit dictionary: the raw spelling is stored as an alias
(with who and which document), the next upload with that spelling gets the corrected name, planning's
unit names follow, and deleting the alias stops it."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from planning.units import unit_key
from policies.ingest.units import dictionary_scope
from policies.models import PolicyDocument, ResponsibleUnit, UnitAlias
from policies.unit_aliases import learned_dictionary

POLICY = (
    "关于推进数字经济发展的若干措施\n"
    "一、建设数据平台。对新建的行业数据平台给予支持。（责任单位：市大数据中心（牵头），市财政局）\n"
)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def upload(client, title: str = "关于推进数字经济发展的若干措施") -> PolicyDocument:
    # Each upload is another document (the same one twice is refused), with the same unit spelling.
    text = POLICY.replace("关于推进数字经济发展的若干措施", title)
    response = client.post(
        reverse("policies:document_upload"),
        {"file": SimpleUploadedFile("措施.txt", text.encode()), "region": "370300"},
    )
    assert response.status_code == 302
    return PolicyDocument.objects.latest("id")


def lead_unit(document: PolicyDocument) -> ResponsibleUnit:
    return document.responsibleunits.get(role="lead")


def rename(client, unit: ResponsibleUnit, name: str):
    return client.post(
        reverse("policies:item_edit", args=[unit.document_id, "unit", unit.pk]),
        {"name": name, "raw": unit.raw, "role": unit.role},
    )


@pytest.mark.django_db
def test_a_corrected_unit_name_is_learned_and_used_by_the_next_upload(client, bureau_admin):
    client.force_login(bureau_admin)
    first = upload(client)
    unit = lead_unit(first)
    assert (unit.raw, unit.name) == ("市大数据中心", "市大数据中心")

    rename(client, unit, "市大数据局")

    alias = UnitAlias.objects.get()
    assert (alias.alias, alias.canonical, alias.document, alias.created_by) == (
        "市大数据中心",
        "市大数据局",
        first,
        bureau_admin,
    )
    assert alias.region is None
    assert alias.history.get().history_user == bureau_admin
    assert lead_unit(first).name == "市大数据局"
    assert lead_unit(upload(client, "关于推进数据要素市场化的若干措施")).name == "市大数据局"


@pytest.mark.django_db
def test_planning_unit_names_see_the_learned_alias_within_a_request_or_job(bureau_admin):
    UnitAlias.objects.create(alias="市大数据中心", canonical="市大数据局", created_by=bureau_admin)

    assert unit_key("淄博市大数据中心") == "市大数据中心"  # outside a request: the shipped dictionary only
    with dictionary_scope(learned_dictionary):
        assert unit_key("淄博市大数据中心") == unit_key("市大数据局") == "市大数据局"


@pytest.mark.django_db
def test_deleting_the_alias_stops_it(client, bureau_admin):
    client.force_login(bureau_admin)
    rename(client, lead_unit(upload(client)), "市大数据局")
    alias = UnitAlias.objects.get()

    response = client.post(reverse("policies:unit_alias_delete", args=[alias.pk]))

    assert response.status_code == 302
    assert not UnitAlias.objects.exists()
    assert alias.history.first().history_type == "-"
    assert alias.history.first().history_user == bureau_admin
    assert lead_unit(upload(client, "关于推进数据要素市场化的若干措施")).name == "市大数据中心"


@pytest.mark.django_db
def test_a_canonical_name_the_pipeline_gave_is_not_remapped(client, bureau_admin):
    client.force_login(bureau_admin)
    document = upload(client)
    cooperating = document.responsibleunits.get(role="cooperating")
    assert (cooperating.raw, cooperating.name) == ("市财政局", "市财政局")

    rename(client, cooperating, "市财政局（市国资委）")

    assert lead_unit(document).name == "市大数据中心"
    assert document.responsibleunits.get(role="cooperating").name == "市财政局（市国资委）"
    assert not UnitAlias.objects.exists()


@pytest.mark.django_db
def test_an_edit_that_keeps_the_name_learns_nothing(client, bureau_admin):
    client.force_login(bureau_admin)
    unit = lead_unit(upload(client))

    client.post(
        reverse("policies:item_edit", args=[unit.document_id, "unit", unit.pk]),
        {"name": unit.name, "raw": unit.raw, "role": "cooperating"},
    )

    assert ResponsibleUnit.objects.get(pk=unit.pk).role == "cooperating"
    assert not UnitAlias.objects.exists()
