from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from planning.models import Indicator, Milestone, ProgressReport, ReportedValue, Target, Task, TaskUnit


class TargetInline(admin.TabularInline):
    model = Target
    extra = 0


@admin.register(Indicator)
class IndicatorAdmin(SimpleHistoryAdmin):
    list_display = ["name", "code", "region", "policy_code", "clause_path", "kind"]
    list_filter = ["kind", "policy_code", "region"]
    search_fields = ["name", "code"]
    inlines = [TargetInline]
    raw_id_fields = ["policy", "clause", "parent"]


@admin.register(ReportedValue)
class ReportedValueAdmin(SimpleHistoryAdmin):
    list_display = ["indicator", "year", "value", "source", "reported_by", "reported_at"]
    raw_id_fields = ["indicator", "reported_by"]


class TaskUnitInline(admin.TabularInline):
    model = TaskUnit
    extra = 0


class MilestoneInline(admin.TabularInline):
    model = Milestone
    extra = 0


@admin.register(Task)
class TaskAdmin(SimpleHistoryAdmin):
    list_display = ["title", "policy_code", "clause_path", "deadline", "closed_at"]
    list_filter = ["policy_code"]
    search_fields = ["title", "text"]
    inlines = [TaskUnitInline, MilestoneInline]
    raw_id_fields = ["policy", "clause", "closed_by"]


@admin.register(ProgressReport)
class ProgressReportAdmin(SimpleHistoryAdmin):
    list_display = ["task", "unit", "percentage", "reported_by", "reported_at"]
    raw_id_fields = ["task", "reported_by"]
