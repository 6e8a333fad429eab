from django.urls import path

from alignment.treaties import views

app_name = "treaties"

urlpatterns = [
    path("", views.index, name="index"),
    path("<slug:code>/", views.chart, name="chart"),
    path("<slug:code>/chart.csv", views.chart_csv, name="chart_csv"),
]
