from django.http import HttpResponse
from django.shortcuts import render

from suishin.core.home import panels_for
from suishin.core.typing import AuthenticatedRequest


def home_view(request: AuthenticatedRequest) -> HttpResponse:
    return render(request, "core/home.html", {"panels": panels_for(request)})
