"""Encryption at rest of tender content (files and answers) with a key held outside the database: the
``TENDER_ENCRYPTION_KEY`` setting (a Fernet key). With DEBUG on and no key, a development key is derived
from SECRET_KEY; with DEBUG off and no key the vault refuses to work."""

import base64
import hashlib

from cryptography.fernet import Fernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


def _fernet() -> Fernet:
    key = settings.TENDER_ENCRYPTION_KEY
    if not key:
        if not settings.DEBUG:
            raise ImproperlyConfigured("TENDER_ENCRYPTION_KEY must be set when DEBUG is off.")
        digest = hashlib.sha256(f"tender-vault:{settings.SECRET_KEY}".encode()).digest()
        key = base64.urlsafe_b64encode(digest)
    return Fernet(key)


def seal(plaintext: bytes) -> bytes:
    return _fernet().encrypt(plaintext)


def unseal(ciphertext: bytes) -> bytes:
    return _fernet().decrypt(bytes(ciphertext))
