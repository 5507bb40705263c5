from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.db.models import Count
from django.template.response import TemplateResponse
from simple_history.admin import SimpleHistoryAdmin

from invoeringstoets.bewaren import KeepsRecordsAdmin

from . import organisaties as organisaties_service
from . import rules
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
    Organisatie,
    Planning,
    Regeling,
    RegelingUitvoerder,
    StatusChange,
)
from .selectors import kernteam_candidates


class AannameInline(admin.TabularInline):
    model = Aanname
    extra = 0


@admin.register(Organisatie)
class OrganisatieAdmin(KeepsRecordsAdmin, SimpleHistoryAdmin):
    list_display = ["naam", "afkorting", "soort", "valt_onder", "te_controleren"]
    list_filter = ["soort", "te_controleren"]
    list_select_related = ["valt_onder"]
    search_fields = ["naam", "afkorting", "tooi"]
    autocomplete_fields = ["valt_onder"]
    actions = ["samenvoegen", "gecontroleerd"]

    @admin.action(description="Geselecteerde organisaties samenvoegen (dubbele invoer)")
    def samenvoegen(self, request, queryset):
        """Asks which one stays; everything that named the others then names that one."""
        organisaties = list(
            queryset.select_related("valt_onder").annotate(
                in_gebruik=Count("regelingen", distinct=True)
                + Count("regelingen_van_ministerie", distinct=True)
                + Count("regelingen_van_directie", distinct=True)
            )
        )
        if reden := organisaties_service.waarom_niet_samen(organisaties):
            self.message_user(request, reden, messages.ERROR)
            return None
        # The one checked already, the most used first: beheer seldom keeps the one to check.
        organisaties.sort(key=lambda o: (o.te_controleren, -o.in_gebruik, o.naam))
        doel_id = request.POST.get("doel")
        doel = next((o for o in organisaties if str(o.pk) == doel_id), None)
        if doel is None:
            return TemplateResponse(
                request,
                "admin/dossiers/organisatie/samenvoegen.html",
                {
                    **self.admin_site.each_context(request),
                    "title": "Organisaties samenvoegen",
                    "organisaties": organisaties,
                    "opts": self.model._meta,
                    "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
                },
            )
        aantal = organisaties_service.samenvoegen(doel, organisaties)
        wie = "1 organisatie" if aantal == 1 else f"{aantal} organisaties"
        self.message_user(request, f"{wie} samengevoegd in ‘{doel}’.", messages.SUCCESS)
        return None

    @admin.action(description="Markeren als gecontroleerd")
    def gecontroleerd(self, request, queryset):
        aantal = queryset.update(te_controleren=False)
        wie = "1 organisatie" if aantal == 1 else f"{aantal} organisaties"
        self.message_user(request, f"{wie} gemarkeerd als gecontroleerd.", messages.SUCCESS)


@admin.register(RegelingUitvoerder)
class RegelingUitvoerderAdmin(KeepsRecordsAdmin, admin.ModelAdmin):
    list_display = ["organisatie", "regeling", "volgorde"]
    list_select_related = ["organisatie", "regeling"]
    raw_id_fields = ["regeling"]
    autocomplete_fields = ["organisatie"]


class RegelingUitvoerderInline(admin.TabularInline):
    model = RegelingUitvoerder
    extra = 0
    autocomplete_fields = ["organisatie"]


@admin.register(Regeling)
class RegelingAdmin(KeepsRecordsAdmin, SimpleHistoryAdmin):
    list_display = ["naam", "ministerie", "directie", "inwerkingtreding", "verwachte_omvang"]
    list_filter = ["ministerie"]
    list_select_related = ["ministerie", "directie"]
    search_fields = ["naam", "ministerie__naam", "ministerie__afkorting", "directie__naam"]
    inlines = [RegelingUitvoerderInline, AannameInline]
    readonly_fields = ["created_by", "created_at", "updated_by", "updated_at", "revision"]
    autocomplete_fields = ["ministerie", "directie"]


class StatusChangeInline(admin.TabularInline):
    model = StatusChange
    extra = 0
    readonly_fields = ["from_status", "to_status", "actor", "at", "remark"]
    can_delete = False


@admin.register(Dossier)
class DossierAdmin(KeepsRecordsAdmin, SimpleHistoryAdmin):
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
class StatusChangeAdmin(KeepsRecordsAdmin, admin.ModelAdmin):
    list_display = ["dossier", "from_status", "to_status", "actor", "at"]
    list_filter = ["to_status"]
    list_select_related = ["dossier__regeling", "actor"]
    raw_id_fields = ["dossier"]

    # The record of who moved a dossier when: written by the transitions only, read in beheer.
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Bevinding)
class BevindingAdmin(KeepsRecordsAdmin, SimpleHistoryAdmin):
    list_display = ["titel", "vraag", "dossier", "created_by", "created_at"]
    list_filter = ["vraag"]
    list_select_related = ["dossier__regeling", "created_by"]
    search_fields = ["titel", "tekst"]
    raw_id_fields = ["dossier", "signalen", "activiteiten"]

    def get_readonly_fields(self, request, obj=None):
        # A finding belongs to its dossier for good (an approved version may cite it there).
        return ["dossier", "created_by"] if obj else []


@admin.register(GeenBevindingen)
class GeenBevindingenAdmin(KeepsRecordsAdmin, SimpleHistoryAdmin):
    list_display = ["vraag", "dossier", "created_by", "created_at"]
    list_select_related = ["dossier__regeling", "created_by"]
    raw_id_fields = ["dossier"]


@admin.register(Aanname)
class AannameAdmin(KeepsRecordsAdmin, SimpleHistoryAdmin):
    list_display = ["__str__", "bron", "regeling"]
    list_filter = ["bron"]
    list_select_related = ["regeling"]
    raw_id_fields = ["regeling"]


@admin.register(AannameToetsing)
class AannameToetsingAdmin(KeepsRecordsAdmin, SimpleHistoryAdmin):
    list_display = ["aanname", "oordeel", "updated_by", "updated_at"]
    list_filter = ["oordeel"]
    list_select_related = ["aanname", "updated_by"]
    raw_id_fields = ["aanname", "bevindingen"]


class AanbevelingInline(admin.TabularInline):
    model = Aanbeveling
    extra = 0

    def has_change_permission(self, request, obj=None):
        return not (obj and obj.is_vastgesteld) and super().has_change_permission(request, obj)

    has_add_permission = has_delete_permission = has_change_permission


@admin.register(Conclusie)
class ConclusieAdmin(KeepsRecordsAdmin, SimpleHistoryAdmin):
    list_display = ["dossier", "volgnummer", "uitkomst", "vastgesteld_at"]
    list_filter = ["uitkomst"]
    list_select_related = ["dossier__regeling"]
    raw_id_fields = ["dossier"]
    inlines = [AanbevelingInline]

    def has_change_permission(self, request, obj=None):
        # An approved version is a record: beheer reads it, nobody changes or deletes it.
        return not (obj and obj.is_vastgesteld) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not (obj and obj.is_vastgesteld) and super().has_delete_permission(request, obj)


class AanbevelingAdminForm(forms.ModelForm):
    def clean_conclusie(self):
        conclusie = self.cleaned_data["conclusie"]
        if conclusie and conclusie.is_vastgesteld:
            raise forms.ValidationError(
                "Deze conclusie is vastgesteld; haar aanbevelingen veranderen niet meer. Open een nieuwe versie."
            )
        return conclusie


@admin.register(Aanbeveling)
class AanbevelingAdmin(KeepsRecordsAdmin, SimpleHistoryAdmin):
    list_display = ["__str__", "adressaat", "conclusie"]
    list_filter = ["adressaat"]
    raw_id_fields = ["conclusie"]
    form = AanbevelingAdminForm

    def has_change_permission(self, request, obj=None):
        return not (obj and obj.conclusie.is_vastgesteld) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not (obj and obj.conclusie.is_vastgesteld) and super().has_delete_permission(request, obj)


@admin.register(Deelnemer)
class DeelnemerAdmin(KeepsRecordsAdmin, SimpleHistoryAdmin):
    list_display = ["naam", "organisatie", "rol", "dossier"]
    list_filter = ["rol"]
    list_select_related = ["dossier__regeling"]
    raw_id_fields = ["dossier"]


@admin.register(Planning)
class PlanningAdmin(KeepsRecordsAdmin, SimpleHistoryAdmin):
    list_display = ["dossier", "start", "beoogd_einde"]
    list_select_related = ["dossier__regeling"]
    raw_id_fields = ["dossier"]


@admin.register(Onderzoeksactiviteit)
class OnderzoeksactiviteitAdmin(KeepsRecordsAdmin, SimpleHistoryAdmin):
    list_display = ["datum", "soort", "bereik", "dossier"]
    list_filter = ["soort"]
    list_select_related = ["dossier__regeling"]
    raw_id_fields = ["dossier"]


@admin.register(Bewijsstuk)
class BewijsstukAdmin(KeepsRecordsAdmin, SimpleHistoryAdmin):
    list_display = ["naam", "soort", "grootte", "dossier", "uploaded_by", "uploaded_at"]
    list_select_related = ["dossier__regeling", "uploaded_by"]
    raw_id_fields = ["dossier", "bevinding", "activiteit", "toetsing"]
    readonly_fields = ["bestand", "naam", "soort", "mime_type", "grootte", "sha256"]

    def get_readonly_fields(self, request, obj=None):
        # Evidence stays where it was added, by whom it was added.
        moved = ["dossier", "bevinding", "activiteit", "toetsing", "uploaded_by"]
        return [*self.readonly_fields, *moved] if obj else self.readonly_fields

    def has_change_permission(self, request, obj=None):
        return not (obj and rules.why_bewijsstuk_kept(obj)) and super().has_change_permission(request, obj)


@admin.register(Opvolging)
class OpvolgingAdmin(KeepsRecordsAdmin, SimpleHistoryAdmin):
    list_display = ["conclusie", "monitoring_op", "escalatie_naar"]
    list_select_related = ["conclusie__dossier__regeling"]
    raw_id_fields = ["conclusie"]


@admin.register(Actie)
class ActieAdmin(KeepsRecordsAdmin, SimpleHistoryAdmin):
    list_display = ["omschrijving", "eigenaar_naam", "deadline", "afgerond_op", "herinnerd_op"]
    list_filter = ["afgerond_op"]
    list_select_related = ["eigenaar", "eigenaar_organisatie"]
    raw_id_fields = ["conclusie"]


User = get_user_model()
admin.site.unregister(User)


@admin.register(User)
class GebruikerAdmin(KeepsRecordsAdmin, UserAdmin):
    """Who has worked on a dossier stays named in its history: such a user is made inactive, not deleted."""

    actions = ["deactiveren"]
    list_display = [*UserAdmin.list_display, "is_active"]

    @admin.action(
        description="Geselecteerde gebruikers deactiveren (geen toegang meer, naam blijft in de geschiedenis)"
    )
    def deactiveren(self, request, queryset):
        if queryset.filter(pk=request.user.pk).exists():
            self.message_user(
                request, "U kunt uzelf niet deactiveren; vraag dat zo nodig een andere beheerder.", messages.WARNING
            )
            queryset = queryset.exclude(pk=request.user.pk)
        aantal = queryset.filter(is_active=True).update(is_active=False)
        wie = "1 gebruiker" if aantal == 1 else f"{aantal} gebruikers"
        self.message_user(request, f"{wie} gedeactiveerd.", messages.SUCCESS)
