""" "Inside a region": the one way every app says it in a query.

A region contains itself and every region whose GB/T 2260 code shares its prefix (`registry.adcodes`,
the database-free form). In a query that is a range on the code, so that an index on the region column
serves it; SQLite's LIKE 'prefix%' cannot use one.

    Organization.objects.filter(in_region("370300"))
    Person.objects.filter(in_region(city, "organization__region"))
    Usage.objects.filter(in_region(code, "shared__instrument__owner__region"))
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Q

from registry.adcodes import region_contains, region_prefix

if TYPE_CHECKING:
    from registry.models import Region

__all__ = ["IN_REGION", "in_any_region", "in_region", "region_contains"]

# How a registry kind's list filter says "inside the region given" (`"region": "region__in_region"`).
IN_REGION = "__in_region"


def _code(region: str | Region) -> str:
    return region if isinstance(region, str) else region.code


def in_region(region: str | Region, field: str = "region") -> Q:
    """Records whose region, at the path `field` (a foreign key to Region, such as `owner__region`,
    or a column holding the code, such as `code` on Region itself), is `region` or lies inside it.
    The whole country (000000) is every record, those without a region included."""
    prefix = region_prefix(_code(region))
    if not prefix:
        return Q()
    # The first code after every code that starts with the prefix ("3703" → "3704", "39" → "3:").
    upper = prefix[:-1] + chr(ord(prefix[-1]) + 1)
    return Q(**{f"{field}__gte": prefix, f"{field}__lt": upper})


def in_any_region(regions: set[str], field: str = "region") -> Q:
    """Records inside any of the regions (one query for all the regions a dashboard shows)."""
    condition = Q()
    for region in sorted(regions):
        inside = in_region(region, field)
        if not inside:
            return Q()
        condition |= inside
    return condition
