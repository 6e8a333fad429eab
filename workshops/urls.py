from django.urls import path

from workshops import views

app_name = "workshops"

urlpatterns = [
    path("", views.workshop_list, name="list"),
    path("<slug:slug>/", views.workshop_detail, name="detail"),
    path("<slug:slug>/followup.csv", views.workshop_csv, name="followup-csv"),
]
