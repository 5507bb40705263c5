"""Template helpers for forms: one error summary at the top of a page, linking to each field in error."""

from dataclasses import dataclass

from django import forms, template

register = template.Library()


@dataclass(frozen=True)
class SummaryError:
    target: str
    label: str
    message: str


def _errors_of(form: forms.BaseForm, prefix_label: str = "") -> list[SummaryError]:
    errors = []
    for message in form.non_field_errors():
        errors.append(SummaryError(target="", label=prefix_label.rstrip(": "), message=message))
    for name, messages in form.errors.items():
        if name == forms.forms.NON_FIELD_ERRORS or name not in form.fields:
            continue
        field = form[name]
        label = f"{prefix_label}{field.label}" if field.label else prefix_label.rstrip(": ")
        target = field.id_for_label or field.auto_id or ""
        if isinstance(field.field.widget, forms.RadioSelect):  # also CheckboxSelectMultiple: link the first option
            target = f"{field.auto_id}_0"
        errors.extend(SummaryError(target=target, label=label, message=message) for message in messages)
    return errors


@register.inclusion_tag("partials/error_summary.html")
def error_summary(*forms_and_formsets, row_label: str = "Regel"):
    """Every error of the given forms and formsets, so a user on a long page sees at once what to fix."""
    errors: list[SummaryError] = []
    for item in forms_and_formsets:
        if item is None or not getattr(item, "is_bound", False):
            continue
        if isinstance(item, forms.BaseFormSet):
            errors.extend(SummaryError(target="", label="", message=m) for m in item.non_form_errors())
            for number, form in enumerate(item.forms, start=1):
                label = getattr(form, "summary_label", "") or f"{row_label} {number}"
                errors.extend(_errors_of(form, prefix_label=f"{label}: "))
        else:
            errors.extend(_errors_of(item))
    # Only whole-form messages (someone else saved first, the status changed): not a list of points to correct.
    return {"errors": errors, "alleen_formulier": bool(errors) and not any(e.target for e in errors)}


@register.simple_tag(takes_context=True)
def formulier_token(context) -> str:
    """In every POST form, instead of `{% csrf_token %}`: the CSRF token and the token that makes a form count
    once however often it is sent (invoeringstoets.verzending)."""
    from invoeringstoets.verzending import token_inputs

    return token_inputs(context["request"])
