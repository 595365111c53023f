"""Global roles are Django groups; object-level grants are django-guardian permissions."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    PROCUREMENT_OFFICER = "procurement_officer", _("procurement officer")
    ALDERMAN = "alderman", _("alderman")
    PROVIDER_MEMBER = "provider_member", _("provider member")
    EXPERT_BY_EXPERIENCE = "expert_by_experience", _("expert by experience")
    ASSESSOR = "assessor", _("assessor")
    ADMINISTRATOR = "administrator", _("administrator")
