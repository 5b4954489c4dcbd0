from django.urls import path

from registry import views

app_name = "registry"
urlpatterns = [
]
