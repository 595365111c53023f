"""Forms of accounts: login and organisation self-service. They check input; the services act."""

from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from accounts.services.organisations import duplicate_kvk_error, email_taken_error

from .models import Membership, Organisation, User


class NewPasswordMixin(forms.Form):
    """Full name, password and confirmation, checked with Django's password validators."""

    full_name = forms.CharField(
        label=_("Full name"), max_length=150, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 10 characters, not only digits and not a common password."),
    )
    password2 = forms.CharField(
        label=_("Repeat password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def password_user(self) -> User:
        """An unsaved user to compare the password with (similarity to name and e-mail)."""
        return User(
            email=self.cleaned_data.get("email", ""), full_name=self.cleaned_data.get("full_name", "")
        )

    def clean(self):
        cleaned = super().clean()
        password1, password2 = cleaned.get("password1"), cleaned.get("password2")
        if password1 and password2 and password1 != password2:
            self.add_error("password2", _("The two passwords are not the same."))
        elif password1:
            try:
                password_validation.validate_password(password1, self.password_user())
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned


class ProviderSignUpForm(NewPasswordMixin, forms.Form):
    """A youth-care provider's account and its organisation, in one form."""

    email = forms.EmailField(
        label=_("E-mail address"), widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    organisation_name = forms.CharField(label=_("Name of the organisation"), max_length=200)
    kvk_number = forms.CharField(
        label=_("KvK number"),
        max_length=8,
        help_text=_("The 8 digits of the registration at the Chamber of Commerce."),
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )
    agb_code = forms.CharField(label=_("AGB code"), max_length=8, required=False)
    street_address = forms.CharField(
        label=_("Street and number"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "street-address"}),
    )
    postal_code = forms.CharField(
        label=_("Postal code"),
        max_length=7,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "postal-code"}),
    )
    city = forms.CharField(label=_("City"), max_length=100, required=False)

    field_order = [
        "full_name",
        "email",
        "password1",
        "password2",
        "organisation_name",
        "kvk_number",
        "agb_code",
        "street_address",
        "postal_code",
        "city",
    ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        model_fields = {"kvk_number", "agb_code", "postal_code"}
        for name in model_fields:
            self.fields[name].validators = Organisation._meta.get_field(name).validators

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip().lower()
        if User.objects.filter(email__iexact=email).exists():
            raise email_taken_error()
        return email

    def clean_kvk_number(self) -> str:
        kvk = self.cleaned_data["kvk_number"].strip()
        if Organisation.objects.filter(kvk_number=kvk).exists():
            raise duplicate_kvk_error()
        return kvk

    def clean_postal_code(self) -> str:
        code = self.cleaned_data["postal_code"].strip().upper()
        return f"{code[:4]} {code[-2:]}" if code else ""

    def organisation_data(self) -> dict[str, str]:
        data = self.cleaned_data
        return {
            "name": data["organisation_name"],
            "kvk_number": data["kvk_number"],
            "agb_code": data["agb_code"],
            "street_address": data["street_address"],
            "postal_code": data["postal_code"],
            "city": data["city"],
        }


class InvitationAcceptSignUpForm(NewPasswordMixin, forms.Form):
    """A person new to the portal creates an account on the invitation page; the e-mail is fixed."""

    def __init__(self, *args, email: str, **kwargs):
        self.email = email
        super().__init__(*args, **kwargs)

    def password_user(self) -> User:
        return User(email=self.email, full_name=self.cleaned_data.get("full_name", ""))


class InviteMemberForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address of your colleague"))
    role = forms.ChoiceField(label=_("Role"), choices=Membership.Role.choices, initial=Membership.Role.MEMBER)
    is_signatory = forms.BooleanField(
        label=_("Authorised to sign for the organisation"),
        required=False,
    )


class MembershipForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Membership.Role.choices)
    is_signatory = forms.BooleanField(label=_("Authorised to sign for the organisation"), required=False)


class EmailAuthenticationForm(AuthenticationForm):
    """Login by e-mail; one message for every failure, so nothing tells whether an account exists."""

    username = forms.EmailField(
        label=_("E-mail address"),
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
    )
    error_messages = {
        "invalid_login": _("This combination of e-mail address and password is not correct."),
        "inactive": _("This combination of e-mail address and password is not correct."),
    }
