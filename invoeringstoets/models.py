from django.conf import settings
from django.db import models


class Verzending(models.Model):
    """One submitted form, by its token (see `invoeringstoets.verzending`): a retried submit is answered with
    where the first one led, instead of storing twice."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="+", verbose_name="gebruiker")
    token = models.UUIDField("token")
    pad = models.CharField("pad", max_length=500)
    doorverwezen_naar = models.CharField("doorverwezen naar", max_length=2000, blank=True)
    # What was sent (a hash of the fields): the same content again within minutes is the same submit.
    vingerafdruk = models.CharField("vingerafdruk", max_length=64, blank=True, db_index=True)
    at = models.DateTimeField("verzonden op", auto_now_add=True, db_index=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "token"], name="verzending_een_keer")]
        verbose_name = "verzonden formulier"
        verbose_name_plural = "verzonden formulieren"

    def __str__(self) -> str:
        return f"{self.pad} ({self.at:%d-%m-%Y %H:%M})"
