from django.urls import path

from finance import request_views, views

app_name = "finance"
urlpatterns = [
    path("", views.loans_view, name="loans"),
    path("loans/<int:pk>/", views.loan_view, name="loan_detail"),
    path("loans/<int:pk>/repayments/", views.repay_view, name="repay"),
    path("loans/<int:pk>/bad/", views.bad_view, name="bad"),
    path("loans/<int:pk>/subsidies/", views.subsidy_view, name="subsidy"),
    path("loans/<int:pk>/compensation/", views.compensate_view, name="compensate"),
    path("loans/<int:pk>/recoveries/", views.recover_view, name="recover"),
    path("pools/<int:pk>/", views.pool_view, name="pool_detail"),
    path("products/", request_views.products_view, name="products"),
    path("products/new/", request_views.product_create_view, name="product_create"),
    path("products/<int:pk>/", request_views.product_view, name="product_detail"),
    path("products/<int:pk>/edit/", request_views.product_edit_view, name="product_edit"),
    path("requests/", request_views.requests_view, name="requests"),
    path("requests/new/", request_views.request_create_view, name="request_create"),
    path("requests/<int:pk>/", request_views.request_view, name="request_detail"),
    path("requests/<int:pk>/submit/", request_views.submit_view, name="request_submit"),
    path("requests/<int:pk>/accept/", request_views.accept_view, name="request_accept"),
    path("requests/<int:pk>/decline/", request_views.decline_view, name="request_decline"),
    path("filing/", request_views.filing_view, name="filing"),
    path("filing/export.xlsx", request_views.filing_export_view, name="filing_export"),
]
