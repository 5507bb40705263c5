from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from . import views

admin.site.site_header = "Invoeringstoets: beheer"
admin.site.site_title = "Invoeringstoets beheer"
admin.site.index_title = "Functioneel beheer"

urlpatterns = [
    path("inloggen/", auth_views.LoginView.as_view(), name="login"),
    path("uitloggen/", auth_views.LogoutView.as_view(), name="logout"),
    path("toegankelijkheid/", views.toegankelijkheid, name="toegankelijkheid"),
    path("health/", views.gezondheid, name="health"),
    path("beheer/", admin.site.urls),
    path("", include("dossiers.urls")),
    path("", include("indicatoren.urls")),
    path("", include("rapportage.urls")),
]

handler403 = "invoeringstoets.security.geweigerd"
