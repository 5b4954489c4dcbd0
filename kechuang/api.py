"""The JSON API under /api/, with its OpenAPI schema at /api/openapi.json (contract 7 in
docs/interfaces.md).

The schema is true: public endpoints say that authentication is optional, and two schemas of one name
(which django-ninja would silently merge into whichever came last) stop the schema from being built.
tests/test_api_schemathesis_finds_nothing.py fuzzes every operation against it on a live server.
"""

from typing import Any

from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.http.multipartparser import MultiPartParserError
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, ValidationError
from ninja.openapi.schema import OpenAPISchema
from ninja.operation import Operation
from ninja.parser import Parser

from kechuang.api_access import LOGIN, is_public
from kechuang.text import clean_value


class CleanParser(Parser):
    """JSON bodies reach every schema without control characters (kechuang.text)."""

    def parse_body(self, request: HttpRequest) -> object:
        # Any failure here (a body nested thousands of levels deep included) is ninja's 400.
        return clean_value(super().parse_body(request))


class KechuangSchema(OpenAPISchema):
    def operation_security(self, operation: Operation) -> list[dict[str, Any]] | None:
        security = super().operation_security(operation)
        if security is not None and is_public(operation.auth_callbacks):
            # OpenAPI's way of saying "authentication optional": the empty requirement.
            security.append({})
        return security

    def add_schema_definitions(self, definitions: dict) -> None:
        for name, definition in definitions.items():
            if name in self.schemas and self.schemas[name] != definition:
                raise ImproperlyConfigured(f"Two API schemas are named {name}: rename one of them.")
        super().add_schema_definitions(definitions)


class KechuangAPI(NinjaAPI):
    def get_openapi_schema(
        self, *, path_prefix: str | None = None, path_params: dict[str, Any] | None = None
    ) -> OpenAPISchema:
        if path_prefix is None:
            path_prefix = self.get_root_path(path_params or {})
        return KechuangSchema(api=self, path_prefix=path_prefix)


api = KechuangAPI(
    parser=CleanParser(),
    title="科创 Kechuang API",
    version="1",
    description="创新资源库等数据接口。认证：浏览器会话（需 CSRF）或 `Authorization: Bearer <token>`；"
    "公开目录无需认证。",
    auth=LOGIN,
    urls_namespace="api",
)
api.add_router("/registry/", "registry.api.router")
api.add_router("/planning/", "planning.api.router")
api.add_router("/policies/", "policies.api.router")
api.add_router("/policies/", "benefits.api.legacy_router")
api.add_router("/benefits/", "benefits.api.router")
api.add_router("/sharing/", "sharing.api.router")
api.add_router("/finance/", "finance.api.router")
api.add_router("/transfer/", "transfer.api.router")
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


@api.exception_handler(MultiPartParserError)
def unreadable_upload(request: HttpRequest, error: MultiPartParserError) -> HttpResponse:
    # A body declared multipart that is not (no boundary, cut short) is the client's error, not ours.
    return api.create_response(
        request, {"detail": "上传的数据格式有误（multipart）。", "errors": {}}, status=400
    )
