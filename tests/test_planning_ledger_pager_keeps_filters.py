"""The ledger's 下一页 link and its jump box go to another page with the filters the reader chose."""

import re
from html import unescape

from django.urls import reverse

from kechuang.listing import PAGE_SIZES
from planning.models import Task, TaskUnit, UnitRole


def test_next_page_link_keeps_the_unit_filter(client, bureau_admin) -> None:
    for number in range(PAGE_SIZES[0] + 1):
        task = Task.objects.create(
            policy_code="zibo-2023-sci-province",
            clause_path=f"五.{number}",
            region_id="370300",
            title=f"任务{number:03d}",
        )
        TaskUnit.objects.create(task=task, name="市科技局", role=UnitRole.LEAD)
    client.force_login(bureau_admin)
    ledger = reverse("planning:ledger")

    first = client.get(ledger, {"unit": "市科技局"}).content.decode()
    next_link = unescape(re.search(r'<a href="([^"]*)"[^>]*rel="next"', first).group(1))

    assert next_link == "?unit=%E5%B8%82%E7%A7%91%E6%8A%80%E5%B1%80&page=2"
    second = client.get(ledger + next_link).content.decode()
    assert '<span class="current" aria-current="page">2</span>' in second and "任务025" in second
    # The jump box sends the filter along with the page number it asks for.
    assert '<input type="hidden" name="unit" value="市科技局">' in first
