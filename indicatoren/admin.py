from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from invoeringstoets.bewaren import KeepsRecordsAdmin

from .models import (
    AndereToets,
    DoenvermogenBeoordeling,
    GebruikPeriode,
    Regeldruktoets,
    Screening,
    ScreeningIndicator,
    Signaal,
    SignaalImport,
    Uitvoeringstoets,
)


class ScreeningIndicatorInline(admin.TabularInline):
    model = ScreeningIndicator
    extra = 0


@admin.register(Screening)
class ScreeningAdmin(KeepsRecordsAdmin, SimpleHistoryAdmin):
    list_display = ["dossier", "besluit", "created_at", "decided_at"]
    list_filter = ["besluit"]
    list_select_related = ["dossier__regeling"]
    raw_id_fields = ["dossier"]
    inlines = [ScreeningIndicatorInline]


@admin.register(ScreeningIndicator)
class ScreeningIndicatorAdmin(KeepsRecordsAdmin, SimpleHistoryAdmin):
    list_display = ["indicator", "van_toepassing", "sterkte", "screening"]
    list_filter = ["indicator", "van_toepassing"]
    raw_id_fields = ["screening"]


@admin.register(Uitvoeringstoets)
class UitvoeringstoetsAdmin(KeepsRecordsAdmin, SimpleHistoryAdmin):
    list_display = ["regeling", "maakbaarheid_systemen", "risico_procesverstoringen", "eindoordeel"]
    list_select_related = ["regeling"]
    raw_id_fields = ["regeling"]
    readonly_fields = ["revision", "updated_by", "updated_at"]


@admin.register(Regeldruktoets)
class RegeldruktoetsAdmin(KeepsRecordsAdmin, SimpleHistoryAdmin):
    list_display = ["regeling", "uren_per_jaar", "euro_per_jaar", "atr_oordeel"]
    list_select_related = ["regeling"]
    raw_id_fields = ["regeling"]
    readonly_fields = ["revision", "updated_by", "updated_at"]


@admin.register(DoenvermogenBeoordeling)
class DoenvermogenBeoordelingAdmin(KeepsRecordsAdmin, SimpleHistoryAdmin):
    list_display = ["regeling", "eis", "niveau"]
    list_filter = ["eis", "niveau"]
    list_select_related = ["regeling"]
    raw_id_fields = ["regeling"]


@admin.register(AndereToets)
class AndereToetsAdmin(KeepsRecordsAdmin, SimpleHistoryAdmin):
    list_display = ["naam", "regeling"]
    list_select_related = ["regeling"]
    raw_id_fields = ["regeling"]


@admin.register(Signaal)
class SignaalAdmin(KeepsRecordsAdmin, admin.ModelAdmin):
    list_display = ["datum", "soort", "bron", "aantal", "dossier"]
    list_filter = ["soort"]
    list_select_related = ["dossier__regeling"]
    search_fields = ["samenvatting", "bron"]
    date_hierarchy = "datum"
    show_full_result_count = False  # no second COUNT over a million rows
    raw_id_fields = ["dossier", "import_batch"]


@admin.register(SignaalImport)
class SignaalImportAdmin(KeepsRecordsAdmin, admin.ModelAdmin):
    list_display = ["bestandsnaam", "aantal_rijen", "dossier", "created_by", "created_at"]
    list_select_related = ["dossier__regeling", "created_by"]
    raw_id_fields = ["dossier"]


@admin.register(GebruikPeriode)
class GebruikPeriodeAdmin(KeepsRecordsAdmin, SimpleHistoryAdmin):
    list_display = ["dossier", "periode", "aanvragen", "toekenningen", "afwijzingen"]
    list_select_related = ["dossier__regeling"]
    raw_id_fields = ["dossier"]
