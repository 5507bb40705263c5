from django.urls import path

from . import views

app_name = "rapportage"

D = "dossiers/<int:dossier_id>"

urlpatterns = [
    path(f"{D}/rapporten/nieuw/", views.rapport_create, name="create"),
    path(f"{D}/rapporten/<int:rapport_id>/", views.rapport_download, name="download"),
    path(f"{D}/rapporten/<int:rapport_id>/status/", views.rapport_status, name="status"),
    path(f"{D}/rapport.docx", views.rapport_word, name="word"),
    path(f"{D}/export.json", views.dossier_json, name="json"),
    path("overzicht/", views.overzicht_view, name="overzicht"),
    path("overzicht.csv", views.overzicht_csv, name="overzicht_csv"),
    path("overzicht.xlsx", views.overzicht_xlsx, name="overzicht_xlsx"),
    path("overzicht.pdf", views.overzicht_pdf, name="overzicht_pdf"),
    path("dashboard/", views.dashboard, name="dashboard"),
]
