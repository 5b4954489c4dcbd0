from django.urls import path

from sharing import views

app_name = "sharing"
urlpatterns = [
    path("", views.catalogue_view, name="catalogue"),
    path("instruments/<int:pk>/", views.instrument_view, name="instrument"),
    path("instruments/<int:pk>/book/", views.book_view, name="book"),
    path("bookings/", views.bookings_view, name="bookings"),
    path("bookings/<int:pk>/decision/", views.decide_booking_view, name="decide_booking"),
    path("bookings/<int:pk>/cancel/", views.cancel_booking_view, name="cancel_booking"),
    path("bookings/<int:pk>/move/", views.move_booking_view, name="move_booking"),
    path("bookings/<int:pk>/usage/", views.record_usage_view, name="record_usage"),
    path("vouchers/", views.vouchers_view, name="vouchers"),
    path("vouchers/<int:pk>/", views.voucher_view, name="voucher"),
    path("vouchers/<int:pk>/decision/", views.decide_voucher_view, name="decide_voucher"),
    path("vouchers/<int:pk>/claims/", views.claim_view, name="claim"),
    path("claims/<int:pk>/decision/", views.decide_claim_view, name="decide_claim"),
    path("vouchers/<int:pk>/claims/<int:claim>/invoice/", views.invoice_view, name="invoice"),
    path("budgets/", views.budgets_view, name="budgets"),
    path("statistics/", views.statistics_view, name="statistics"),
]
