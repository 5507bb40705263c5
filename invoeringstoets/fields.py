"""Fields the apps share: one line of text, as a form field and as a model field."""

from django import forms
from django.db import models

from invoeringstoets.validators import geen_regeleinden


class RegelField(forms.CharField):
    """One line of text: a line break is refused with a Dutch message at the field."""

    default_validators = [geen_regeleinden]


class RegelVeld(models.CharField):
    """A single-line text column (a name, a title, a source). Refuses line breaks in every way in: its forms, the
    admin and `full_clean` (the dossier import)."""

    default_validators = [geen_regeleinden]

    def formfield(self, **kwargs):
        if not self.choices:
            kwargs.setdefault("form_class", RegelField)
        return super().formfield(**kwargs)
