from django.urls import path

from . import views_2fa

urlpatterns = [
    path("", views_2fa.verify, name="two_factor_verify"),
    path("instellen/", views_2fa.setup, name="two_factor_setup"),
]
