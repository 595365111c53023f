from django.urls import path

from procurement.views import pages as views

urlpatterns = [
    # Providers
    path("", views.provider_list, name="provider_list"),
    path("<int:pk>/", views.provider_detail, name="detail"),
    path("<int:pk>/deelnemen/", views.provider_register, name="register"),
    # Anonymous visitors
    path("openbaar/", views.public_list, name="public_list"),
    path("openbaar/<int:pk>/", views.public_detail, name="public_detail"),
    # Officers
    path("beheer/", views.officer_list, name="officer_list"),
    path("beheer/nieuw/", views.procurement_create, name="create"),
    path("beheer/<int:pk>/", views.procurement_manage, name="manage"),
    path("beheer/<int:pk>/bewerken/", views.procurement_edit, name="edit"),
    path("beheer/<int:pk>/publiceren/", views.procurement_publish, name="publish"),
    path("beheer/<int:pk>/fase/volgende/", views.phase_advance, name="advance"),
    path("beheer/<int:pk>/fase/<slug:key>/planning/", views.phase_schedule, name="phase_schedule"),
    path("beheer/<int:pk>/percelen/nieuw/", views.lot_add, name="lot_add"),
    path(
        "beheer/<int:pk>/percelen/<int:lot_pk>/opschorten/",
        views.lot_status,
        {"action": "suspend"},
        name="lot_suspend",
    ),
    path(
        "beheer/<int:pk>/percelen/<int:lot_pk>/hervatten/",
        views.lot_status,
        {"action": "resume"},
        name="lot_resume",
    ),
    path("beheer/<int:pk>/percelen/<int:lot_pk>/splitsen/", views.lot_split, name="lot_split"),
    path("beheer/<int:pk>/besluiten/nieuw/", views.decision_form, name="decision_add"),
    path("beheer/<int:pk>/besluiten/<int:decision_pk>/", views.decision_form, name="decision_edit"),
]
