"""A bureau administrator imports a 3,000-row list: it goes to a background worker, the page's progress
bar reaches 100 % and the result shows what was created.

The task goes through the real database backend; the test plays the worker (`kechuang db_worker --batch`)
while the page polls.
"""

from django.core.management import call_command
from playwright.sync_api import expect

from registry.models import ImportJob, Organization
from tests.import_files import organizations_csv

ROWS = 3000


def work() -> None:
    call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)


def test_large_import_runs_in_the_background(page, login_as, bureau_admin, settings, tmp_path) -> None:
    settings.MEDIA_ROOT = tmp_path
    login_as(bureau_admin)
    page.goto("/registry/import/")
    page.get_by_label("资源类型").select_option(label="机构")
    page.get_by_label("文件").set_input_files(
        {"name": "机构.csv", "mimeType": "text/csv", "buffer": organizations_csv(ROWS)}
    )
    page.get_by_role("button", name="上传并校验").click()

    page.get_by_role("button", name=f"确认导入 {ROWS:,} 行").click()
    job = page.locator("#import-job")
    expect(job).to_contain_text("排队中")
    expect(job.get_by_role("progressbar")).to_have_attribute("value", "0")
    assert not Organization.objects.filter(name__startswith="淄博批量公司").exists()

    work()

    expect(job.get_by_role("progressbar")).to_have_attribute("value", "100")
    expect(job).to_contain_text("已完成")
    expect(job).to_contain_text(f"已导入：新增{ROWS}条")
    assert Organization.objects.filter(name__startswith="淄博批量公司").count() == ROWS
    assert ImportJob.objects.get().status == "done"
