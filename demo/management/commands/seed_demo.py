from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from accounts.roles import Role
from demo.contracts import seed_contracts
from demo.dialogue import seed_dialogue
from demo.people import seed_people
from demo.procurements import seed_procurements
from demo.questions import seed_questions
from demo.registrations import seed_registrations
from demo.tenders import seed_tenders
from demo.two_factor import demo_secret_base32, seed_demo_devices


class Command(BaseCommand):
    help = "Create the demo world (idempotent) and print the demo accounts."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Run even with DEBUG off.")

    def handle(self, *args, force: bool = False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "seed_demo refuses to run with DEBUG off: it sets known passwords. "
                "Use --force if you mean it."
            )
        with transaction.atomic():
            people = seed_people()
            second_factor = seed_demo_devices(people.users.values())
            procurements = seed_procurements(people)
            seed_questions(people, procurements["zkij"])
            seed_registrations(people)
            seed_dialogue(people)
            seed_tenders(people)
            seed_contracts(people)
        self.stdout.write(
            self.style.SUCCESS(f"Demo world ready. Accounts (password: {settings.DEMO_PASSWORD}):")
        )
        for email, user in people.users.items():
            roles = ", ".join(
                sorted(str(Role(name).label) for name in user.groups.values_list("name", flat=True))
            )
            self.stdout.write(f"  {email:<36} {user.full_name} ({roles})")
        emails = ", ".join(user.email for user in second_factor)
        self.stdout.write(
            f"Second factor (when TWO_FACTOR_REQUIRED is on) for {emails}: "
            f"`python manage.py demo_totp <e-mail>` prints the current code, or add the key "
            f"{demo_secret_base32()} to an authenticator app."
        )
