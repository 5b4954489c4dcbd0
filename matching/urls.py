from django.urls import path

from matching import challenge_views, staff_views, views

app_name = "matching"
urlpatterns = [
    path("", views.home, name="home"),
    path("search/", views.search_page, name="search"),
    path("challenges/", views.challenge_list, name="challenges"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("needs/", views.my_needs, name="needs"),
    path("needs/<int:pk>/", views.need_candidates, name="need_candidates"),
    path("candidates/<int:pk>/<str:action>/", views.candidate_action, name="candidate_action"),
    path("agreements/<int:pk>/", views.agreement, name="agreement"),
    path("subscriptions/", views.subscriptions, name="subscriptions"),
    path("expert/profile/", views.expert_profile, name="expert_profile"),
    path("experts/", views.expert_library, name="expert_library"),
    path("funnel/", views.funnel_page, name="funnel"),
    path("challenges/new/", challenge_views.challenge_create, name="challenge_create"),
    path("challenges/<int:pk>/", challenge_views.challenge_detail, name="challenge_detail"),
    path("challenges/<int:pk>/publish/", challenge_views.challenge_publish, name="challenge_publish"),
    path("challenges/<int:pk>/apply/", challenge_views.challenge_apply, name="challenge_apply"),
    path("challenges/<int:pk>/draw/", challenge_views.challenge_draw, name="challenge_draw"),
    path("challenges/<int:pk>/invite/", challenge_views.challenge_invite, name="challenge_invite"),
    path("challenges/<int:pk>/award/", challenge_views.challenge_award, name="challenge_award"),
    path("draws/<int:pk>/", challenge_views.draw_detail, name="draw_detail"),
    path("reviews/<int:pk>/", challenge_views.review, name="review"),
    path("milestones/<int:pk>/accept/", challenge_views.milestone_accept, name="milestone_accept"),
    path("settings/weights/", staff_views.weights, name="weights"),
    path("settings/vocabulary/", staff_views.vocabulary, name="vocabulary"),
    path("settings/index/", staff_views.rebuild, name="rebuild"),
]
