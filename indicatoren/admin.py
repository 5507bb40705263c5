from django.contrib import admin

from .models import Screening, ScreeningIndicator


class ScreeningIndicatorInline(admin.TabularInline):
    model = ScreeningIndicator
    extra = 0


@admin.register(Screening)
class ScreeningAdmin(admin.ModelAdmin):
    list_display = ["dossier", "besluit", "created_at", "decided_at"]
    list_filter = ["besluit"]
    list_select_related = ["dossier__regeling"]
    inlines = [ScreeningIndicatorInline]


@admin.register(ScreeningIndicator)
class ScreeningIndicatorAdmin(admin.ModelAdmin):
    list_display = ["indicator", "van_toepassing", "sterkte", "screening"]
    list_filter = ["indicator", "van_toepassing"]
