"""A policy already loaded is refused on upload, by its 文号 however it is typed or by its text whatever
the file; generating tasks, indicators or rule drafts a second time creates nothing and says so."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from planning.models import Indicator, Task
from policies.actions import ACTIONS
from policies.duplicates import number_key
from policies.models import DocumentStatus, PolicyDocument, RuleDraft

NUMBERED = (
    "关于支持科技创新平台建设的若干措施\n鲁科字〔2025〕18号\n"
    "一、支持平台建设。对新认定的省级技术创新中心，给予不超过50万元补助。（责任单位：市科技局（牵头），市财政局）\n"
)
RENUMBERED = NUMBERED.replace("鲁科字〔2025〕18号", "鲁科字[2025] 18 号").replace("措施", "措施（修订）")
UNNUMBERED = (
    "关于加快科技服务业发展的意见\n"
    "一、壮大服务机构。到2025年，全市科技服务机构达到100家。2025年6月底前建成服务平台。（市科技局牵头，市财政局配合）\n"
    "二、支持技术转移。对新认定的技术转移机构，给予一次性补助20万元。（责任单位：市科技局）\n"
)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def upload(client, name: str, text: str):
    return client.post(
        reverse("policies:document_upload"),
        {"file": SimpleUploadedFile(name, text.encode()), "region": "370300"},
    )


def test_numbers_fold_brackets_width_and_spaces():
    spellings = ["鲁科字〔2025〕18号", "鲁科字[2025] 18 号", "鲁科字（２０２５）18号"]
    assert len({number_key(spelling) for spelling in spellings}) == 1
    assert number_key("鲁科字〔2025〕18号") != number_key("鲁科字〔2025〕19号")
    assert number_key("") == ""


@pytest.mark.django_db
def test_the_same_number_is_refused_with_a_link(client, bureau_admin):
    client.force_login(bureau_admin)
    assert upload(client, "措施.txt", NUMBERED).status_code == 302
    existing = PolicyDocument.objects.get()
    response = upload(client, "措施（修订）.txt", RENUMBERED)
    assert response.status_code == 200
    page = response.content.decode()
    assert "这份文件已经导入过" in page and existing.get_absolute_url() in page
    assert PolicyDocument.objects.count() == 1


@pytest.mark.django_db
def test_the_same_text_under_another_name_and_line_breaks_is_refused(client, bureau_admin):
    client.force_login(bureau_admin)
    assert upload(client, "意见.txt", UNNUMBERED).status_code == 302
    response = upload(client, "意见-另存.txt", UNNUMBERED.replace("\n", "\r\n\r\n"))
    assert "这份文件已经导入过" in response.content.decode()
    assert PolicyDocument.objects.count() == 1
    assert upload(client, "措施.txt", NUMBERED).status_code == 302
    assert PolicyDocument.objects.count() == 2


@pytest.mark.django_db
def test_each_action_run_twice_creates_nothing_the_second_time(client, bureau_admin):
    client.force_login(bureau_admin)
    upload(client, "意见.txt", UNNUMBERED)
    document = PolicyDocument.objects.get()
    document.status = DocumentStatus.CONFIRMED
    document.save()
    counts = {
        "tasks": lambda: Task.objects.count(),
        "indicators": lambda: Indicator.objects.count(),
        "rules": lambda: RuleDraft.objects.count(),
    }
    for code, action in ACTIONS.items():
        first = action.perform(document, bureau_admin)
        created = counts[code]()
        assert created > 0 and str(created) in first
        second = action.perform(document, bureau_admin)
        assert counts[code]() == created
        assert "已经生成过" in second
