"""Who may see or act on a contract: the one place for it.

In the access style of every app (README, "Every app has the same shape").

Here:
- officers managing the procurement (its region) see and manage every contract of it;
- members of the lead organisation or of a party organisation see the contract; the lead's members act
  for the provider (report KPIs and spend), its authorised signatories sign.
"""

from django.db.models import Q, QuerySet
from django.http import Http404

from accounts.access import may_act_for, organisations_of
from accounts.models import Membership, User
from contracts.models import Contract
from procurement.access import managed_procurements


def visible_contracts(user: User) -> QuerySet[Contract]:
    if not user.is_authenticated:
        return Contract.objects.none()
    organisations = organisations_of(user)
    return Contract.objects.filter(
        Q(procurement__in=managed_procurements(user))
        | Q(organisation__in=organisations)
        | Q(parties__organisation__in=organisations)
    ).distinct()


def managed_contracts(user: User) -> QuerySet[Contract]:
    return Contract.objects.filter(procurement__in=managed_procurements(user))


def get_contract_for(user: User, pk: int, *, manage: bool = False) -> Contract:
    queryset = managed_contracts(user) if manage else visible_contracts(user)
    contract = (
        Contract.objects.filter(pk__in=queryset.filter(pk=pk).values("pk"))
        .select_related("procurement", "lot", "organisation")
        .first()
    )
    if contract is None:
        raise Http404
    return contract


def may_manage(user: User, contract: Contract) -> bool:
    """Whether the person is an officer running the contract's procurement."""
    return managed_contracts(user).filter(pk=contract.pk).exists()


def may_act_as_provider(user: User, contract: Contract) -> bool:
    """A member of the lead organisation: it reports KPIs and spend for the contract."""
    return may_act_for(user, contract.organisation_id)


def may_sign(user: User, contract: Contract) -> bool:
    """An authorised signatory of the lead organisation."""
    return Membership.objects.filter(
        user=user, organisation=contract.organisation_id, is_signatory=True
    ).exists()
