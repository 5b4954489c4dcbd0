from django.urls import include, path

from registry import views
from registry.kinds import KINDS

app_name = "registry"

# Every kind gets the same four pages, e.g. /registry/organizations/ named registry:organization_list.
record_pages = []
for code, kind in KINDS.items():
    prefix = f"{kind.plural}/"
    record_pages += [
        path(prefix, views.record_list, {"kind": code}, name=f"{code}_list"),
        path(f"{prefix}new/", views.record_create, {"kind": code}, name=f"{code}_create"),
        path(f"{prefix}<int:pk>/", views.record_detail, {"kind": code}, name=f"{code}_detail"),
        path(f"{prefix}<int:pk>/edit/", views.record_edit, {"kind": code}, name=f"{code}_edit"),
    ]

urlpatterns = [
    path("organizations/suggest/", views.organization_suggest, name="organization_suggest"),
    *record_pages,
    path("organizations/<int:pk>/annual/", views.organization_annual, name="organization_annual"),
    path("platforms/<int:pk>/pool/", views.platform_pool, name="platform_pool"),
    path("platforms/<int:pk>/approve/", views.platform_approve, name="platform_approve"),
    path("platforms/<int:pk>/lifecycle/<slug:step>/", views.platform_step, name="platform_step"),
    path("cultivation-pool/", views.cultivation_pool, name="cultivation_pool"),
    path("", include("registry.io_urls")),
]
