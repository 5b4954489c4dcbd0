"""URLs of the policy calculator pages, included under /policies/benefits/ in the "policies" namespace."""

from django.urls import path

from policies import benefits_views as views

urlpatterns = [
    path("", views.my_benefits, name="benefits_mine"),
    path("organizations/<int:pk>/", views.organization_benefits, name="benefits_organization"),
    path("finder/", views.finder, name="benefits_finder"),
    path("runs/", views.run_start, name="benefits_run_start"),
    path("runs/<int:pk>/progress/", views.run_progress, name="benefits_run_progress"),
    path("runs/<int:pk>/rules/<str:rule_id>/", views.rule_winners, name="benefits_rule_winners"),
    path("forecast/", views.forecast, name="benefits_forecast"),
    path("what-if/", views.what_if, name="benefits_what_if"),
    path("what-if/<int:pk>/", views.what_if_run, name="benefits_what_if_run"),
    path("rules/", views.rule_list, name="benefits_rules"),
    path("rules/<str:rule_id>/", views.rule_edit, name="benefits_rule_edit"),
]
