"""Import and export routes (owned by the import/export module)."""

from django.urls import path

from registry import io_views

urlpatterns = [
    path("import/", io_views.import_upload, name="import"),
    path("import/confirm/", io_views.import_confirm, name="import_confirm"),
    path("import/jobs/<int:pk>/", io_views.import_job, name="import_job"),
    path("import/jobs/<int:pk>/retry/", io_views.import_job_retry, name="import_job_retry"),
    path("export/<str:kind>/", io_views.export, name="export"),
]
