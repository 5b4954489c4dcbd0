from django.urls import path

from planning import views

app_name = "planning"
urlpatterns = [
    path("", views.dashboard_view, name="dashboard"),
    path("report.pdf", views.monthly_report, name="monthly_report"),
    path("indicators/<slug:code>/", views.indicator_detail, name="indicator_detail"),
    path("indicators/<slug:code>/report/", views.report_value, name="report_value"),
    path("indicators/<slug:code>/records/", views.drill_down, name="drill_down"),
    path("tasks/", views.ledger_view, name="ledger"),
    path("tasks/export.xlsx", views.ledger_export, name="ledger_export"),
    path("tasks/units/", views.units_view, name="units"),
    path("tasks/<int:pk>/", views.task_detail, name="task_detail"),
    path("tasks/<int:pk>/progress/", views.report_progress, name="report_progress"),
    path("tasks/<int:pk>/close/", views.close_out, name="close_out"),
    path("tasks/<int:pk>/evidence/", views.closure_evidence, name="closure_evidence"),
    path(
        "tasks/<int:pk>/reports/<int:report>/attachment/", views.report_attachment, name="report_attachment"
    ),
]
