from django import forms

from dossiers.constants import DossierStatus, Uitkomst

from . import overzicht


def _uitvoeringsorganisaties() -> list[tuple[str, str]]:
    return [("", "Alle uitvoeringsorganisaties")] + [(o, o) for o in overzicht.uitvoeringsorganisaties()]


class DashboardForm(forms.Form):
    organisatie = forms.ChoiceField(label="Uitvoeringsorganisatie", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisatie"].choices = _uitvoeringsorganisaties()


class OverzichtForm(forms.Form):
    ministerie = forms.ChoiceField(label="Ministerie", required=False)
    organisatie = forms.ChoiceField(label="Uitvoeringsorganisatie", required=False)
    status = forms.ChoiceField(label="Status", choices=[("", "Alle statussen"), *DossierStatus.choices], required=False)
    uitkomst = forms.ChoiceField(label="Uitkomst", choices=[("", "Alle uitkomsten"), *Uitkomst.choices], required=False)
    jaar = forms.TypedChoiceField(label="Jaar", coerce=int, empty_value=None, required=False)
    # An unknown sort key falls back to the default order; it is a link, not something a user types.
    sorteer = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ministerie"].choices = [("", "Alle ministeries")] + [(m, m) for m in overzicht.ministeries()]
        self.fields["organisatie"].choices = _uitvoeringsorganisaties()
        self.fields["jaar"].choices = [("", "Alle jaren")] + [(j, j) for j in sorted(overzicht.jaren(), reverse=True)]

    def filters(self) -> overzicht.Filters:
        """The chosen filters; a filter that is not valid matches nothing, so no export silently holds everything."""
        if not self.is_bound:
            return overzicht.Filters()
        if not self.is_valid():
            return overzicht.Filters(ongeldig=True)
        data = self.cleaned_data
        sorteer = data.get("sorteer") or ""
        return overzicht.Filters(
            ministerie=data.get("ministerie", ""),
            organisatie=data.get("organisatie", ""),
            status=data.get("status", ""),
            uitkomst=data.get("uitkomst", ""),
            jaar=data.get("jaar"),
            sorteer=sorteer if sorteer.lstrip("-") in overzicht.SORTERINGEN else "ministerie",
        )

    def beschrijving(self) -> str:
        """The chosen filters in words, for the reader of an export: "status Vastgesteld, jaar 2022"."""
        if not self.is_bound or not self.is_valid():
            return ""
        delen = []
        for naam in ("ministerie", "organisatie", "status", "uitkomst", "jaar"):
            waarde = self.cleaned_data.get(naam)
            if waarde:
                label = dict(self.fields[naam].choices).get(waarde, waarde)
                delen.append(f"{self.fields[naam].label.lower()} {label}")
        return ", ".join(delen)
