from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from ops.health import run_checks
from ops.metrics import exposition


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """For load balancers and monitors: 200 when every check passes, else 503 (no login, no details)."""
    checks = run_checks()
    healthy = all(outcome == "ok" for outcome in checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "failed", "checks": checks}, status=200 if healthy else 503
    )


@never_cache
@require_GET
def metrics(request: HttpRequest) -> HttpResponse:
    """Prometheus text format, only to the scrapers' addresses (KECHUANG_METRICS_ALLOWED_IPS)."""
    if request.META.get("REMOTE_ADDR") not in settings.METRICS_ALLOWED_IPS:
        return HttpResponse(status=403)
    return HttpResponse(exposition(), content_type="text/plain; version=0.0.4; charset=utf-8")
