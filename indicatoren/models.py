from datetime import date

from django.conf import settings
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from dossiers.models import Dossier, Regeling
from dossiers.rules import kept_bevindingen
from invoeringstoets.concurrency import RevisionedModel
from invoeringstoets.fields import RegelVeld
from invoeringstoets.validators import redelijke_datum

from .constants import (
    FASE_PER_INDICATOR,
    AtrOordeel,
    Besluit,
    DoenvermogenEis,
    Eindoordeel,
    Impact,
    Indicator,
    Niveau,
    Omvang,
    Risico,
    SignaalSoort,
    Sterkte,
)

User = settings.AUTH_USER_MODEL


class Screening(RevisionedModel):
    """One screening of a dossier. Every screening is kept, so a later re-screening leaves the history intact."""

    dossier = models.ForeignKey(Dossier, models.CASCADE, related_name="screenings", verbose_name="dossier")
    besluit = models.CharField("besluit", max_length=3, choices=Besluit.choices, blank=True)
    motivering = models.TextField("motivering", blank=True)
    peildatum = models.DateField(
        "peildatum",
        null=True,
        help_text="De voorstellen kijken naar signalen en gebruik tot en met deze datum.",
        validators=[redelijke_datum],
    )
    herscreening_op = models.DateField(
        "opnieuw screenen op",
        null=True,
        blank=True,
        help_text="Bij ‘geen invoeringstoets’: de datum waarop het dossier opnieuw gescreend moet worden.",
        validators=[redelijke_datum],
    )
    created_by = models.ForeignKey(User, models.PROTECT, related_name="+", verbose_name="gestart door")
    created_at = models.DateTimeField("gestart op", auto_now_add=True)
    updated_by = models.ForeignKey(User, models.PROTECT, related_name="+", verbose_name="gewijzigd door")
    updated_at = models.DateTimeField("gewijzigd op", auto_now=True)
    decided_by = models.ForeignKey(
        User, models.PROTECT, null=True, blank=True, related_name="+", verbose_name="besloten door"
    )
    decided_at = models.DateTimeField("besloten op", null=True, blank=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["dossier", "-created_at", "-pk"]
        verbose_name = "screening"
        verbose_name_plural = "screenings"

    def __str__(self) -> str:
        return f"Screening {self.pk} van dossier {self.dossier_id}"

    @property
    def is_decided(self) -> bool:
        return self.decided_at is not None


def wijkt_af(
    *, van_toepassing: bool, sterkte: str, voorstel_van_toepassing: bool | None, voorstel_sterkte: str
) -> bool:
    """A choice differs from the proposal that was made: another yes or no, or, where it applies, another strength.
    The one rule for the form (asking for a reason) and the stored screening (the report, the decision's check)."""
    if voorstel_van_toepassing is None:
        return False
    if van_toepassing != voorstel_van_toepassing:
        return True
    return van_toepassing and sterkte != voorstel_sterkte


class ScreeningIndicator(models.Model):
    screening = models.ForeignKey(Screening, models.CASCADE, related_name="indicatoren", verbose_name="screening")
    indicator = models.CharField("indicator", max_length=30, choices=Indicator.choices)
    van_toepassing = models.BooleanField("van toepassing", default=False)
    sterkte = models.CharField("sterkte", max_length=10, choices=Sterkte.choices, blank=True)
    toelichting = models.TextField("toelichting en onderbouwing", blank=True)
    # What the application proposed from the data, kept as it was shown, so the history shows advice and choice.
    voorstel_van_toepassing = models.BooleanField("voorgesteld: van toepassing", null=True)
    voorstel_sterkte = models.CharField("voorgestelde sterkte", max_length=10, choices=Sterkte.choices, blank=True)
    voorstel_reden = models.TextField("waarom dit voorstel", blank=True)
    afwijking_reden = models.TextField("reden om af te wijken van het voorstel", blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["screening", "pk"]
        constraints = [models.UniqueConstraint(fields=["screening", "indicator"], name="indicator_per_screening")]
        verbose_name = "indicator"
        verbose_name_plural = "indicatoren"

    def __str__(self) -> str:
        return self.get_indicator_display()

    @property
    def fase(self) -> str:
        return FASE_PER_INDICATOR[Indicator(self.indicator)]

    @property
    def wijkt_af(self) -> bool:
        return wijkt_af(
            van_toepassing=self.van_toepassing,
            sterkte=self.sterkte,
            voorstel_van_toepassing=self.voorstel_van_toepassing,
            voorstel_sterkte=self.voorstel_sterkte,
        )


class Uitvoeringstoets(RevisionedModel):
    """The summary table of the uitvoeringstoets, as implementing organisations fill it in."""

    regeling = models.OneToOneField(Regeling, models.CASCADE, related_name="uitvoeringstoets", verbose_name="regeling")
    interactie_burgers = models.CharField("interactie burgers/bedrijven", max_length=12, choices=Impact.choices)
    maakbaarheid_systemen = models.CharField("maakbaarheid systemen", max_length=12, choices=Impact.choices)
    handhaafbaarheid = models.CharField("handhaafbaarheid", max_length=12, choices=Impact.choices)
    fraudebestendigheid = models.CharField("fraudebestendigheid", max_length=12, choices=Impact.choices)
    complexiteitsgevolgen = models.CharField("complexiteitsgevolgen", max_length=12, choices=Impact.choices)
    risico_procesverstoringen = models.CharField(
        "risico procesverstoringen", max_length=10, choices=Risico.choices, blank=True
    )
    dienstverlening_incidenteel = models.BigIntegerField("dienstverlening, incidenteel (€)", default=0)
    dienstverlening_structureel = models.BigIntegerField("dienstverlening, structureel (€)", default=0)
    handhaving_incidenteel = models.BigIntegerField("handhaving/toezicht, incidenteel (€)", default=0)
    handhaving_structureel = models.BigIntegerField("handhaving/toezicht, structureel (€)", default=0)
    automatisering_incidenteel = models.BigIntegerField("automatisering, incidenteel (€)", default=0)
    automatisering_structureel = models.BigIntegerField("automatisering, structureel (€)", default=0)
    fte_incidenteel = models.DecimalField("personeel, incidenteel (fte)", max_digits=8, decimal_places=1, default=0)
    fte_structureel = models.DecimalField("personeel, structureel (fte)", max_digits=8, decimal_places=1, default=0)
    invoering_mogelijk_per = models.DateField(
        "invoering mogelijk per", null=True, blank=True, validators=[redelijke_datum]
    )
    beslag_portfolio = models.CharField("beslag op het portfolio", max_length=12, choices=Omvang.choices, blank=True)
    beslag_portfolio_toelichting = RegelVeld("toelichting op het beslag", max_length=300, blank=True)
    eindoordeel = models.CharField("eindoordeel", max_length=20, choices=Eindoordeel.choices)
    voorwaarden = models.TextField("voorwaarden bij het eindoordeel", blank=True)
    updated_by = models.ForeignKey(User, models.PROTECT, related_name="+", verbose_name="gewijzigd door")
    updated_at = models.DateTimeField("gewijzigd op", auto_now=True)

    IMPACT_FIELDS = [
        "interactie_burgers",
        "maakbaarheid_systemen",
        "handhaafbaarheid",
        "fraudebestendigheid",
        "complexiteitsgevolgen",
    ]
    COST_ROWS = [
        ("Dienstverlening", "dienstverlening"),
        ("Handhaving/toezicht", "handhaving"),
        ("Automatisering", "automatisering"),
    ]

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = "uitvoeringstoets"
        verbose_name_plural = "uitvoeringstoetsen"

    def __str__(self) -> str:
        return f"Uitvoeringstoets van {self.regeling}"

    def impact_rows(self) -> list[tuple[str, list[bool]]]:
        """Each impact category with a mark under its column, as in the familiar table."""
        return [
            (self._meta.get_field(name).verbose_name.capitalize(), [getattr(self, name) == o for o in Impact.values])
            for name in self.IMPACT_FIELDS
        ]

    def kosten_rows(self) -> list[tuple[str, int, int]]:
        return [
            (label, getattr(self, f"{prefix}_incidenteel"), getattr(self, f"{prefix}_structureel"))
            for label, prefix in self.COST_ROWS
        ]


class Regeldruktoets(RevisionedModel):
    regeling = models.OneToOneField(Regeling, models.CASCADE, related_name="regeldruktoets", verbose_name="regeling")
    uren_per_jaar = models.DecimalField(
        "verandering in tijd voor de doelgroep (uren per jaar)", max_digits=14, decimal_places=1, default=0
    )
    euro_per_jaar = models.BigIntegerField("verandering in kosten voor de doelgroep (€ per jaar)", default=0)
    atr_oordeel = models.CharField("oordeel van het ATR", max_length=20, choices=AtrOordeel.choices)
    toelichting = models.TextField("toelichting", blank=True)
    updated_by = models.ForeignKey(User, models.PROTECT, related_name="+", verbose_name="gewijzigd door")
    updated_at = models.DateTimeField("gewijzigd op", auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = "regeldruktoets"
        verbose_name_plural = "regeldruktoetsen"

    def __str__(self) -> str:
        return f"Regeldruktoets van {self.regeling}"


class DoenvermogenBeoordeling(models.Model):
    """One demand of the doenvermogentoets on the target group, judged low, medium or high."""

    regeling = models.ForeignKey(Regeling, models.CASCADE, related_name="doenvermogen", verbose_name="regeling")
    eis = models.CharField("wat de regeling vraagt", max_length=20, choices=DoenvermogenEis.choices)
    niveau = models.CharField("beroep op het doenvermogen", max_length=10, choices=Niveau.choices)
    toelichting = models.TextField("toelichting", blank=True)
    updated_by = models.ForeignKey(User, models.PROTECT, related_name="+", verbose_name="gewijzigd door")
    updated_at = models.DateTimeField("gewijzigd op", auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["regeling", "pk"]
        constraints = [models.UniqueConstraint(fields=["regeling", "eis"], name="doenvermogen_eis_per_regeling")]
        verbose_name = "beoordeling doenvermogen"
        verbose_name_plural = "beoordelingen doenvermogen"

    def __str__(self) -> str:
        return f"{self.get_eis_display()}: {self.get_niveau_display()}"


class AndereToets(models.Model):
    regeling = models.ForeignKey(Regeling, models.CASCADE, related_name="andere_toetsen", verbose_name="regeling")
    naam = RegelVeld("naam van de toets", max_length=200)
    uitkomst = models.TextField("uitkomst")
    document = RegelVeld("document (vindplaats of link)", max_length=500, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["regeling", "pk"]
        verbose_name = "andere toets"
        verbose_name_plural = "andere toetsen"

    def __str__(self) -> str:
        return self.naam


class SignaalImport(models.Model):
    """One CSV file of signals, imported all at once."""

    dossier = models.ForeignKey(Dossier, models.CASCADE, related_name="signaal_imports", verbose_name="dossier")
    bestandsnaam = models.CharField("bestandsnaam", max_length=255)
    aantal_rijen = models.PositiveIntegerField("aantal signalen")
    created_by = models.ForeignKey(User, models.PROTECT, null=True, related_name="+", verbose_name="geïmporteerd door")
    created_at = models.DateTimeField("geïmporteerd op", auto_now_add=True)

    # The import is one event in the dossier's timeline; its signals are in it (a history row per signal would double
    # the cost of an import of 100,000 rows, bench/results.md).
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "import van signalen"
        verbose_name_plural = "imports van signalen"

    def __str__(self) -> str:
        return f"{self.bestandsnaam} ({self.aantal_rijen} signalen)"


SIGNAAL_IN_TOEKOMST = "ligt in de toekomst; een signaal heeft al plaatsgevonden."


def signaal_in_toekomst(datum: date, today: date | None = None) -> bool:
    """A signal happened: a date in the future is a typo (2027 for 2021) that would drop out of the screening. The
    one rule for every way in: the form, the CSV import and the API (services.signaal_create, csvimport)."""
    return datum > (today or timezone.localdate())


class Signaal(models.Model):
    """A signal from practice about how the regulation works out."""

    # Indexes cost every import: 100,000 rows update each of them (bench/results.md). The dossier is the first
    # column of `signaal_dossier_datum`, which serves every per-dossier read; the author is only looked up when a
    # user is deleted, which the application never does (accounts are deactivated).
    dossier = models.ForeignKey(
        Dossier, models.CASCADE, related_name="signalen", verbose_name="dossier", db_index=False
    )
    soort = models.CharField("soort", max_length=20, choices=SignaalSoort.choices)
    datum = models.DateField("datum", validators=[redelijke_datum])
    bron = RegelVeld("bron", max_length=300)
    samenvatting = models.TextField("samenvatting")
    aantal = models.PositiveIntegerField("aantal", null=True, blank=True, help_text="Bijvoorbeeld 12 klachten.")
    link = models.URLField("link", max_length=500, blank=True)
    created_at = models.DateTimeField("vastgelegd op", auto_now_add=True)
    created_by = models.ForeignKey(
        User, models.PROTECT, null=True, related_name="+", verbose_name="vastgelegd door", db_index=False
    )
    import_batch = models.ForeignKey(
        SignaalImport, models.CASCADE, null=True, blank=True, related_name="signalen", verbose_name="import"
    )

    # A signal typed, changed or deleted by hand is in the timeline. An import writes its rows without a history row
    # each (COPY; the import itself is the event), and undoing it removes them the same way.
    history = HistoricalRecords()

    class Meta:
        ordering = ["-datum", "-pk"]
        indexes = [
            models.Index(fields=["dossier", "-datum", "-id"], name="signaal_dossier_datum"),
            models.Index(fields=["-datum", "-id"], name="signaal_datum"),
        ]
        verbose_name = "signaal"
        verbose_name_plural = "signalen"

    def __str__(self) -> str:
        return f"{self.get_soort_display()} {self.datum:%d-%m-%Y}: {self.samenvatting[:60]}"

    @property
    def gewicht(self) -> int:
        """How many signals this row stands for: a row may count 12 complaints at once."""
        return self.aantal or 1


class GebruikPeriode(models.Model):
    """Actual use in one month: applications, grants and rejections."""

    dossier = models.ForeignKey(Dossier, models.CASCADE, related_name="gebruik", verbose_name="dossier")
    periode = models.DateField("maand", help_text="De eerste dag van de maand.", validators=[redelijke_datum])
    aanvragen = models.PositiveIntegerField("aanvragen")
    toekenningen = models.PositiveIntegerField("toekenningen")
    afwijzingen = models.PositiveIntegerField("afwijzingen")

    history = HistoricalRecords()

    class Meta:
        ordering = ["dossier", "periode"]
        constraints = [models.UniqueConstraint(fields=["dossier", "periode"], name="gebruik_per_maand")]
        verbose_name = "gebruik per maand"
        verbose_name_plural = "gebruik per maand"

    def __str__(self) -> str:
        return f"{self.periode:%m-%Y}: {self.aanvragen} aanvragen"


def why_signaal_kept(signaal: "Signaal") -> str | None:
    """A signal that supports a finding of an approved version is part of what was approved."""
    bevinding = kept_bevindingen(signaal.bevindingen.all()).only("titel").first()
    if bevinding:
        return (
            f"Dit signaal onderbouwt de bevinding ‘{bevinding.titel}’ van een vastgestelde versie en blijft daarom "
            "bewaard."
        )
    return None
