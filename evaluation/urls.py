from django.urls import path

from evaluation import views

app_name = "evaluation"
urlpatterns = [
    path("", views.index, name="index"),
    path("rounds/new/", views.create_view, name="create"),
    path("systems/<int:pk>/", views.system_view, name="system"),
    path("systems/<int:pk>/edit/", views.system_edit_view, name="system_edit"),
    path("rounds/<int:pk>/", views.round_view, name="round"),
    path("rounds/<int:pk>/export.xlsx", views.export_view, name="export"),
    path("rounds/<int:pk>/objections/", views.object_view, name="object"),
    path("rounds/<int:pk>/<slug:action>/", views.round_action, name="action"),
    path("submissions/<int:pk>/", views.submission_view, name="submission"),
    path("submissions/<int:pk>/reviewers/", views.assign_view, name="assign"),
    path("submissions/<int:pk>/draws/", views.draw_view, name="draw"),
    path("reviews/<int:pk>/", views.review_view, name="review"),
    path("objections/<int:pk>/decision/", views.handle_view, name="handle"),
    path("platforms/<int:pk>/", views.platform_view, name="platform"),
]
