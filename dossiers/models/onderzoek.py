"""The research of a dossier: who takes part, the planning, what was done, what was found, and the evidence."""

import uuid
from pathlib import PurePath

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from invoeringstoets.concurrency import RevisionedModel
from invoeringstoets.fields import RegelVeld
from invoeringstoets.validators import redelijke_datum

from ..constants import (
    ActiviteitSoort,
    BevindingSoort,
    Bewijskracht,
    CentraleVraag,
    DeelnemerRol,
    Ernst,
    Oordeel,
)
from .regeling import Aanname, Dossier

User = settings.AUTH_USER_MODEL


class Deelnemer(models.Model):
    """Someone who takes part without being on the kernteam: the working group, external researchers."""

    dossier = models.ForeignKey(Dossier, models.CASCADE, related_name="deelnemers", verbose_name="dossier")
    naam = RegelVeld("naam", max_length=200)
    organisatie = RegelVeld("organisatie", max_length=200)
    rol = models.CharField("rol", max_length=20, choices=DeelnemerRol.choices)
    toelichting = RegelVeld("toelichting", max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["rol", "naam"]
        verbose_name = "deelnemer"
        verbose_name_plural = "deelnemers"

    def __str__(self) -> str:
        return f"{self.naam} ({self.organisatie})"


class Planning(RevisionedModel):
    dossier = models.OneToOneField(Dossier, models.CASCADE, related_name="planning", verbose_name="dossier")
    start = models.DateField("start van het onderzoek", null=True, blank=True, validators=[redelijke_datum])
    beoogd_einde = models.DateField("beoogd einde", null=True, blank=True, validators=[redelijke_datum])
    moment = models.TextField(
        "gekozen moment en waarom",
        help_text="Het vroegst mogelijke moment waarop iets nuttigs te zeggen is, bijvoorbeeld een jaar na "
        "inwerkingtreding, en waarom.",
    )
    updated_by = models.ForeignKey(User, models.PROTECT, related_name="+", verbose_name="gewijzigd door")
    updated_at = models.DateTimeField("gewijzigd op", auto_now=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = "planning"
        verbose_name_plural = "planningen"

    def __str__(self) -> str:
        return f"Planning van dossier {self.dossier_id}"


class Onderzoeksactiviteit(RevisionedModel):
    """One step of the research: an interview round, a survey, a working-group session, the citizen's journey."""

    dossier = models.ForeignKey(Dossier, models.CASCADE, related_name="activiteiten", verbose_name="dossier")
    datum = models.DateField("datum", validators=[redelijke_datum])
    soort = models.CharField("soort", max_length=20, choices=ActiviteitSoort.choices)
    bereik = models.PositiveIntegerField(
        "aantal bereikte mensen", null=True, blank=True, help_text="Bijvoorbeeld het aantal geïnterviewden."
    )
    samenvatting = models.TextField("samenvatting")
    created_by = models.ForeignKey(User, models.PROTECT, related_name="+", verbose_name="vastgelegd door")
    created_at = models.DateTimeField("vastgelegd op", auto_now_add=True)
    updated_by = models.ForeignKey(User, models.PROTECT, related_name="+", verbose_name="gewijzigd door")
    updated_at = models.DateTimeField("gewijzigd op", auto_now=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["-datum", "-pk"]
        verbose_name = "onderzoeksactiviteit"
        verbose_name_plural = "onderzoeksactiviteiten"

    def __str__(self) -> str:
        return f"{self.get_soort_display()} ({self.datum:%d-%m-%Y})"


class Bevinding(RevisionedModel):
    dossier = models.ForeignKey(Dossier, models.CASCADE, related_name="bevindingen", verbose_name="dossier")
    vraag = models.CharField("centrale vraag", max_length=2, choices=CentraleVraag.choices)
    titel = RegelVeld("titel", max_length=300)
    tekst = models.TextField("bevinding")
    soort = models.CharField("soort", max_length=20, choices=BevindingSoort.choices, default=BevindingSoort.ERVARING)
    ernst = models.CharField("ernst", max_length=10, choices=Ernst.choices, blank=True)
    bewijskracht = models.CharField("bewijskracht", max_length=10, choices=Bewijskracht.choices, blank=True)
    discriminerend = models.BooleanField("discriminerend aspect", default=False)
    discriminatie_toelichting = models.TextField("toelichting op het discriminerende aspect", blank=True)
    organisatie = models.ForeignKey(
        "dossiers.Organisatie",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="bevindingen",
        verbose_name="betreft uitvoeringsorganisatie",
        help_text="De uitvoeringsorganisatie waar de bevinding over gaat (bij 2A-2C verplicht).",
    )
    signalen = models.ManyToManyField(
        "indicatoren.Signaal", blank=True, related_name="bevindingen", verbose_name="signalen"
    )
    activiteiten = models.ManyToManyField(
        Onderzoeksactiviteit, blank=True, related_name="bevindingen", verbose_name="onderzoeksactiviteiten"
    )
    created_by = models.ForeignKey(User, models.PROTECT, related_name="+", verbose_name="vastgelegd door")
    created_at = models.DateTimeField("vastgelegd op", auto_now_add=True)
    updated_by = models.ForeignKey(User, models.PROTECT, related_name="+", verbose_name="gewijzigd door")
    updated_at = models.DateTimeField("gewijzigd op", auto_now=True)
    history = HistoricalRecords(m2m_fields=[signalen, activiteiten], excluded_fields=["updated_at"])

    class Meta:
        ordering = ["vraag", "created_at", "pk"]
        verbose_name = "bevinding"
        verbose_name_plural = "bevindingen"

    def __str__(self) -> str:
        return f"{self.vraag}: {self.titel}"


class GeenBevindingen(models.Model):
    """An explicit statement that a central question has no findings, with the reason."""

    dossier = models.ForeignKey(Dossier, models.CASCADE, related_name="geen_bevindingen", verbose_name="dossier")
    vraag = models.CharField("centrale vraag", max_length=2, choices=CentraleVraag.choices)
    reden = models.TextField("reden")
    created_by = models.ForeignKey(User, models.PROTECT, related_name="+", verbose_name="vastgelegd door")
    created_at = models.DateTimeField("vastgelegd op", auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["vraag"]
        constraints = [models.UniqueConstraint(fields=["dossier", "vraag"], name="geen_bevindingen_per_vraag")]
        verbose_name = "geen bevindingen"
        verbose_name_plural = "geen bevindingen"

    def __str__(self) -> str:
        return f"{self.vraag}: geen bevindingen"


class AannameToetsing(RevisionedModel):
    """The check of one registered assumption against practice (questions 1C and 2C)."""

    aanname = models.OneToOneField(Aanname, models.CASCADE, related_name="toetsing", verbose_name="aanname")
    oordeel = models.CharField("oordeel", max_length=20, choices=Oordeel.choices)
    toelichting = models.TextField("toelichting")
    bevindingen = models.ManyToManyField(
        Bevinding,
        blank=True,
        related_name="toetsingen",
        verbose_name="bevindingen die het oordeel onderbouwen",
    )
    updated_by = models.ForeignKey(User, models.PROTECT, related_name="+", verbose_name="getoetst door")
    updated_at = models.DateTimeField("getoetst op", auto_now=True)
    history = HistoricalRecords(m2m_fields=[bevindingen], excluded_fields=["updated_at"])

    class Meta:
        verbose_name = "toetsing van een aanname"
        verbose_name_plural = "toetsingen van aannames"

    def __str__(self) -> str:
        return f"{self.get_oordeel_display()}: {self.aanname}"


def bewijs_path(instance: "Bewijsstuk", filename: str) -> str:
    """A generated name: what the uploader called the file never reaches the file system."""
    suffix = PurePath(filename).suffix.lower()[:10]
    return f"bewijs/{instance.dossier_id}/{uuid.uuid4().hex}{suffix}"


class Bewijsstuk(models.Model):
    """An evidence file on a finding, a research activity or an assessment of an assumption."""

    dossier = models.ForeignKey(Dossier, models.CASCADE, related_name="bewijsstukken", verbose_name="dossier")
    bevinding = models.ForeignKey(
        Bevinding, models.CASCADE, null=True, blank=True, related_name="bewijsstukken", verbose_name="bevinding"
    )
    activiteit = models.ForeignKey(
        Onderzoeksactiviteit,
        models.CASCADE,
        null=True,
        blank=True,
        related_name="bewijsstukken",
        verbose_name="onderzoeksactiviteit",
    )
    toetsing = models.ForeignKey(
        AannameToetsing, models.CASCADE, null=True, blank=True, related_name="bewijsstukken", verbose_name="toetsing"
    )
    bestand = models.FileField("bestand", upload_to=bewijs_path, max_length=200)
    naam = models.CharField("bestandsnaam", max_length=200)
    soort = models.CharField("soort bestand", max_length=60)
    mime_type = models.CharField("MIME-type", max_length=120)
    grootte = models.PositiveBigIntegerField("grootte (bytes)")
    sha256 = models.CharField("SHA-256", max_length=64)
    omschrijving = RegelVeld("omschrijving", max_length=300, blank=True)
    uploaded_by = models.ForeignKey(User, models.PROTECT, related_name="+", verbose_name="toegevoegd door")
    uploaded_at = models.DateTimeField("toegevoegd op", auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["uploaded_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(bevinding__isnull=False, activiteit__isnull=True, toetsing__isnull=True)
                    | models.Q(bevinding__isnull=True, activiteit__isnull=False, toetsing__isnull=True)
                    | models.Q(bevinding__isnull=True, activiteit__isnull=True, toetsing__isnull=False)
                ),
                name="bewijsstuk_hoort_bij_een_ding",
            )
        ]
        verbose_name = "bewijsstuk"
        verbose_name_plural = "bewijsstukken"

    def __str__(self) -> str:
        return self.naam
