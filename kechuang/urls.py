from django.contrib import admin
from django.urls import include, path

from kechuang.api import api
from kechuang.views import workbench_view
from registry import views as registry_views

urlpatterns = [
    path("", registry_views.home, name="home"),
    path("workbench/", workbench_view, name="workbench"),
    path("registry/", include("registry.urls")),
    path("policies/benefits/", include("benefits.urls")),
    path("policies/", include("policies.urls")),
    path("planning/", include("planning.urls")),
    path("sharing/", include("sharing.urls")),
    path("finance/", include("finance.urls")),
    path("transfer/", include("transfer.urls")),
    path("matching/", include("matching.urls")),
    path("evaluation/", include("evaluation.urls")),
    path("accounts/", include("accounts.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/", api.urls),
    path("", include("ops.urls")),
]
# Uploads are never served by URL (not even while debugging): each app's download view checks who asks
# (kechuang/downloads.py).
