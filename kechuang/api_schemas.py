"""Schemas that every app's API answers with, declared once so that /api/openapi.json names each once."""

from ninja import Field, Schema


class Problem(Schema):
    detail: str
    errors: dict[str, list[str]] = Field(default_factory=dict, description="按字段列出的错误")
