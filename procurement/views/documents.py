from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from common.uploads import safe_filename
from procurement.access import get_procurement_for, may_manage, visible_documents, visible_versions
from procurement.forms.documents import DocumentForm, VersionUploadForm
from procurement.models import DocumentVersion
from procurement.services import documents as services


@login_required
@require_safe
def document_list(request: HttpRequest, pk: int) -> HttpResponse:
    procurement = get_procurement_for(request.user, pk)
    versions = visible_versions(request.user, procurement).order_by("-number")
    documents = visible_documents(request.user, procurement).prefetch_related(
        Prefetch("versions", queryset=versions, to_attr="shown_versions")
    )
    manager = may_manage(request.user, procurement)
    return render(
        request,
        "procurement/documents/list.html",
        {"procurement": procurement, "documents": documents, "can_manage": manager},
    )


@login_required
def document_create(request: HttpRequest, pk: int) -> HttpResponse:
    procurement = get_procurement_for(request.user, pk, manage=True)
    form = DocumentForm(request.POST or None, procurement=procurement)
    if request.method == "POST" and form.is_valid():
        try:
            document = services.create_document(procurement, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The document has been created. Upload its first version."))
            return redirect("procurement:document_detail", pk=procurement.pk, document_id=document.pk)
    return render(request, "procurement/documents/create.html", {"procurement": procurement, "form": form})


@login_required
def document_detail(request: HttpRequest, pk: int, document_id: int) -> HttpResponse:
    procurement = get_procurement_for(request.user, pk, manage=True)
    document = get_object_or_404(procurement.documents.select_related("lot"), pk=document_id)
    form = VersionUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.upload_version(
                document, form.cleaned_data["file"], actor=request.user, note=form.cleaned_data["note"]
            )
        except ValidationError as error:
            form.add_error("file", error)
        else:
            messages.success(request, _("The new version has been uploaded. Publish it when it is ready."))
            return redirect("procurement:document_detail", pk=procurement.pk, document_id=document.pk)
    return render(
        request,
        "procurement/documents/detail.html",
        {
            "procurement": procurement,
            "document": document,
            "versions": document.versions.select_related("uploaded_by"),
            "form": form,
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def version_publish(request: HttpRequest, pk: int, version_id: int) -> HttpResponse:
    procurement = get_procurement_for(request.user, pk, manage=True)
    version = get_object_or_404(DocumentVersion, pk=version_id, document__procurement=procurement)
    try:
        services.publish_version(version, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The version has been published; the registered providers are notified."))
    return redirect("procurement:document_detail", pk=procurement.pk, document_id=version.document_id)


@login_required
@require_safe
def version_download(request: HttpRequest, version_id: int) -> FileResponse:
    version = services.version_for_download(request.user, version_id)
    response = FileResponse(
        version.file.open("rb"),
        as_attachment=True,
        filename=safe_filename(version.original_name),
        content_type=version.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
