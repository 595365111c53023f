"""Every dialogue URL, walked with GET and POST by everyone who is on the wrong side of A's bilateral
material and of a lot they do not take part in: never a page, never a change."""

import pytest
from django.urls import get_resolver, reverse

from dialogue import models, services
from tests.dialogue.factories_dialogue import pdf_upload

pytestmark = pytest.mark.django_db

PERSONAL_PAGES = {"index", "participant", "guest", "my_calendar"}


@pytest.fixture
def targets(world, personas):
    officer = personas.officer
    item = world.bilateral_a.agenda_items.first()
    paper = services.upload_position_paper(
        world.bilateral_a, actor=personas.provider_a, theme=world.themes[0], upload=pdf_upload()
    )
    document = services.attach_document(item, pdf_upload(), actor=officer)
    minutes = services.start_minutes(world.bilateral_a, actor=officer)
    services.send_minutes_for_comment(minutes, actor=officer, comment_deadline=world.bilateral_a.ends_at)
    comment = services.comment_on_minutes(minutes, actor=personas.provider_a, text="Opmerking van A")
    other_lot = world.procurement.lots.get(number="2")
    agreement = services.propose_agreement(
        world.procurement,
        actor=officer,
        theme=world.themes[0],
        lots=[other_lot],
        kind="content",
        title="X",
        text="X",
    )
    session = world.bilateral_a.pk
    return {
        "planner": world.procurement.pk,
        "themes_seed": world.procurement.pk,
        "theme_new": world.procurement.pk,
        "round_new": world.procurement.pk,
        "agreement_new": world.procurement.pk,
        "theme_edit": world.themes[0].pk,
        "theme_move": world.themes[0].pk,
        "theme_retire": world.themes[0].pk,
        "session_new": world.round.pk,
        "session": session,
        "session_ics": session,
        "session_rsvp": session,
        "session_paper": session,
        "session_guest": session,
        "session_item": session,
        "minutes_edit": session,
        "item": item.pk,
        "item_document": item.pk,
        "item_consent": item.pk,
        "item_reuse": item.pk,
        "document_download": document.pk,
        "paper_download": paper.pk,
        "minutes_send": minutes.pk,
        "minutes_comment": minutes.pk,
        "minutes_fix": minutes.pk,
        "minutes_reopen": minutes.pk,
        "comment_process": comment.pk,
        "agreement": agreement.pk,
        "agreement_edit": agreement.pk,
        "agreement_status": agreement.pk,
        "agreement_comment": agreement.pk,
        "lot_close": other_lot.pk,
        "agreement_set_pdf": other_lot.pk,
    }


def snapshot():
    return (
        [
            model.objects.count()
            for model in (
                models.Theme,
                models.Round,
                models.Session,
                models.AgendaItem,
                models.AgendaDocument,
                models.Rsvp,
                models.GuestInvitation,
                models.PositionPaper,
                models.Minutes,
                models.MinutesComment,
                models.Consent,
                models.Agreement,
                models.AgreementVersion,
                models.AgreementComment,
                models.AgreementSet,
            )
        ]
        + list(models.Minutes.objects.values_list("status", flat=True))
        + list(models.MinutesComment.objects.values_list("response", flat=True))
        + list(models.Theme.objects.values_list("title", "retired_at", "order"))
    )


def test_every_dialogue_url_is_closed_to_the_wrong_side(client, world, personas, targets):
    names = {name for name in get_resolver("dialogue.urls").reverse_dict if isinstance(name, str)}
    assert names - PERSONAL_PAGES == set(targets), "a new URL needs a place in this walk"
    before = snapshot()
    for user in (
        None,
        personas.provider_b,
        personas.other_officer,
        personas.expert,
        personas.alderman,
        personas.assessor,
    ):
        client.logout()
        if user:
            client.force_login(user)
        for name, pk in targets.items():
            url = reverse(f"dialogue:{name}", args=[pk])
            for method in (client.get, client.post):
                response = method(url)
                if user is None:
                    assert response.status_code in (302, 405), (name, response.status_code)
                    assert response.status_code == 405 or "/account/login/" in response["Location"]
                else:
                    assert response.status_code in (403, 404, 405), (user, name, method, response.status_code)
    assert snapshot() == before
