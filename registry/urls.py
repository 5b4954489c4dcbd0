from django.urls import include, path

app_name = "registry"
urlpatterns = [
    path("", include("registry.io_urls")),
]
