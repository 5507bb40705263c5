from datetime import UTC, datetime

from django.conf import settings
from django.db import models
from django.db.models import Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from simple_history.models import HistoricalRecords

from invoeringstoets.concurrency import RevisionedModel
from invoeringstoets.fields import RegelVeld
from invoeringstoets.validators import redelijke_datum

from ..constants import AannameBron, DossierStatus
from .organisatie import Organisatie

User = settings.AUTH_USER_MODEL


class RegelingUitvoerder(models.Model):
    """An implementing organisation of a regeling, in the order entered: the first is the lead."""

    regeling = models.ForeignKey(
        "dossiers.Regeling", models.CASCADE, related_name="uitvoerder_rijen", verbose_name="regeling"
    )
    organisatie = models.ForeignKey(
        Organisatie, models.PROTECT, related_name="uitvoerder_van", verbose_name="organisatie"
    )
    volgorde = models.PositiveIntegerField("volgorde", default=0)

    class Meta:
        ordering = ["volgorde", "pk"]
        constraints = [models.UniqueConstraint(fields=["regeling", "organisatie"], name="uitvoerder_een_keer")]
        verbose_name = "uitvoeringsorganisatie van een regeling"
        verbose_name_plural = "uitvoeringsorganisaties van regelingen"

    def __str__(self) -> str:
        return str(self.organisatie)


class Regeling(RevisionedModel):
    naam = RegelVeld("naam van de regeling", max_length=300)
    ministerie = models.ForeignKey(
        Organisatie, models.PROTECT, related_name="regelingen_van_ministerie", verbose_name="ministerie"
    )
    directie = models.ForeignKey(
        Organisatie, models.PROTECT, related_name="regelingen_van_directie", verbose_name="directie"
    )
    wettelijke_grondslag = RegelVeld("wettelijke grondslag", max_length=500)
    inwerkingtreding = models.DateField("datum van inwerkingtreding", validators=[redelijke_datum])
    uitvoeringsorganisaties = models.ManyToManyField(
        Organisatie,
        through=RegelingUitvoerder,
        related_name="regelingen",
        verbose_name="uitvoeringsorganisaties",
    )
    doelgroep = models.TextField("doelgroep")
    verwachte_omvang = models.PositiveIntegerField("verwachte omvang van de doelgroep")
    omvang_toelichting = RegelVeld("toelichting op de omvang", max_length=500, blank=True)
    created_by = models.ForeignKey(User, models.PROTECT, related_name="+", verbose_name="geregistreerd door")
    created_at = models.DateTimeField("geregistreerd op", auto_now_add=True)
    updated_by = models.ForeignKey(User, models.PROTECT, related_name="+", verbose_name="gewijzigd door")
    updated_at = models.DateTimeField("gewijzigd op", auto_now=True)
    history = HistoricalRecords(m2m_fields=[uitvoeringsorganisaties], excluded_fields=["updated_at"])

    class Meta:
        ordering = ["naam"]
        verbose_name = "regeling"
        verbose_name_plural = "regelingen"

    def __str__(self) -> str:
        return self.naam

    @property
    def uitvoerders(self) -> list[Organisatie]:
        """The implementing organisations in the order entered (the first is the lead); prefetch
        `uitvoerder_rijen__organisatie` to read them without a query."""
        rijen = self.uitvoerder_rijen.all()
        if "uitvoerder_rijen" not in getattr(self, "_prefetched_objects_cache", {}):
            rijen = rijen.select_related("organisatie")  # one query, not one per organisation
        return [rij.organisatie for rij in rijen]


class Aanname(models.Model):
    regeling = models.ForeignKey("dossiers.Regeling", models.CASCADE, related_name="aannames", verbose_name="regeling")
    tekst = models.TextField("aanname")
    bron = models.CharField("bron", max_length=20, choices=AannameBron.choices)
    volgorde = models.PositiveIntegerField("volgorde", default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["volgorde", "pk"]
        verbose_name = "aanname"
        verbose_name_plural = "aannames"

    def __str__(self) -> str:
        return self.tekst[:80]


# The order of the dossier list: flagged for re-screening first (they wait for someone), then the latest change.
# An index in exactly this order lets the list read a page from the index, however many dossiers there are. "Not
# flagged" counts as a moment long past: an index cannot say NULLS LAST on SQLite.
NIET_GEMARKEERD = datetime(1900, 1, 1, tzinfo=UTC)
DOSSIER_LIST_ORDER = (
    Coalesce("herscreening_sinds", Value(NIET_GEMARKEERD, output_field=models.DateTimeField())).desc(),
    models.F("status_changed_at").desc(),
    models.F("id").desc(),
)


class Dossier(models.Model):
    """The invoeringstoets of one regeling: its status, its kernteam and everything the research produces."""

    regeling = models.OneToOneField(Regeling, models.CASCADE, related_name="dossier", verbose_name="regeling")
    status = models.CharField(
        "status", max_length=30, choices=DossierStatus.choices, default=DossierStatus.GEREGISTREERD, db_index=True
    )
    kernteam = models.ManyToManyField(User, blank=True, related_name="kernteam_dossiers", verbose_name="kernteam")
    created_at = models.DateTimeField("aangemaakt op", auto_now_add=True)
    status_changed_at = models.DateTimeField("status gewijzigd op", auto_now_add=True)
    # Set by the daily re-screening check on a "geen invoeringstoets" dossier; cleared by a new screening.
    herscreening_sinds = models.DateTimeField("opnieuw screenen sinds", null=True, blank=True, db_index=True)
    herscreening_reden = models.TextField("waarom opnieuw screenen", blank=True)
    history = HistoricalRecords(m2m_fields=[kernteam], excluded_fields=["status_changed_at"])

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(*DOSSIER_LIST_ORDER, name="dossier_lijst")]
        verbose_name = "dossier"
        verbose_name_plural = "dossiers"

    def __str__(self) -> str:
        return f"Dossier {self.pk}: {self.regeling.naam}"

    def get_absolute_url(self) -> str:
        return reverse("dossiers:detail", args=[self.pk])


class StatusChange(models.Model):
    """One row per lifecycle transition: who moved the dossier from which status to which, and when."""

    dossier = models.ForeignKey(Dossier, models.CASCADE, related_name="status_changes", verbose_name="dossier")
    from_status = models.CharField("van", max_length=30, choices=DossierStatus.choices, blank=True)
    to_status = models.CharField("naar", max_length=30, choices=DossierStatus.choices)
    actor = models.ForeignKey(User, models.PROTECT, related_name="+", verbose_name="door")
    at = models.DateTimeField("op", auto_now_add=True)
    remark = models.TextField("opmerking", blank=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = "statuswijziging"
        verbose_name_plural = "statuswijzigingen"

    def __str__(self) -> str:
        return f"{self.get_from_status_display() or '-'} → {self.get_to_status_display()}"
