from django.http import HttpRequest
from django.template.response import TemplateResponse

from registry import services


def home(request: HttpRequest) -> TemplateResponse:
    regions = services.served_regions()
    code = request.GET.get("region", "")
    if code not in {region.code for region in regions}:
        code = ""
    overview = services.region_overview(code)
    chart = {
        "types": [label for label, _ in overview.platforms_by_type],
        "levels": list(overview.approved_platforms),
        "counts": [
            [levels.get(level, 0) for _, levels in overview.platforms_by_type]
            for level in overview.approved_platforms
        ],
    }
    return TemplateResponse(
        request,
        "registry/home.html",
        {
            "overview": overview,
            "regions": regions,
            "region_code": code,
            "chart": chart,
        },
    )
