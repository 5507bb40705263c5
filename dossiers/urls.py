from django.urls import path

from . import views

app_name = "dossiers"

D = "dossiers/<int:dossier_id>"

urlpatterns = [
    path("", views.dossier_list, name="list"),
    path("regelingen/nieuw/", views.regeling_create, name="regeling_create"),
    path(f"{D}/", views.dossier_detail, name="detail"),
    path(f"{D}/regeling/", views.regeling_edit, name="regeling_edit"),
    path(f"{D}/kernteam/", views.kernteam_edit, name="kernteam"),
    path(f"{D}/geschiedenis/", views.dossier_tijdlijn, name="tijdlijn"),
    # The research: team, planning, activities
    path(f"{D}/onderzoek/", views.onderzoek, name="onderzoek"),
    path(f"{D}/onderzoek/planning/", views.planning_edit, name="planning"),
    path(f"{D}/onderzoek/deelnemers/nieuw/", views.deelnemer_add, name="deelnemer_add"),
    path(f"{D}/onderzoek/deelnemers/<int:deelnemer_id>/verwijderen/", views.deelnemer_delete, name="deelnemer_delete"),
    path(f"{D}/onderzoek/activiteiten/nieuw/", views.activiteit_edit, name="activiteit_create"),
    path(f"{D}/onderzoek/activiteiten/<int:activiteit_id>/wijzigen/", views.activiteit_edit, name="activiteit_edit"),
    path(
        f"{D}/onderzoek/activiteiten/<int:activiteit_id>/verwijderen/",
        views.activiteit_delete,
        name="activiteit_delete",
    ),
    # Findings and assumptions
    path(f"{D}/vragen/<str:vraag>/", views.vraag_detail, name="vraag"),
    path(f"{D}/bevindingen/<int:bevinding_id>/wijzigen/", views.bevinding_edit, name="bevinding_edit"),
    path(f"{D}/bevindingen/<int:bevinding_id>/verwijderen/", views.bevinding_delete, name="bevinding_delete"),
    path(f"{D}/aannames/<int:aanname_id>/toetsen/", views.aanname_toetsen, name="aanname_toetsen"),
    # Evidence files
    path(
        f"{D}/bewijs/<str:soort>/<int:parent_id>/nieuw/",
        views.bewijsstuk_add,
        name="bewijsstuk_add",
    ),
    path(f"{D}/bewijs/<int:bewijsstuk_id>/", views.bewijsstuk_download, name="bewijsstuk"),
    path(f"{D}/bewijs/<int:bewijsstuk_id>/verwijderen/", views.bewijsstuk_delete, name="bewijsstuk_delete"),
    # The conclusion and after
    path(f"{D}/conclusie/", views.conclusie_edit, name="conclusie"),
    path(f"{D}/conclusie/versies/<int:volgnummer>/", views.conclusie_versie, name="conclusie_versie"),
    path(f"{D}/indienen/", views.dossier_submit, name="submit"),
    path(f"{D}/vaststellen/", views.dossier_decide, name="decide"),
    path(f"{D}/nieuwe-versie/", views.dossier_reopen, name="reopen"),
    path(f"{D}/opvolging/", views.opvolging, name="opvolging"),
    path(f"{D}/opvolging/acties/nieuw/", views.actie_create, name="actie_create"),
    path(f"{D}/opvolging/acties/<int:actie_id>/afronden/", views.actie_afronden, name="actie_afronden"),
]
