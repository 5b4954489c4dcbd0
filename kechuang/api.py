"""The JSON API under /api/, with its OpenAPI schema at /api/openapi.json (contract 7 in
docs/interfaces.md)."""

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, ValidationError
from ninja.parser import Parser
from ninja.security import SessionAuth

from accounts.api_auth import TokenAuth
from kechuang.text import clean_value


class CleanParser(Parser):
    """JSON bodies reach every schema without control characters (kechuang.text)."""

    def parse_body(self, request: HttpRequest) -> object:
        # Any failure here (a body nested thousands of levels deep included) is ninja's 400.
        return clean_value(super().parse_body(request))


api = NinjaAPI(
    parser=CleanParser(),
    title="科创 Kechuang API",
    version="1",
    description="创新资源库等数据接口。认证：浏览器会话（需 CSRF）或 `Authorization: Bearer <token>`。",
    auth=[TokenAuth(), SessionAuth()],
    urls_namespace="api",
)
api.add_router("/registry/", "registry.api.router")
api.add_router("/planning/", "planning.api.router")
api.add_router("/policies/", "policies.api.router")
api.add_router("/policies/", "benefits.api.legacy_router")
api.add_router("/benefits/", "benefits.api.router")
api.add_router("/sharing/", "sharing.api.router")
api.add_router("/matching/", "matching.api.router")
api.add_router("/evaluation/", "evaluation.api.router")

# Request-shape errors (wrong type, missing field) in the same Chinese, per-field form as the
# model validation errors the endpoints return themselves: {"detail": …, "errors": {field: [message]}}.
SHAPE_ERRORS = {
    "missing": "此项为必填项。",
    "extra_forbidden": "不认识的字段。",
    "decimal_parsing": "请输入数字。",
    "decimal_type": "请输入数字。",
    "int_parsing": "请输入整数。",
    "int_type": "请输入整数。",
    "int_from_float": "请输入整数。",
    "bool_parsing": "请输入 true 或 false。",
    "bool_type": "请输入 true 或 false。",
    "date_from_datetime_parsing": "请输入有效日期（YYYY-MM-DD）。",
    "date_parsing": "请输入有效日期（YYYY-MM-DD）。",
    "date_type": "请输入有效日期（YYYY-MM-DD）。",
    "string_type": "请输入文本。",
    "list_type": "请输入列表。",
    "greater_than_equal": "不能小于 {ge}。",
    "less_than_equal": "不能大于 {le}。",
    "json_invalid": "请求体不是有效的 JSON。",
}


@api.exception_handler(ValidationError)
def shape_errors(request: HttpRequest, error: ValidationError) -> HttpResponse:
    errors: dict[str, list[str]] = {}
    for problem in error.errors:
        # loc is ("body", "payload", field …) or ("query", field); the field is what a client knows.
        field = ".".join(str(part) for part in problem["loc"][2 if problem["loc"][0] == "body" else 1 :])
        message = SHAPE_ERRORS.get(problem["type"], "输入值无效。").format(**problem.get("ctx", {}))
        errors.setdefault(field or "__all__", []).append(message)
    return api.create_response(
        request, {"detail": "提交的数据有误，请按字段提示修改。", "errors": errors}, status=422
    )


# Refusals in the same JSON shape as every other error: 401 when nobody is logged in (no session,
# no valid token), 403 with the reason when the user may not act (kechuang.access.refuse on pages).
@api.exception_handler(AuthenticationError)
def not_logged_in(request: HttpRequest, error: AuthenticationError) -> HttpResponse:
    return api.create_response(request, {"detail": "请先登录或提供有效的访问令牌。"}, status=401)


@api.exception_handler(PermissionDenied)
def refused(request: HttpRequest, error: PermissionDenied) -> HttpResponse:
    return api.create_response(request, {"detail": str(error) or "您没有权限执行此操作。"}, status=403)
