from django.urls import re_path

from alignment.exports import views as exports

app_name = "exports"

urlpatterns = [
    re_path(r"^status\.(?P<fmt>[^/]+)$", exports.status_export, name="status"),
    re_path(r"^history\.(?P<fmt>[^/]+)$", exports.history_export, name="history"),
]
