"""Form base classes the apps share."""

from django import forms

from invoeringstoets.fields import RevisionField


class RevisionForm(forms.Form):
    """A form on a record with a revision: it carries, hidden, the revision the record had when the form opened,
    so the save can refuse if someone saved in between (the view gives it as `initial`). None: a new record."""

    revision = RevisionField()

    @property
    def opened_revision(self) -> int | None:
        return self.cleaned_data.get("revision")


class RevisionModelForm(forms.ModelForm):
    """RevisionForm for a model form: the revision comes from the instance."""

    revision = RevisionField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["revision"].initial = self.instance.revision

    opened_revision = RevisionForm.opened_revision
