from django.urls import path

from . import views

app_name = "indicatoren"

D = "dossiers/<int:dossier_id>"

urlpatterns = [
    path(f"{D}/screening/start/", views.screening_start, name="screening_start"),
    path(f"{D}/screening/", views.screening_view, name="screening"),
    path(f"{D}/ex-ante/", views.ex_ante, name="ex_ante"),
    path(f"{D}/ex-ante/uitvoeringstoets/", views.uitvoeringstoets_edit, name="uitvoeringstoets"),
    path(f"{D}/ex-ante/regeldruk/", views.regeldruk_edit, name="regeldruk"),
    path(f"{D}/ex-ante/doenvermogen/", views.doenvermogen_edit, name="doenvermogen"),
    path(f"{D}/ex-ante/andere-toetsen/", views.andere_toetsen_edit, name="andere_toetsen"),
    path("signalen/", views.signalen_overzicht, name="signalen_overzicht"),
    path(f"{D}/signalen/", views.signalen_dossier, name="signalen"),
    path(f"{D}/signalen/nieuw/", views.signaal_create, name="signaal_create"),
    path(f"{D}/signalen/importeren/", views.signalen_importeren, name="signalen_importeren"),
    path(f"{D}/signalen/<int:signaal_id>/wijzigen/", views.signaal_edit, name="signaal_edit"),
    path(f"{D}/signalen/<int:signaal_id>/verwijderen/", views.signaal_delete, name="signaal_delete"),
    path(f"{D}/signalen/imports/<int:import_id>/ongedaan/", views.signaal_import_delete, name="signaal_import_delete"),
    path(f"{D}/gebruik/", views.gebruik, name="gebruik"),
    path(f"{D}/gebruik/importeren/", views.gebruik_importeren, name="gebruik_importeren"),
]
