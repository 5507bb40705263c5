from django.contrib import admin

from .models import (
    Aanbeveling,
    Aanname,
    AannameToetsing,
    Bevinding,
    Conclusie,
    Dossier,
    GeenBevindingen,
    Regeling,
    StatusChange,
    Uitvoeringsorganisatie,
)


class AannameInline(admin.TabularInline):
    model = Aanname
    extra = 0


@admin.register(Regeling)
class RegelingAdmin(admin.ModelAdmin):
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
class DossierAdmin(admin.ModelAdmin):
    list_display = ["__str__", "status", "created_at", "status_changed_at"]
    list_filter = ["status"]
    list_select_related = ["regeling"]
    search_fields = ["regeling__naam"]
    filter_horizontal = ["kernteam"]
    readonly_fields = ["status", "created_at", "status_changed_at"]
    inlines = [StatusChangeInline]


@admin.register(StatusChange)
class StatusChangeAdmin(admin.ModelAdmin):
    list_display = ["dossier", "from_status", "to_status", "actor", "at"]
    list_filter = ["to_status"]
    list_select_related = ["dossier__regeling", "actor"]


@admin.register(Bevinding)
class BevindingAdmin(admin.ModelAdmin):
    list_display = ["titel", "vraag", "dossier", "created_by", "created_at"]
    list_filter = ["vraag"]
    list_select_related = ["dossier__regeling", "created_by"]
    search_fields = ["titel", "tekst"]


@admin.register(GeenBevindingen)
class GeenBevindingenAdmin(admin.ModelAdmin):
    list_display = ["vraag", "dossier", "created_by", "created_at"]
    list_select_related = ["dossier__regeling", "created_by"]


@admin.register(Aanname)
class AannameAdmin(admin.ModelAdmin):
    list_display = ["__str__", "bron", "regeling"]
    list_filter = ["bron"]
    list_select_related = ["regeling"]


@admin.register(AannameToetsing)
class AannameToetsingAdmin(admin.ModelAdmin):
    list_display = ["aanname", "oordeel", "updated_by", "updated_at"]
    list_filter = ["oordeel"]
    list_select_related = ["aanname", "updated_by"]


class AanbevelingInline(admin.TabularInline):
    model = Aanbeveling
    extra = 0


@admin.register(Conclusie)
class ConclusieAdmin(admin.ModelAdmin):
    list_display = ["dossier", "volgnummer", "uitkomst", "vastgesteld_at"]
    list_filter = ["uitkomst"]
    list_select_related = ["dossier__regeling"]
    inlines = [AanbevelingInline]


@admin.register(Aanbeveling)
class AanbevelingAdmin(admin.ModelAdmin):
    list_display = ["__str__", "adressaat", "conclusie"]
    list_filter = ["adressaat"]
