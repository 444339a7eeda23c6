from django.urls import path

from suishin.search import views

app_name = "search"

urlpatterns = [
    path("", views.search_view, name="search"),
    path("terms/", views.search_terms_view, name="search_terms"),
    path("terms/<id:pk>/delete/", views.search_term_delete_view, name="search_term_delete"),
]
