from django.urls import re_path

from indicators.exports import indicator_export

app_name = "indicator-exports"

urlpatterns = [
    re_path(r"^indicators\.(?P<fmt>[^/]+)$", indicator_export, name="indicators"),
]
