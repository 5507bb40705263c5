"""Template questions about one dossier that need an argument: `{% if perms|verwijderbaar:bevinding %}`."""

from django import template

register = template.Library()


@register.filter
def verwijderbaar(perms, obj) -> bool:
    """Whether the delete link is offered: the user may change the research and no approved version holds `obj`."""
    may_delete = getattr(perms, "may_delete", None)  # a page without DossierPermissions offers no delete
    return bool(may_delete and may_delete(obj))
