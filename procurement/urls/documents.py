from django.urls import path

from procurement.views import documents as views

urlpatterns = [
    path("<int:pk>/documenten/", views.document_list, name="documents"),
    path("<int:pk>/documenten/nieuw/", views.document_create, name="document_create"),
    path("<int:pk>/documenten/<int:document_id>/", views.document_detail, name="document_detail"),
    path(
        "<int:pk>/documenten/versies/<int:version_id>/publiceren/",
        views.version_publish,
        name="version_publish",
    ),
    path("documenten/versies/<int:version_id>/download/", views.version_download, name="version_download"),
]
