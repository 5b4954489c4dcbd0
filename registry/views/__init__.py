"""The registry's pages for people: the home dashboard, lists, records, forms and lifecycle actions."""

from registry.views.annual import organization_annual
from registry.views.home import home
from registry.views.lifecycle import cultivation_pool, platform_approve, platform_pool, platform_step
from registry.views.records import (
    organization_suggest,
    record_create,
    record_detail,
    record_edit,
    record_list,
)

__all__ = [
    "cultivation_pool",
    "home",
    "organization_annual",
    "organization_suggest",
    "platform_approve",
    "platform_pool",
    "platform_step",
    "record_create",
    "record_detail",
    "record_edit",
    "record_list",
]
