import pytest

from registry.models import Region
from registry.region_lookups import in_region


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("code", "full_name"),
    [
        ("370322", "山东省淄博市高青县"),
        ("370323", "山东省淄博市沂源县"),
        ("371002", "山东省威海市环翠区"),
        ("371600", "山东省滨州市"),
        ("520402", "贵州省安顺市西秀区"),
        ("520000", "贵州省"),
    ],
)
def test_seed_adcodes_resolve_to_names_and_parents(code: str, full_name: str) -> None:
    assert Region.objects.get(code=code).full_name == full_name


@pytest.mark.django_db
def test_every_county_of_the_seed_provinces_has_a_city_or_province_parent() -> None:
    counties = Region.objects.filter(level="county").filter(code__regex=r"^(37|52)")
    assert counties.count() > 150
    assert not counties.filter(parent__isnull=True).exists()
    assert Region.objects.filter(in_region("370300", "code"), level="county").count() == 8
