from django.urls import path

from procurement.views import assessment as views_assessment
from procurement.views import tenders as views

urlpatterns = [
    path("inschrijvingen/", views.my_tenders, name="my_tenders"),
    path("percelen/<int:lot_pk>/inschrijven/", views.tender_form, name="tender_form"),
    path("inschrijvingen/<int:pk>/ontvangstbewijs/", views.receipt, name="tender_receipt"),
    path("gunningsbrieven/<int:pk>/", views.award_letter, name="award_letter"),
    path(
        "<int:procurement_pk>/percelen/<int:lot_pk>/uitnodiging-tot-inschrijving/",
        views.publish_invitation,
        name="tender_publish_invitation",
    ),
    path("<int:procurement_pk>/percelen/<int:lot_pk>/kluis/", views.vault, name="tender_vault"),
    path(
        "<int:procurement_pk>/percelen/<int:lot_pk>/kluis/openen/",
        views.start_opening,
        name="tender_start_opening",
    ),
    path(
        "<int:procurement_pk>/percelen/<int:lot_pk>/kluis/bevestigen/",
        views.confirm_opening,
        name="tender_confirm_opening",
    ),
    path(
        "<int:procurement_pk>/percelen/<int:lot_pk>/kluis/proces-verbaal/",
        views.opening_report,
        name="tender_opening_report",
    ),
    path("percelen/<int:lot_pk>/beoordelen/", views_assessment.scoring, name="tender_scoring"),
    path(
        "percelen/<int:lot_pk>/beoordelen/<int:submission_pk>/belangenverklaring/",
        views_assessment.scoring_declare,
        name="tender_scoring_declare",
    ),
    path(
        "percelen/<int:lot_pk>/beoordelen/<int:submission_pk>/scores/",
        views_assessment.scoring_score,
        name="tender_scoring_score",
    ),
    path(
        "percelen/<int:lot_pk>/beoordelen/indienen/",
        views_assessment.scoring_submit,
        name="tender_scoring_submit",
    ),
    path(
        "<int:procurement_pk>/percelen/<int:lot_pk>/beoordeling/",
        views_assessment.committee,
        name="tender_committee",
    ),
    path(
        "<int:procurement_pk>/percelen/<int:lot_pk>/beoordeling/benoemen/",
        views_assessment.committee_appoint,
        name="tender_committee_appoint",
    ),
    path(
        "<int:procurement_pk>/percelen/<int:lot_pk>/beoordeling/consensus/<int:submission_pk>/",
        views_assessment.committee_consensus,
        name="tender_committee_consensus",
    ),
    path(
        "<int:procurement_pk>/percelen/<int:lot_pk>/beoordeling/gunning/voorbereiden/",
        views_assessment.committee_prepare,
        name="tender_committee_prepare",
    ),
    path(
        "<int:procurement_pk>/percelen/<int:lot_pk>/beoordeling/gunning/bekendmaken/",
        views_assessment.committee_publish,
        name="tender_committee_publish",
    ),
    path(
        "<int:procurement_pk>/percelen/<int:lot_pk>/beoordeling/gunning/bezwaar/",
        views_assessment.committee_objection,
        name="tender_committee_objection",
    ),
    path(
        "<int:procurement_pk>/percelen/<int:lot_pk>/beoordeling/gunning/hervatten/",
        views_assessment.committee_resume,
        name="tender_committee_resume",
    ),
    path(
        "<int:procurement_pk>/percelen/<int:lot_pk>/beoordeling/gunning/definitief/",
        views_assessment.committee_final,
        name="tender_committee_final",
    ),
    path(
        "<int:procurement_pk>/percelen/<int:lot_pk>/beoordeling/vergoeding/<int:organisation_pk>/",
        views_assessment.committee_compensate,
        name="tender_committee_compensate",
    ),
    path("inschrijvingen/<int:pk>/inhoud/", views.tender_detail, name="tender_detail"),
    path("inschrijvingen/<int:pk>/inhoud/<int:file_pk>/", views.tender_file, name="tender_file"),
]
