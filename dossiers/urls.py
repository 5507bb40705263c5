from django.urls import path

from . import views

app_name = "dossiers"

urlpatterns = [
    path("", views.dossier_list, name="list"),
    path("regelingen/nieuw/", views.regeling_create, name="regeling_create"),
    path("dossiers/<int:dossier_id>/", views.dossier_detail, name="detail"),
    path("dossiers/<int:dossier_id>/regeling/", views.regeling_edit, name="regeling_edit"),
    path("dossiers/<int:dossier_id>/kernteam/", views.kernteam_edit, name="kernteam"),
    path("dossiers/<int:dossier_id>/vragen/<str:vraag>/", views.vraag_detail, name="vraag"),
    path(
        "dossiers/<int:dossier_id>/bevindingen/<int:bevinding_id>/wijzigen/",
        views.bevinding_edit,
        name="bevinding_edit",
    ),
    path(
        "dossiers/<int:dossier_id>/bevindingen/<int:bevinding_id>/verwijderen/",
        views.bevinding_delete,
        name="bevinding_delete",
    ),
    path("dossiers/<int:dossier_id>/aannames/<int:aanname_id>/toetsen/", views.aanname_toetsen, name="aanname_toetsen"),
    path("dossiers/<int:dossier_id>/conclusie/", views.conclusie_edit, name="conclusie"),
    path("dossiers/<int:dossier_id>/indienen/", views.dossier_submit, name="submit"),
    path("dossiers/<int:dossier_id>/vaststellen/", views.dossier_decide, name="decide"),
]
