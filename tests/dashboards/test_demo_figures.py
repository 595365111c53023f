"""The demo shows the figures of the later steps and work in the officer's queues."""

import re

import pytest
from django.core.management import call_command

from accounts.models import User

pytestmark = pytest.mark.django_db


def lot_figures(html: str) -> dict[str, dict[str, str]]:
    lots = {}
    for part in html.split('data-lot="')[1:]:
        number, table = part.split('"', 1)[0], part.split("</table>")[0]
        lots[number] = dict(re.findall(r'data-figure="([a-z]+)">\s*([^<]*?)\s*</td>', table))
    return lots


def test_the_demo_dashboards_show_lot_figures_and_work(client, settings, django_capture_on_commit_callbacks):
    settings.DEBUG = True
    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed_demo")
    client.force_login(User.objects.get(email="wethouder@haarlem.example"))
    lots = lot_figures(client.get("/wethouder/").content.decode())
    assert int(lots["1"]["admitted"]) > 0 and int(lots["1"]["participants"]) > 0
    assert int(lots["2"]["contracts"]) > 0 and lots["2"]["kpis"] != "0 / 0"
    assert "%" in lots["2"]["budget"]
    assert any(int(figures["registrations"]) > 0 for figures in lots.values())

    client.force_login(User.objects.get(email="inkoper@zkij.example"))
    officer = client.get("/inkoper/").content.decode()
    queues = ["Beoordeling wacht op bevestiging", "Verslag open voor commentaar", "Te late KPI-rapportages"]
    for heading in queues:
        assert re.search(rf"{heading} \([1-9]\d*\)", officer), heading
