from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DialogueConfig(AppConfig):
    name = "dialogue"
    verbose_name = _("Dialogue")

    def ready(self) -> None:
        """Admitted registrations become the lot's dialogue participants when preselection publishes, and
        the dialogue participants of a lot are the ones invited to tender."""
        from procurement.services.preselection import admission_hooks
        from procurement.services.tenders import tender_eligibility_sources

        from .services import admit_participant, tender_invitees

        def admit(registration, actor) -> None:
            admit_participant(registration.lot, registration.lead, actor=actor)

        admission_hooks.append(admit)
        tender_eligibility_sources.append(tender_invitees)
