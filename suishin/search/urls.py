from django.urls import path

from suishin.search import views

app_name = "search"

urlpatterns = [path("", views.search_view, name="search")]
