from django.urls import path

from policies import units_views, views

app_name = "policies"
urlpatterns = [
    path("", views.document_list, name="document_list"),
    path("upload/", views.document_upload, name="document_upload"),
    path("units/", units_views.unit_aliases_page, name="unit_aliases"),
    path("units/<int:pk>/delete/", units_views.unit_alias_delete, name="unit_alias_delete"),
    path("<int:pk>/", views.document_detail, name="document_detail"),
    path("<int:pk>/edit/", views.document_edit, name="document_edit"),
    path("<int:pk>/source/", views.document_source, name="document_source"),
    path("<int:pk>/confirm/", views.document_confirm, name="document_confirm"),
    path("<int:pk>/corrections/", views.document_corrections, name="document_corrections"),
    path("<int:pk>/actions/<slug:action>/", views.document_action, name="document_action"),
    path("<int:pk>/items/<slug:kind>/add/", views.item_add, name="item_add"),
    path("<int:pk>/items/<slug:kind>/<int:item_pk>/edit/", views.item_edit, name="item_edit"),
    path("<int:pk>/items/<slug:kind>/<int:item_pk>/delete/", views.item_delete, name="item_delete"),
]
