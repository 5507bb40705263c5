from django import forms

from dossiers.constants import DossierStatus, Uitkomst

from . import overzicht


class OverzichtForm(forms.Form):
    ministerie = forms.ChoiceField(label="Ministerie", required=False)
    status = forms.ChoiceField(label="Status", choices=[("", "Alle statussen"), *DossierStatus.choices], required=False)
    uitkomst = forms.ChoiceField(label="Uitkomst", choices=[("", "Alle uitkomsten"), *Uitkomst.choices], required=False)
    jaar = forms.TypedChoiceField(label="Jaar", coerce=int, empty_value=None, required=False)
    sorteer = forms.ChoiceField(
        required=False,
        choices=[(key, key) for key in overzicht.SORTERINGEN] + [(f"-{key}", key) for key in overzicht.SORTERINGEN],
        widget=forms.HiddenInput,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ministerie"].choices = [("", "Alle ministeries")] + [(m, m) for m in overzicht.ministeries()]
        self.fields["jaar"].choices = [("", "Alle jaren")] + [(j, j) for j in sorted(overzicht.jaren(), reverse=True)]

    def filters(self) -> overzicht.Filters:
        data = self.cleaned_data if self.is_valid() else {}
        return overzicht.Filters(
            ministerie=data.get("ministerie", ""),
            status=data.get("status", ""),
            uitkomst=data.get("uitkomst", ""),
            jaar=data.get("jaar"),
            sorteer=data.get("sorteer") or "ministerie",
        )
