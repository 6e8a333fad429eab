from csp.decorators import csp_update
from django.urls import path
from django.views.generic import RedirectView
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from alignment.api import views

app_name = "api"

# Swagger UI's script comes from its own address (the split view), so the page needs no
# inline script; its page does carry a small inline style, and its icons are data: URLs.
swagger_ui = csp_update({"style-src": ["'unsafe-inline'"]})(
    SpectacularSwaggerSplitView.as_view(url_name="api:schema")
)

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="api:docs"), name="root"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", swagger_ui, name="docs"),
    path("countries/", views.CountryList.as_view(), name="country-list"),
    path("countries/<str:code>/", views.CountryDetail.as_view(), name="country-detail"),
    path("frameworks/", views.FrameworkList.as_view(), name="framework-list"),
    path("frameworks/<str:code>/", views.FrameworkDetail.as_view(), name="framework-detail"),
    path(
        "frameworks/<str:code>/requirements/",
        views.RequirementTree.as_view(),
        name="requirement-tree",
    ),
    path(
        "frameworks/<str:code>/requirements/<str:requirement>/",
        views.RequirementDetail.as_view(),
        name="requirement-detail",
    ),
    path("assessments/", views.AssessmentList.as_view(), name="assessment-list"),
    path("history/", views.HistoryList.as_view(), name="history-list"),
    path("history/<str:uid>/", views.HistoryDetail.as_view(), name="history-detail"),
    path("scores/", views.ScoreList.as_view(), name="score-list"),
    path("sources/", views.SourceList.as_view(), name="source-list"),
    path("sources/<str:key>/", views.SourceDetail.as_view(), name="source-detail"),
]
