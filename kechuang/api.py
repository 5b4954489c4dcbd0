"""The JSON API under /api/, with its OpenAPI schema at /api/openapi.json (DESIGN.md contract 7)."""

from ninja import NinjaAPI
from ninja.security import SessionAuth

from accounts.api_auth import TokenAuth

api = NinjaAPI(
    title="科创 Kechuang API",
    version="1",
    description="创新资源库等数据接口。认证：浏览器会话（需 CSRF）或 `Authorization: Bearer <token>`。",
    auth=[TokenAuth(), SessionAuth()],
    urls_namespace="api",
)
api.add_router("/registry/", "registry.api.router")
