"""After the registration deadline nothing can change: saving, submitting and withdrawing are refused by
the server's clock, and so is anything after the deadline task closed the window."""

from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import timezone

from audit.models import AuditEntry
from procurement.models import CareType, Phase, Registration
from procurement.services.registration import (
    add_member,
    create_registration,
    set_care_types,
    submit_registration,
    withdraw_registration,
)
from tests.procurement.factories_registration import complete_member

CLOSED = "De inschrijftermijn voor aanmelding"


def complete_single(world):
    registration = create_registration(
        world.specific, lead=world.organisation_a, form="single", actor=world.provider_a
    )
    complete_member(registration.members.get(), world.provider_a, ["jeugd-ggz"])
    return registration


def deadline_of(world):
    return Phase.objects.get(procurement=world.procurement, key="registration").deadline


def test_a_submit_one_second_after_the_deadline_is_refused(world):
    registration = complete_single(world)
    late = time_machine.travel(deadline_of(world) + timedelta(seconds=1), tick=False)
    with late, pytest.raises(ValidationError) as refused:
        submit_registration(registration, actor=world.provider_a, confirmed=True)
    assert "is verstreken" in refused.value.messages[0]
    registration.refresh_from_db()
    assert registration.status == Registration.Status.DRAFT
    assert AuditEntry.objects.filter(action="registration.submit", result="refused").exists()


def test_a_submit_one_second_before_the_deadline_is_accepted_with_the_server_time(world):
    registration = complete_single(world)
    moment = deadline_of(world) - timedelta(seconds=1)
    with time_machine.travel(moment, tick=False):
        submit_registration(registration, actor=world.provider_a, confirmed=True)
    registration.refresh_from_db()
    assert registration.submitted_at == moment


def test_a_save_one_second_after_the_deadline_is_refused_and_changes_nothing(world):
    registration = create_registration(
        world.integral, lead=world.organisation_a, form="combination", actor=world.provider_a
    )
    lead = registration.members.get()
    with time_machine.travel(deadline_of(world) + timedelta(seconds=1), tick=False):
        with pytest.raises(ValidationError):
            add_member(registration, kvk_number=world.organisation_c.kvk_number, actor=world.provider_a)
        with pytest.raises(ValidationError):
            set_care_types(lead, care_types=CareType.objects.all()[:1], actor=world.provider_a)
        with pytest.raises(ValidationError):
            create_registration(
                world.specific, lead=world.organisation_b, form="single", actor=world.provider_b
            )
    assert registration.members.count() == 1 and lead.care_types.count() == 0
    assert not Registration.objects.filter(lead=world.organisation_b).exists()


def test_nothing_changes_once_the_deadline_task_closed_the_window(world):
    registration = complete_single(world)
    Phase.objects.filter(procurement=world.procurement, key="registration").update(
        window_closed_at=timezone.now()
    )
    with pytest.raises(ValidationError):
        submit_registration(registration, actor=world.provider_a, confirmed=True)


def test_withdrawal_before_the_deadline_is_accepted(world):
    registration = complete_single(world)
    submit_registration(registration, actor=world.provider_a, confirmed=True)
    withdraw_registration(registration, actor=world.provider_a, reason="Toch niet")
    registration.refresh_from_db()
    assert registration.status == Registration.Status.WITHDRAWN and registration.withdrawn_at is not None


def test_withdrawal_after_the_deadline_is_refused(world):
    registration = complete_single(world)
    submit_registration(registration, actor=world.provider_a, confirmed=True)
    late = time_machine.travel(deadline_of(world) + timedelta(seconds=1), tick=False)
    with late, pytest.raises(ValidationError):
        withdraw_registration(registration, actor=world.provider_a)
    registration.refresh_from_db()
    assert registration.status == Registration.Status.SUBMITTED


def test_a_submitted_registration_cannot_be_submitted_again_or_changed(world):
    registration = complete_single(world)
    submit_registration(registration, actor=world.provider_a, confirmed=True)
    first = Registration.objects.get(pk=registration.pk).submitted_at
    with pytest.raises(ValidationError):
        submit_registration(registration, actor=world.provider_a, confirmed=True)
    with pytest.raises(ValidationError):
        set_care_types(registration.members.get(), care_types=CareType.objects.all(), actor=world.provider_a)
    assert Registration.objects.get(pk=registration.pk).submitted_at == first


def test_submission_needs_an_explicit_confirmation(world):
    registration = complete_single(world)
    with pytest.raises(ValidationError):
        submit_registration(registration, actor=world.provider_a, confirmed=False)
    assert Registration.objects.get(pk=registration.pk).status == "draft"


def test_registration_outside_the_registration_phase_is_refused(world):
    world.procurement.__class__.objects.filter(pk=world.procurement.pk).update(current_phase="preselection")
    with pytest.raises(ValidationError):
        create_registration(world.specific, lead=world.organisation_a, form="single", actor=world.provider_a)
