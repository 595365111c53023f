from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContractsConfig(AppConfig):
    name = "contracts"
    verbose_name = _("Contracts")

    def ready(self) -> None:
        """A definitive award makes the draft contracts of its awarded parties."""
        from procurement.services.award import definitive_award_hooks

        from .services import create_awarded_contracts

        definitive_award_hooks.append(create_awarded_contracts)
