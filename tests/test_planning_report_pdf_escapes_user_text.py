"""Names people typed go into the monthly PDF as text: reportlab markup in them is printed, never obeyed."""

import datetime as dt
import io
from decimal import Decimal as D

import pdfplumber
import pytest
from django.urls import reverse

from planning.models import Indicator, Target, Task
from planning.plans import set_units

pytestmark = pytest.mark.django_db

HOSTILE = 'R&D<b> <font size=60>大字</font> <img src="/etc/passwd"/>'


@pytest.fixture
def hostile_plans() -> None:
    indicator = Indicator.objects.create(
        code="hostile",
        name=HOSTILE,
        unit="家",
        region_id="370300",
        policy_code="zibo-2023-sci-province",
        clause_path="一.<b>",
        responsible_units=["市科技局<i>"],
        baseline_year=2022,
        baseline_value=D(1),
    )
    Target.objects.create(indicator=indicator, year=2025, value=D(3))
    task = Task.objects.create(
        policy_code="zibo-2023-sci-province",
        clause_path="五.<br/>",
        title=HOSTILE,
        region_id="370300",
        deadline=dt.date(2020, 12, 31),
    )
    set_units(task, ["市科技局&"], [])


def test_markup_in_indicator_and_task_names_prints_as_written(client, bureau_admin, hostile_plans) -> None:
    client.force_login(bureau_admin)
    response = client.get(reverse("planning:monthly_report"))
    assert response.status_code == 200
    with pdfplumber.open(io.BytesIO(b"".join(response.streaming_content))) as pdf:
        text = "".join(page.extract_text() for page in pdf.pages)
        sizes = {round(char["size"]) for page in pdf.pages for char in page.chars}
        images = sum(len(page.images) for page in pdf.pages)
    flat = text.replace("\n", "")
    assert "R&D<b>" in flat
    assert "<font size=60>大字</font>" in flat
    assert "<img" in flat and 'src="/etc/passwd"/>' in flat  # a table cell may wrap between the two
    assert "市科技局&" in flat
    assert max(sizes) <= 16  # the title's size: nothing is rendered at 60
    assert images == 0
