from django.conf import settings
from django.db import models

from dossiers.models import Conclusie, Dossier

from .constants import RapportStatus

User = settings.AUTH_USER_MODEL


class Rapport(models.Model):
    """A request for a PDF report and, once a worker has rendered it, the stored file. Each request is a new
    version; a finished file never changes (its SHA-256 is kept)."""

    dossier = models.ForeignKey(Dossier, models.CASCADE, related_name="rapporten", verbose_name="dossier")
    volgnummer = models.PositiveIntegerField("versie van het rapport", default=1)
    conclusie = models.ForeignKey(
        Conclusie,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="rapporten",
        verbose_name="vastgestelde conclusie",
        help_text="Bij een vastgesteld dossier: de versie waarvan dit rapport het verslag is.",
    )
    queued_at = models.DateTimeField("in de wachtrij gezet op", null=True, blank=True)
    # Empty while the broker has not taken the request (it was down): the sweep sends it as soon as it is back.
    sent_at = models.DateTimeField("aan de wachtrij gegeven op", null=True, blank=True)
    pdf_variant = models.CharField("PDF-variant", max_length=20, blank=True)
    status = models.CharField(
        "status", max_length=20, choices=RapportStatus.choices, default=RapportStatus.IN_WACHTRIJ, db_index=True
    )
    concept = models.BooleanField("concept", default=True, help_text="Het dossier was nog niet vastgesteld.")
    requested_by = models.ForeignKey(User, models.PROTECT, related_name="+", verbose_name="aangevraagd door")
    requested_at = models.DateTimeField("aangevraagd op", auto_now_add=True)
    started_at = models.DateTimeField("gestart op", null=True, blank=True)
    finished_at = models.DateTimeField("klaar op", null=True, blank=True)
    attempts = models.PositiveIntegerField("pogingen", default=0)
    error = models.TextField("foutmelding", blank=True)
    file = models.FileField("bestand", upload_to="rapporten/%Y/%m/", blank=True)
    sha256 = models.CharField("SHA-256", max_length=64, blank=True)

    class Meta:
        ordering = ["-requested_at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["dossier", "volgnummer"], name="rapport_versie_uniek")]
        verbose_name = "rapport"
        verbose_name_plural = "rapporten"

    def __str__(self) -> str:
        return f"Rapport {self.pk} van dossier {self.dossier_id} ({self.get_status_display()})"

    @property
    def is_ready(self) -> bool:
        return self.status == RapportStatus.KLAAR and bool(self.file)


def why_rapport_kept(rapport: Rapport) -> str | None:
    """The finished report of an approved version is part of the record: kept like the version itself."""
    if rapport.conclusie_id and rapport.status == RapportStatus.KLAAR:
        return f"Rapport {rapport.volgnummer} is het verslag van een vastgestelde conclusie en blijft daarom bewaard."
    return None
