from .constants import Role
from .rules import user_roles


def roles(request) -> dict:
    user_role_set = user_roles(request.user) if hasattr(request, "user") else frozenset()
    return {
        "user_roles": sorted(user_role_set),
        "is_beleidsmedewerker": Role.BELEIDSMEDEWERKER in user_role_set,
    }
