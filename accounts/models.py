from datetime import timedelta

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, Group, PermissionsMixin
from django.core.validators import RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from regions.models import Municipality, Region

from .roles import Role

kvk_validator = RegexValidator(r"^\d{8}$", _("A KvK number has exactly 8 digits."))
agb_validator = RegexValidator(r"^\d{8}$", _("An AGB code has exactly 8 digits."))
postal_code_validator = RegexValidator(
    r"^[1-9]\d{3} ?[A-Za-z]{2}$", _("Enter a Dutch postal code, for example 2011 AB.")
)


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra):
        extra.update(is_staff=True, is_superuser=True)
        return self._create_user(email, password, **extra)

    def get_by_natural_key(self, username):
        return self.get(email__iexact=username)


class User(AbstractBaseUser, PermissionsMixin):
    """A person; logs in with an e-mail address."""

    email = models.EmailField(_("e-mail address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=150, blank=True)
    function = models.CharField(_("function"), max_length=150, blank=True)
    region = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
        verbose_name=_("region"),
        help_text=_("For officers: the region whose procurements they run."),
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
        verbose_name=_("municipality"),
        help_text=_("For aldermen: the municipality they represent."),
    )
    language = models.CharField(_("language"), max_length=5, default="nl")
    is_staff = models.BooleanField(_("staff status"), default=False)
    is_active = models.BooleanField(_("active"), default=True)
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.full_name or self.email

    def get_full_name(self) -> str:
        return self.full_name or self.email

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email

    @property
    def role_names(self) -> frozenset[str]:
        """The names of this person's roles, loaded once per instance."""
        cached = getattr(self, "_role_names", None)
        if cached is None:
            cached = self._role_names = frozenset(self.groups.values_list("name", flat=True))
        return cached

    def has_role(self, role: Role) -> bool:
        return self.is_authenticated and role.value in self.role_names

    def add_role(self, role: Role) -> None:
        self.groups.add(Group.objects.get_or_create(name=role.value)[0])
        self.__dict__.pop("_role_names", None)

    @property
    def home_region_ids(self) -> set[int]:
        """The regions whose procurements this person may follow (officer: own region; alderman: the
        region of the municipality)."""
        ids = set()
        if self.region_id:
            ids.add(self.region_id)
        if self.municipality_id:
            ids.add(self.municipality.region_id)
        return ids


class Organisation(models.Model):
    """A youth-care provider's organisation, known by its KvK number."""

    name = models.CharField(_("name"), max_length=200)
    kvk_number = models.CharField(_("KvK number"), max_length=8, unique=True, validators=[kvk_validator])
    agb_code = models.CharField(_("AGB code"), max_length=8, blank=True, validators=[agb_validator])
    street_address = models.CharField(_("street and number"), max_length=200, blank=True)
    postal_code = models.CharField(
        _("postal code"), max_length=7, blank=True, validators=[postal_code_validator]
    )
    city = models.CharField(_("city"), max_length=100, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    """A user acts for an organisation; an organisation admin manages who may act for it."""

    class Role(models.TextChoices):
        MEMBER = "member", _("member")
        ADMIN = "admin", _("administrator of the organisation")

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.MEMBER)
    is_signatory = models.BooleanField(_("authorised signatory"), default=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation"], name="unique_membership"),
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.organisation}"


class Notification(models.Model):
    """An in-app notification; the row is also the e-mail outbox (``emailed_at`` empty = still to send).

    ``key`` makes a notification idempotent: the same key for the same user is created once, so a task
    that runs twice never notifies twice."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="notifications")
    key = models.CharField(max_length=200)
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("message"))
    url = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        constraints = [models.UniqueConstraint(fields=["user", "key"], name="unique_notification_key")]
        indexes = [
            models.Index(fields=["emailed_at", "created_at"], name="notification_outbox_idx"),
        ]

    def __str__(self) -> str:
        return self.subject


INVITATION_VALID_DAYS = 7


def default_invitation_expiry():
    return timezone.now() + timedelta(days=INVITATION_VALID_DAYS)


class InvitationQuerySet(models.QuerySet):
    def unused(self):
        """Neither accepted nor revoked."""
        return self.filter(accepted_at__isnull=True, revoked_at__isnull=True)

    def pending(self):
        """Unused, and not yet expired."""
        return self.unused().filter(expires_at__gt=timezone.now())

    def lapsed(self):
        """Unused until it expired."""
        return self.unused().filter(expires_at__lte=timezone.now())


class Invitation(models.Model):
    """An invitation by e-mail to act for an organisation. Only a hash of the link's token is stored;
    the link works once, until it expires or is revoked."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("e-mail address"))
    role = models.CharField(
        _("role"), max_length=10, choices=Membership.Role.choices, default=Membership.Role.MEMBER
    )
    is_signatory = models.BooleanField(_("authorised signatory"), default=False)
    token_hash = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="invitations_sent"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires at"), default=default_invitation_expiry)
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="invitations_accepted"
    )
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        indexes = [models.Index(fields=["email", "accepted_at", "revoked_at"], name="invitation_email_idx")]

    def __str__(self) -> str:
        return f"{self.email} → {self.organisation}"

    @property
    def is_pending(self) -> bool:
        return self.accepted_at is None and self.revoked_at is None and self.expires_at > timezone.now()
