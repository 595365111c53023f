"""The demo world's second factor: one known authenticator secret for every demo officer, assessor and
administrator, and the code it shows now (``manage.py demo_totp``)."""

import time
from base64 import b32encode

from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import User
from accounts.services.two_factor import needs_second_factor

# The demo world's authenticator secret (20 bytes); seed_demo gives it to every demo officer, assessor
# and administrator. Base32: see demo_secret_base32().
DEMO_TOTP_KEY = b"dialoog-demo-totp-01".hex()


def give_demo_device(user: User) -> TOTPDevice:
    """A confirmed authenticator with the known demo secret (demo world only)."""
    TOTPDevice.objects.filter(user=user).exclude(key=DEMO_TOTP_KEY).delete()
    device, _ = TOTPDevice.objects.update_or_create(
        user=user,
        key=DEMO_TOTP_KEY,
        defaults={"name": "Demo authenticator", "confirmed": True, "last_t": -1, "drift": 0},
    )
    return device


def seed_demo_devices(users) -> list[User]:
    """Give every demo person who needs a second factor the demo authenticator; returns them."""
    needing = [user for user in users if needs_second_factor(user)]
    for user in needing:
        give_demo_device(user)
    return needing


def demo_secret_base32() -> str:
    return b32encode(bytes.fromhex(DEMO_TOTP_KEY)).decode()


def current_code(device: TOTPDevice) -> tuple[str, int]:
    """The code the device's authenticator app shows now, and the seconds it stays valid."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    seconds_left = device.step - int(totp.time - device.t0) % device.step
    return f"{totp.token():0{device.digits}d}", seconds_left
