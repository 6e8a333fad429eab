from django.urls import path

from alignment import views

app_name = "alignment"

urlpatterns = [
    path("", views.home, name="home"),
    path("countries/<str:code>/", views.country, name="country"),
    path(
        "frameworks/<slug:framework>/requirements/<str:code>/",
        views.requirement,
        name="requirement",
    ),
]
