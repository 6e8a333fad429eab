from django.urls import path

from alignment.pages import views

app_name = "alignment"

urlpatterns = [
    path("", views.home, name="home"),
    path("data/", views.data, name="data"),
    path("countries/<str:code>/", views.country, name="country"),
    path("frameworks/<slug:framework>/", views.framework, name="framework"),
    path(
        "frameworks/<slug:framework>/groups/<str:group>/",
        views.framework_group,
        name="group",
    ),
    path(
        "frameworks/<slug:framework>/requirements/<str:code>/",
        views.requirement,
        name="requirement",
    ),
    # The requirement code is the last segment: dashboard.cell_url_prefixes relies on it.
    path(
        "countries/<str:country>/frameworks/<slug:framework>/requirements/<str:code>/",
        views.cell,
        name="cell",
    ),
]
