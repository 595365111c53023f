from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DialogueConfig(AppConfig):
    name = "dialogue"
    verbose_name = _("Dialogue")

    def ready(self) -> None:
        """Admitted registrations become the lot's dialogue participants when preselection publishes."""
        from procurement.services.preselection import admission_hooks

        from .services import admit_participant

        def admit(registration, actor) -> None:
            admit_participant(registration.lot, registration.lead, actor=actor)

        if admit not in admission_hooks:
            admission_hooks.append(admit)
