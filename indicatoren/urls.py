from django.urls import path

from . import views

app_name = "indicatoren"

urlpatterns = [
    path("dossiers/<int:dossier_id>/screening/start/", views.screening_start, name="screening_start"),
    path("dossiers/<int:dossier_id>/screening/", views.screening_edit, name="screening"),
]
