from django.contrib import admin
from django.urls import include, path

from config import views

urlpatterns = [
    path("admin/", admin.site.urls),
    path("healthz", views.healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("workshops/", include("workshops.urls")),
    path("export/", include("alignment.exports.urls")),
    path("api/v1/", include("alignment.api.urls")),
    path("api/v1/", include("workshops.api")),
    # Issue 15: indicators (pages, export, API).
    path("indicators/", include("indicators.urls")),
    path("export/", include("indicators.export_urls")),
    path("api/v1/", include("indicators.api")),
    path("", include("alignment.pages.urls")),
]

handler400 = "config.views.bad_request"
