from django.contrib import admin

from invoeringstoets.bewaren import KeepsRecordsAdmin

from .models import Rapport


@admin.register(Rapport)
class RapportAdmin(KeepsRecordsAdmin, admin.ModelAdmin):
    list_display = ["__str__", "status", "concept", "requested_by", "requested_at", "finished_at", "attempts"]
    list_filter = ["status", "concept"]
    list_select_related = ["dossier__regeling", "requested_by"]
    raw_id_fields = ["dossier", "conclusie"]
    readonly_fields = ["file", "sha256", "error", "attempts", "started_at", "finished_at"]
