from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from policies.models import (
    Clause,
    Deadline,
    MoneyProvision,
    PolicyDocument,
    PolicyTarget,
    ResponsibleUnit,
    RuleDraft,
)


@admin.register(PolicyDocument)
class PolicyDocumentAdmin(SimpleHistoryAdmin):
    list_display = ["title", "code", "doc_number", "region", "issued_date", "status"]
    list_filter = ["status"]
    search_fields = ["title", "code", "doc_number", "issuer"]
    raw_id_fields = ["region", "confirmed_by", "created_by"]
    readonly_fields = ["text"]


@admin.register(Clause)
class ClauseAdmin(SimpleHistoryAdmin):
    list_display = ["path", "heading", "document"]
    list_filter = ["document"]
    raw_id_fields = ["document", "parent"]


class ExtractionAdmin(SimpleHistoryAdmin):
    list_filter = ["origin", "document"]
    raw_id_fields = ["document", "clause"]


@admin.register(ResponsibleUnit)
class ResponsibleUnitAdmin(ExtractionAdmin):
    list_display = ["name", "role", "clause", "origin"]
    search_fields = ["name", "raw"]


@admin.register(MoneyProvision)
class MoneyProvisionAdmin(ExtractionAdmin):
    list_display = ["text", "amount_yuan", "kind", "ratio", "clause", "origin"]
    search_fields = ["text", "beneficiary"]


@admin.register(PolicyTarget)
class PolicyTargetAdmin(ExtractionAdmin):
    list_display = ["indicator", "comparator", "value", "unit", "year", "origin"]
    search_fields = ["text", "indicator"]


@admin.register(Deadline)
class DeadlineAdmin(ExtractionAdmin):
    list_display = ["text", "date", "kind", "clause", "origin"]


@admin.register(RuleDraft)
class RuleDraftAdmin(SimpleHistoryAdmin):
    list_display = ["title", "document", "status", "created_at"]
    list_filter = ["status"]
    raw_id_fields = ["document", "clause", "money", "created_by"]
