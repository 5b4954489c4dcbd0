"""URLs of the benefit calculator pages, included under /policies/benefits/ (their address before the
benefits app existed) in the "benefits" namespace."""

from django.urls import path

from benefits import views

app_name = "benefits"
urlpatterns = [
    path("", views.my_benefits, name="mine"),
    path("organizations/<int:pk>/", views.organization_benefits, name="organization"),
    path("finder/", views.finder, name="finder"),
    path("runs/", views.run_start, name="run_start"),
    path("runs/<int:pk>/progress/", views.run_progress, name="run_progress"),
    path("runs/<int:pk>/rules/<str:rule_id>/", views.rule_winners, name="rule_winners"),
    path("runs/<int:pk>/winners/", views.run_winners_list, name="winners"),
    path("forecast/", views.forecast, name="forecast"),
    path("what-if/", views.what_if, name="what_if"),
    path("what-if/<int:pk>/", views.what_if_run, name="what_if_run"),
    path("rules/", views.rule_list, name="rules"),
    path("rules/<str:rule_id>/", views.rule_edit, name="rule_edit"),
]
