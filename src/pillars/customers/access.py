"""Who may see which accounts: the owner's visibility decides (teams/access.py rules).

A rep sees the accounts they own, a manager those of their team, a director every account of
the organisation (also those without a known owner). Anything else is a 404.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404

from pillars.customers.models import Account, Deal
from pillars.teams.access import people_visible_to, person_of
from pillars.teams.models import Role


def visible_accounts(user: Any) -> QuerySet[Account]:
    """The accounts this user may see; none for anonymous users and accounts without a person."""
    viewer = person_of(user)
    if viewer is None:
        return Account.objects.none()
    if viewer.role == Role.DIRECTOR:
        return Account.objects.filter(organization_id=viewer.organization_id)
    return Account.objects.filter(owner__in=people_visible_to(viewer))


def visible_deals(user: Any) -> QuerySet[Deal]:
    """The deals this user may see, by the same rule on the deal's owner. A deal whose CRM
    owner matched no one belongs to its account: whoever may see the account sees it."""
    viewer = person_of(user)
    if viewer is None:
        return Deal.objects.none()
    if viewer.role == Role.DIRECTOR:
        return Deal.objects.filter(organization_id=viewer.organization_id)
    people = people_visible_to(viewer)
    return Deal.objects.filter(
        Q(owner__in=people) | Q(owner__isnull=True, account__owner__in=people)
    )


def get_account_for_user(user: Any, account_id: int) -> Account:
    """The account with this id if the user may see it, else Http404."""
    found = visible_accounts(user).select_related("owner").filter(pk=account_id).first()
    if found is None:
        raise Http404("No such account")
    return found
