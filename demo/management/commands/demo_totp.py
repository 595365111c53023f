from django.core.management.base import BaseCommand, CommandError
from django_otp.plugins.otp_totp.models import TOTPDevice

from demo.two_factor import DEMO_TOTP_KEY, current_code


class Command(BaseCommand):
    help = "Print the current authenticator code of a demo account (demo devices only)."

    def add_arguments(self, parser):
        parser.add_argument("email")

    def handle(self, *args, email: str, **options):
        device = TOTPDevice.objects.filter(
            user__email__iexact=email.strip(), key=DEMO_TOTP_KEY, confirmed=True
        ).first()
        if device is None:
            raise CommandError(
                f"{email} has no demo authenticator (run seed_demo; real accounts never have one)."
            )
        code, seconds_left = current_code(device)
        self.stdout.write(code)
        self.stderr.write(f"valid for {seconds_left} more seconds; each code works once")
