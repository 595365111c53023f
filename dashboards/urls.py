from django.urls import path

from . import views

app_name = "dashboards"

urlpatterns = [
    path("", views.home, name="home"),
    path("welkom/", views.public, name="public"),
    path("inkoper/", views.officer, name="officer"),
    path("wethouder/", views.alderman, name="alderman"),
    path("aanbieder/", views.provider, name="provider"),
    path("uitnodigingen/", views.guest, name="guest"),
    path("beoordelaar/", views.assessor, name="assessor"),
    path("geen-rol/", views.no_role, name="no_role"),
]
