from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from workshops.models import Workshop


def workshop_list(request: HttpRequest) -> HttpResponse:
    workshops = Workshop.objects.select_related("host_country")
    return render(request, "workshops/list.html", {"workshops": workshops})


def workshop_detail(request: HttpRequest, slug: str) -> HttpResponse:
    workshop = get_object_or_404(
        Workshop.objects.select_related("host_country", "partner_institution", "source"), slug=slug
    )
    return render(request, "workshops/detail.html", {"workshop": workshop})
