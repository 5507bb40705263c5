"""The conclusion, its recommendations, and the follow-up after approval."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from invoeringstoets.concurrency import RevisionedModel
from invoeringstoets.fields import RegelVeld
from invoeringstoets.validators import redelijke_datum

from ..constants import Adressaat, Prioriteit, Uitkomst
from .regeling import Dossier

User = settings.AUTH_USER_MODEL


class Conclusie(RevisionedModel):
    """One version of the conclusion. Once approved it is frozen, and `vastgestelde_inhoud` keeps the whole
    dossier as it was approved; a later change starts a new version."""

    dossier = models.ForeignKey(Dossier, models.CASCADE, related_name="conclusies", verbose_name="dossier")
    volgnummer = models.PositiveIntegerField("versie", default=1)
    uitkomst = models.CharField("uitkomst", max_length=20, choices=Uitkomst.choices)
    toelichting = models.TextField("toelichting")
    updated_by = models.ForeignKey(User, models.PROTECT, related_name="+", verbose_name="gewijzigd door")
    updated_at = models.DateTimeField("gewijzigd op", auto_now=True)
    vastgesteld_by = models.ForeignKey(
        User, models.PROTECT, null=True, blank=True, related_name="+", verbose_name="vastgesteld door"
    )
    vastgesteld_at = models.DateTimeField("vastgesteld op", null=True, blank=True)
    vastgestelde_inhoud = models.JSONField("inhoud zoals vastgesteld", null=True, blank=True, editable=False)
    history = HistoricalRecords(excluded_fields=["updated_at", "vastgestelde_inhoud"])

    class Meta:
        ordering = ["dossier", "-volgnummer"]
        constraints = [models.UniqueConstraint(fields=["dossier", "volgnummer"], name="conclusie_versie_uniek")]
        verbose_name = "conclusie"
        verbose_name_plural = "conclusies"

    def __str__(self) -> str:
        return f"{self.get_uitkomst_display()} (versie {self.volgnummer})"

    @property
    def is_vastgesteld(self) -> bool:
        return self.vastgesteld_at is not None

    def save(self, *args, **kwargs):
        # The approved version is a record: nothing may change it afterwards, whatever code path tries.
        if self.pk and type(self).objects.filter(pk=self.pk, vastgesteld_at__isnull=False).exists():
            raise ValueError("Een vastgestelde conclusie kan niet meer veranderen; maak een nieuwe versie.")
        super().save(*args, **kwargs)


class Aanbeveling(models.Model):
    conclusie = models.ForeignKey(Conclusie, models.CASCADE, related_name="aanbevelingen", verbose_name="conclusie")
    tekst = models.TextField("aanbeveling")
    adressaat = models.CharField("gericht aan", max_length=20, choices=Adressaat.choices)
    prioriteit = models.CharField("prioriteit", max_length=10, choices=Prioriteit.choices, default=Prioriteit.MIDDEN)
    eigenaar = RegelVeld("eigenaar", max_length=200, blank=True, help_text="Wie zorgt dat het gebeurt.")
    # The owner as typed is a person or an organisation; an organisation on the list is linked, for follow-up per
    # organisation (dossiers.organisaties.op_de_lijst).
    eigenaar_organisatie = models.ForeignKey(
        "dossiers.Organisatie",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="aanbevelingen",
        verbose_name="eigenaar (organisatie)",
    )
    volgorde = models.PositiveIntegerField("volgorde", default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["volgorde", "pk"]
        verbose_name = "aanbeveling"
        verbose_name_plural = "aanbevelingen"

    def __str__(self) -> str:
        return self.tekst[:80]

    def save(self, *args, **kwargs):
        # Part of the approved record as much as the conclusion itself.
        if Conclusie.objects.filter(pk=self.conclusie_id, vastgesteld_at__isnull=False).exists():
            raise ValueError("Een aanbeveling van een vastgestelde conclusie kan niet meer veranderen.")
        super().save(*args, **kwargs)


class Opvolging(RevisionedModel):
    """What the approved outcome asks for: a monitoring date, or to whom the matter is escalated."""

    conclusie = models.OneToOneField(
        Conclusie, models.CASCADE, related_name="opvolging", verbose_name="vastgestelde conclusie"
    )
    monitoring_op = models.DateField("volgende monitoring op", null=True, blank=True, validators=[redelijke_datum])
    escalatie_naar = RegelVeld("geëscaleerd naar", max_length=300, blank=True)
    toelichting = models.TextField("toelichting", blank=True)
    updated_by = models.ForeignKey(User, models.PROTECT, related_name="+", verbose_name="gewijzigd door")
    updated_at = models.DateTimeField("gewijzigd op", auto_now=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = "opvolging"
        verbose_name_plural = "opvolgingen"

    def __str__(self) -> str:
        return f"Opvolging van {self.conclusie}"


class Actie(models.Model):
    """A follow-up action with an owner and a due date; the owner gets an e-mail when it is due."""

    conclusie = models.ForeignKey(
        Conclusie, models.CASCADE, related_name="acties", verbose_name="vastgestelde conclusie"
    )
    omschrijving = models.TextField("actie")
    # The owner is a person (who gets the reminder) or an organisation (the reminder goes to who recorded it).
    eigenaar = models.ForeignKey(
        User, models.PROTECT, null=True, blank=True, related_name="acties", verbose_name="eigenaar (persoon)"
    )
    eigenaar_organisatie = models.ForeignKey(
        "dossiers.Organisatie",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="acties",
        verbose_name="eigenaar (organisatie)",
    )
    deadline = models.DateField("uiterlijk op", db_index=True, validators=[redelijke_datum])
    afgerond_op = models.DateField("afgerond op", null=True, blank=True, validators=[redelijke_datum])
    herinnerd_op = models.DateTimeField("herinnering gestuurd op", null=True, blank=True)
    created_by = models.ForeignKey(User, models.PROTECT, related_name="+", verbose_name="aangemaakt door")
    created_at = models.DateTimeField("aangemaakt op", auto_now_add=True)
    history = HistoricalRecords(excluded_fields=["herinnerd_op"])

    class Meta:
        ordering = ["deadline", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(eigenaar__isnull=False, eigenaar_organisatie__isnull=True)
                | models.Q(eigenaar__isnull=True, eigenaar_organisatie__isnull=False),
                name="actie_een_eigenaar",
            )
        ]
        verbose_name = "actie"
        verbose_name_plural = "acties"

    def __str__(self) -> str:
        return self.omschrijving[:80]

    @property
    def eigenaar_naam(self) -> str:
        if self.eigenaar_id:
            return self.eigenaar.get_full_name() or self.eigenaar.username
        return self.eigenaar_organisatie.naam if self.eigenaar_organisatie_id else ""

    @property
    def herinnering_aan(self):
        """Who gets the reminder: the owner, or for an organisation the person who recorded the action."""
        return self.eigenaar if self.eigenaar_id else self.created_by

    @property
    def is_te_laat(self) -> bool:
        return self.afgerond_op is None and self.deadline < timezone.localdate()
