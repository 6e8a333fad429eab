from django.contrib import admin
from django.urls import include, path

from accounts.language import set_language
from config import views

urlpatterns = [
    path("admin/", admin.site.urls),
    path("healthz", views.healthz, name="healthz"),
    path("floor", views.floor, name="floor"),  # i10: benchmarks' floor page
    path("i18n/setlang/", set_language, name="set_language"),
    path("translate/", include("rosetta.urls")),
    path("workshops/", include("workshops.urls")),
    path("export/", include("alignment.exports.urls")),
    path("api/v1/", include("alignment.api.urls")),
    path("api/v1/", include("workshops.api")),
    # Issue 8: the treaty charts.
    path("treaties/", include("alignment.treaties.urls")),
    path("subscribe/", include("notifications.urls")),  # notifications (issue 14)
    # Issue 15: indicators (pages, export, API).
    path("indicators/", include("indicators.urls")),
    path("export/", include("indicators.export_urls")),
    path("api/v1/", include("indicators.api")),
    path("", include("alignment.pages.urls")),
]

handler400 = "config.views.bad_request"
