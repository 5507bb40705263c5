from django.apps import AppConfig


class InvoeringstoetsConfig(AppConfig):
    """The project package as an app, so its security log receivers connect at start-up."""

    name = "invoeringstoets"
    verbose_name = "Invoeringstoets"

    def ready(self):
        from . import security  # noqa: F401 - connects the signal receivers
