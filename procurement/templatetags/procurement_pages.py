from django import template
from django.urls import reverse

from accounts.roles import Role

register = template.Library()


@register.simple_tag
def procurements_nav_url(user) -> str:
    """Where the "Procurements" link of the main navigation leads this person (empty: no link)."""
    if not user.is_authenticated:
        return ""
    if user.has_role(Role.PROCUREMENT_OFFICER):
        return reverse("procurement:officer_list")
    if user.has_role(Role.PROVIDER_MEMBER):
        return reverse("procurement:provider_list")
    return ""


@register.simple_tag
def my_tenders_nav_url(user) -> str:
    """Where the "My tenders" link of the main navigation leads: providers only (empty: no link)."""
    if user.is_authenticated and user.has_role(Role.PROVIDER_MEMBER):
        return reverse("procurement:my_tenders")
    return ""
