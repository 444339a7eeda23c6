from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from suishin.core.home import panels_for


def home_view(request: HttpRequest) -> HttpResponse:
    return render(request, "core/home.html", {"panels": panels_for(request)})
