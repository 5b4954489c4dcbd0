"""Staff pages of the matching app: match weights with a preview on a fixed set of needs, the synonym
vocabulary, and the index rebuild with its progress."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from kechuang.access import refuse
from matching import permissions, tuning
from matching.forms import SynonymForm
from matching.models import IndexRebuild, Synonym
from matching.scoring import DEFAULT_WEIGHTS, FACTOR_LABELS
from matching.tasks import start_rebuild


def weights(request: HttpRequest) -> HttpResponse:
    if not permissions.can_tune(request.user):
        return refuse(request, _("只有科技局可以调整匹配权重。"))
    kind = request.POST.get("kind") or request.GET.get("kind") or "person"
    if kind not in DEFAULT_WEIGHTS:
        kind = "person"
    proposed, errors = tuning.read_weights(kind, request.POST) if request.method == "POST" else (None, [])
    preview = None
    if proposed is not None and not errors:
        if request.POST.get("save"):
            tuning.save_weights(kind, proposed, request.user)
            messages.success(request, _("匹配权重已保存。"))
            return redirect(f"{request.path}?kind={kind}")
        preview = tuning.preview(kind, proposed)
    current = tuning.current_weights(kind)
    return render(
        request,
        "matching/weights.html",
        {
            "kind": kind,
            "kinds": tuning.KIND_CHOICES,
            "rows": [
                (
                    factor,
                    FACTOR_LABELS[factor],
                    current[factor],
                    (proposed or current).get(factor, current[factor]),
                )
                for factor in current
            ],
            "preview": preview,
            "errors": errors,
            "preview_needs": tuning.preview_needs(),
        },
    )


def vocabulary(request: HttpRequest) -> HttpResponse:
    if not permissions.can_tune(request.user):
        return refuse(request, _("只有科技局可以维护同义词词表。"))
    form = SynonymForm(request.POST or None)
    if request.method == "POST":
        if request.POST.get("delete"):
            get_object_or_404(Synonym, pk=request.POST["delete"]).delete()
            messages.success(request, _("已删除同义词组。"))
            return redirect("matching:vocabulary")
        if form.is_valid():
            entry = form.save(commit=False)
            entry.created_by = request.user
            entry.save()
            messages.success(request, _("已添加同义词组，检索立即生效。"))
            return redirect("matching:vocabulary")
    return render(request, "matching/vocabulary.html", {"form": form, "entries": Synonym.objects.all()})


def rebuild(request: HttpRequest) -> HttpResponse:
    if not permissions.can_tune(request.user):
        return refuse(request, _("只有科技局可以重建检索索引。"))
    if request.method == "POST":
        job = start_rebuild(request.user)
        messages.success(request, _("已开始重建索引（%(n)d 条记录）。") % {"n": job.total})
        return redirect("matching:rebuild")
    latest = IndexRebuild.objects.first()
    template = "matching/rebuild.html#progress" if request.htmx else "matching/rebuild.html"
    return render(request, template, {"job": latest})
