"""Who may see what. Every object lookup in a view goes through one of these helpers.

A rep sees only themself, a manager the reps of their own team (and themself), a director
everyone in their organisation. A director or another manager placed in a manager's team is
not managed by that manager: their time, quota and salary stay out of the manager's sight.
Anything outside that is a 404, never a 403: a user learns nothing about objects they may
not see.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.http import Http404

from pillars.teams.models import Person, PersonQuerySet, Role


def person_of(user: Any) -> Person | None:
    """The Person linked to a signed-in user, or None (anonymous, or an account without one)."""
    if user is None or not user.is_authenticated:
        return None
    try:
        person: Person = user.person
    except Person.DoesNotExist:
        return None
    return person


def people_visible_to(viewer: Person) -> PersonQuerySet:
    """The people a given person may see, by their role."""
    if viewer.role == Role.DIRECTOR:
        return Person.objects.filter(organization_id=viewer.organization_id)
    if viewer.role == Role.MANAGER and viewer.team_id is not None:
        return Person.objects.filter(
            Q(organization_id=viewer.organization_id, team_id=viewer.team_id, role=Role.REP)
            | Q(pk=viewer.pk)
        )
    return Person.objects.filter(pk=viewer.pk)


def sees_private_subjects(user: Any, person: Person) -> bool:
    """Whether the subjects of the person's private entries (CLASS:PRIVATE, Outlook's
    "Private") show to this user: only to the person. Everyone else who may see the person
    sees the entry's time and category, with "(private)" for its subject."""
    viewer = person_of(user)
    return viewer is not None and viewer.pk == person.pk


def manages(viewer: Person | None, person: Person) -> bool:
    """Whether `viewer` manages `person`: a director anyone else in the organisation, a manager
    the reps of their own team. Nobody manages themself (their own quota, their own target)."""
    if viewer is None or viewer.pk == person.pk:
        return False
    if viewer.organization_id != person.organization_id:
        return False
    if viewer.role == Role.DIRECTOR:
        return True
    return (
        viewer.role == Role.MANAGER
        and viewer.team_id is not None
        and person.team_id == viewer.team_id
        and person.role == Role.REP
    )


def visible_people(user: Any) -> PersonQuerySet:
    """The people this user may see; empty for anonymous users and accounts without a person."""
    viewer = person_of(user)
    if viewer is None:
        return Person.objects.none()
    return people_visible_to(viewer)


def get_person_for_user(user: Any, person_id: int) -> Person:
    """The person with this id if the user may see them, else Http404."""
    person = visible_people(user).select_related("team", "organization").filter(pk=person_id)
    found = person.first()
    if found is None:
        raise Http404("No such person")
    return found


def is_team_viewer(user: Any) -> bool:
    """True for managers and directors: their home page is a list of people, not their own."""
    viewer = person_of(user)
    return viewer is not None and viewer.role in {Role.MANAGER, Role.DIRECTOR}


def oversees(viewer: Person | None, person: Person) -> bool:
    """Who sets a person's target and says which CRM names are theirs: a director for anyone
    in the organisation, a manager for themself and their reps; never a rep (claiming a
    CRM name claims its rows)."""
    if viewer is None or viewer.organization_id != person.organization_id:
        return False
    if viewer.role == Role.DIRECTOR:
        return True
    return viewer.role == Role.MANAGER and (viewer.pk == person.pk or manages(viewer, person))


def get_alias_person_for_user(user: Any, person_id: int) -> Person:
    """A person whose aliases the user may edit, else Http404."""
    person = get_person_for_user(user, person_id)
    if not oversees(person_of(user), person):
        raise Http404("No such person")
    return person
