from django.urls import path

from . import views

app_name = "rapportage"

urlpatterns = [
    path("dossiers/<int:dossier_id>/rapporten/nieuw/", views.rapport_create, name="create"),
    path("dossiers/<int:dossier_id>/rapporten/<int:rapport_id>/", views.rapport_download, name="download"),
]
