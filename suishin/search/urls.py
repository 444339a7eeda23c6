from django.urls import path

from suishin.search.views import results, vocabulary

app_name = "search"

urlpatterns = [
    path("", results.search_view, name="search"),
    path("terms/", vocabulary.search_terms_view, name="search_terms"),
    path("terms/<id:pk>/delete/", vocabulary.search_term_delete_view, name="search_term_delete"),
]
