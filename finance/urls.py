from django.urls import path

from finance import views

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
]
