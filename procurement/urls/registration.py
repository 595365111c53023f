from django.urls import path

from procurement.views import registration as views

urlpatterns = [
    path("aanmeldingen/", views.my_registrations, name="my_registrations"),
    path("<int:procurement_pk>/percelen/<int:lot_pk>/aanmelden/", views.start, name="registration_start"),
    path("aanmeldingen/<int:pk>/", views.editor, name="registration"),
    path("aanmeldingen/<int:pk>/vorm/", views.change_form, name="registration_change_form"),
    path("aanmeldingen/<int:pk>/leden/", views.add_member, name="registration_add_member"),
    path("aanmeldingen/<int:pk>/leden/uitnodigen/", views.invite_member, name="registration_invite_member"),
    path(
        "aanmeldingen/<int:pk>/leden/<int:member_pk>/uitnodigen/",
        views.reinvite_member,
        name="registration_reinvite_member",
    ),
    path(
        "aanmeldingen/<int:pk>/uitnodigingen/<int:invitation_pk>/intrekken/",
        views.revoke_invitation,
        name="registration_revoke_invitation",
    ),
    path(
        "aanmeldingen/<int:pk>/leden/<int:member_pk>/verwijderen/",
        views.remove_member,
        name="registration_remove_member",
    ),
    path(
        "aanmeldingen/<int:pk>/leden/<int:member_pk>/zorgvormen/",
        views.care_types,
        name="registration_care_types",
    ),
    path(
        "aanmeldingen/<int:pk>/leden/<int:member_pk>/verklaring/",
        views.declaration,
        name="registration_declaration",
    ),
    path("aanmeldingen/<int:pk>/indienen/", views.submit, name="registration_submit"),
    path("aanmeldingen/<int:pk>/intrekken/", views.withdraw, name="registration_withdraw"),
    path("aanmeldingen/<int:pk>/ontvangstbewijs/", views.receipt, name="registration_receipt"),
    path("aanmeldingen/<int:pk>/documenten/<int:document_pk>/", views.document, name="registration_document"),
    path(
        "<int:procurement_pk>/percelen/<int:lot_pk>/aanmeldingen/",
        views.overview,
        name="registration_overview",
    ),
    path(
        "<int:procurement_pk>/aanmeldingen/<int:pk>/",
        views.officer_detail,
        name="registration_officer_detail",
    ),
    path(
        "<int:procurement_pk>/aanmeldingen/<int:pk>/documenten/<int:document_pk>/",
        views.officer_document,
        name="registration_officer_document",
    ),
    path("<int:procurement_pk>/geschiktheidsvragen/", views.questions, name="registration_questions"),
]
