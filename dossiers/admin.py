from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    Aanbeveling,
    Aanname,
    AannameToetsing,
    Actie,
    Bevinding,
    Bewijsstuk,
    Conclusie,
    Deelnemer,
    Dossier,
    GeenBevindingen,
    Onderzoeksactiviteit,
    Opvolging,
    Planning,
    Regeling,
    StatusChange,
    Uitvoeringsorganisatie,
)
from .selectors import kernteam_candidates


class AannameInline(admin.TabularInline):
    model = Aanname
    extra = 0


@admin.register(Regeling)
class RegelingAdmin(SimpleHistoryAdmin):
    list_display = ["naam", "ministerie", "directie", "inwerkingtreding", "verwachte_omvang"]
    list_filter = ["ministerie"]
    search_fields = ["naam", "ministerie", "directie"]
    inlines = [AannameInline]
    readonly_fields = ["created_by", "created_at", "updated_by", "updated_at", "revision"]


@admin.register(Uitvoeringsorganisatie)
class UitvoeringsorganisatieAdmin(admin.ModelAdmin):
    search_fields = ["naam"]


class StatusChangeInline(admin.TabularInline):
    model = StatusChange
    extra = 0
    readonly_fields = ["from_status", "to_status", "actor", "at", "remark"]
    can_delete = False


@admin.register(Dossier)
class DossierAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "status", "created_at", "status_changed_at"]
    list_filter = ["status"]
    list_select_related = ["regeling"]
    search_fields = ["regeling__naam"]
    filter_horizontal = ["kernteam"]
    # A dossier belongs to its regeling for good; as a field it would also list every regeling there is.
    readonly_fields = ["regeling", "status", "created_at", "status_changed_at"]
    inlines = [StatusChangeInline]

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        # Membership gives the right to record the research: only people with the role Kernteam, as in the app.
        if db_field.name == "kernteam":
            kwargs["queryset"] = kernteam_candidates()
        return super().formfield_for_manytomany(db_field, request, **kwargs)


@admin.register(StatusChange)
class StatusChangeAdmin(admin.ModelAdmin):
    list_display = ["dossier", "from_status", "to_status", "actor", "at"]
    list_filter = ["to_status"]
    list_select_related = ["dossier__regeling", "actor"]
    raw_id_fields = ["dossier"]


@admin.register(Bevinding)
class BevindingAdmin(SimpleHistoryAdmin):
    list_display = ["titel", "vraag", "dossier", "created_by", "created_at"]
    list_filter = ["vraag"]
    list_select_related = ["dossier__regeling", "created_by"]
    search_fields = ["titel", "tekst"]
    raw_id_fields = ["dossier", "signalen", "activiteiten"]


@admin.register(GeenBevindingen)
class GeenBevindingenAdmin(SimpleHistoryAdmin):
    list_display = ["vraag", "dossier", "created_by", "created_at"]
    list_select_related = ["dossier__regeling", "created_by"]
    raw_id_fields = ["dossier"]


@admin.register(Aanname)
class AannameAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "bron", "regeling"]
    list_filter = ["bron"]
    list_select_related = ["regeling"]
    raw_id_fields = ["regeling"]


@admin.register(AannameToetsing)
class AannameToetsingAdmin(SimpleHistoryAdmin):
    list_display = ["aanname", "oordeel", "updated_by", "updated_at"]
    list_filter = ["oordeel"]
    list_select_related = ["aanname", "updated_by"]
    raw_id_fields = ["aanname", "bevindingen"]


class AanbevelingInline(admin.TabularInline):
    model = Aanbeveling
    extra = 0


@admin.register(Conclusie)
class ConclusieAdmin(SimpleHistoryAdmin):
    list_display = ["dossier", "volgnummer", "uitkomst", "vastgesteld_at"]
    list_filter = ["uitkomst"]
    list_select_related = ["dossier__regeling"]
    raw_id_fields = ["dossier"]
    inlines = [AanbevelingInline]


@admin.register(Aanbeveling)
class AanbevelingAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "adressaat", "conclusie"]
    list_filter = ["adressaat"]
    raw_id_fields = ["conclusie"]


@admin.register(Deelnemer)
class DeelnemerAdmin(SimpleHistoryAdmin):
    list_display = ["naam", "organisatie", "rol", "dossier"]
    list_filter = ["rol"]
    list_select_related = ["dossier__regeling"]
    raw_id_fields = ["dossier"]


@admin.register(Planning)
class PlanningAdmin(SimpleHistoryAdmin):
    list_display = ["dossier", "start", "beoogd_einde"]
    list_select_related = ["dossier__regeling"]
    raw_id_fields = ["dossier"]


@admin.register(Onderzoeksactiviteit)
class OnderzoeksactiviteitAdmin(SimpleHistoryAdmin):
    list_display = ["datum", "soort", "bereik", "dossier"]
    list_filter = ["soort"]
    list_select_related = ["dossier__regeling"]
    raw_id_fields = ["dossier"]


@admin.register(Bewijsstuk)
class BewijsstukAdmin(SimpleHistoryAdmin):
    list_display = ["naam", "soort", "grootte", "dossier", "uploaded_by", "uploaded_at"]
    list_select_related = ["dossier__regeling", "uploaded_by"]
    raw_id_fields = ["dossier", "bevinding", "activiteit", "toetsing"]
    readonly_fields = ["bestand", "naam", "soort", "mime_type", "grootte", "sha256"]


@admin.register(Opvolging)
class OpvolgingAdmin(SimpleHistoryAdmin):
    list_display = ["conclusie", "monitoring_op", "escalatie_naar"]
    list_select_related = ["conclusie__dossier__regeling"]
    raw_id_fields = ["conclusie"]


@admin.register(Actie)
class ActieAdmin(SimpleHistoryAdmin):
    list_display = ["omschrijving", "eigenaar", "deadline", "afgerond_op", "herinnerd_op"]
    list_filter = ["afgerond_op"]
    list_select_related = ["eigenaar"]
    raw_id_fields = ["conclusie"]
