from django.urls import path

from transfer import views

app_name = "transfer"
urlpatterns = [
    path("", views.contracts_view, name="contracts"),
    path("contracts/new/", views.contract_create_view, name="contract_create"),
    path("contracts/<int:pk>/", views.contract_view, name="contract_detail"),
    path("contracts/<int:pk>/edit/", views.contract_edit_view, name="contract_edit"),
    path("contracts/<int:pk>/acts/<slug:action>/", views.act_view, name="act"),
    path(
        "contracts/<int:pk>/objections/<int:objection>/decision/", views.decide_view, name="decide_objection"
    ),
    path("contracts/<int:pk>/attachments/", views.attachment_upload_view, name="attachment_upload"),
    path("contracts/<int:pk>/attachments/<int:attachment>/", views.attachment_view, name="attachment"),
    path("contracts/<int:pk>/payments/", views.payment_view, name="payment"),
    path("contracts/<int:pk>/subsidies/", views.subsidy_view, name="subsidy"),
    path("contracts/<int:pk>/certificate.pdf", views.certificate_view, name="certificate"),
    path("agreements/<int:pk>/contract/", views.from_agreement_view, name="from_agreement"),
    path("statistics/", views.statistics_view, name="statistics"),
    path("statistics/records/", views.cell_view, name="cell"),
    path("agencies/", views.agencies_view, name="agencies"),
    path("agencies/<int:pk>/", views.agency_view, name="agency_detail"),
]
