from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from evaluation.models import GradeRule, IndexIndicator, IndexSystem, Objection, Result, Round, Submission


class IndicatorInline(admin.TabularInline):
    model = IndexIndicator
    extra = 0


class GradeRuleInline(admin.TabularInline):
    model = GradeRule
    extra = 0


@admin.register(IndexSystem)
class IndexSystemAdmin(SimpleHistoryAdmin):
    list_display = ("name", "version", "status", "region")
    list_filter = ("status",)
    inlines = [IndicatorInline, GradeRuleInline]


@admin.register(Round)
class RoundAdmin(SimpleHistoryAdmin):
    list_display = ("title", "year", "status", "region")
    list_filter = ("status", "year")


@admin.register(Submission)
class SubmissionAdmin(SimpleHistoryAdmin):
    list_display = ("platform", "round", "status")
    list_filter = ("status",)


@admin.register(Result)
class ResultAdmin(SimpleHistoryAdmin):
    list_display = ("submission", "score", "rank", "grade")


@admin.register(Objection)
class ObjectionAdmin(SimpleHistoryAdmin):
    list_display = ("result", "status", "filed_at")
