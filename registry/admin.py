"""Django admin for staff: every registry record with its history. Large tables use raw id pickers and
avoid counting every row, so the admin stays usable with a city's hundred thousand organizations."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from registry import models


class QualificationInline(admin.TabularInline):
    model = models.Qualification
    extra = 0


class AnnualDataInline(admin.TabularInline):
    model = models.AnnualData
    extra = 0


class PlatformEventInline(admin.TabularInline):
    model = models.PlatformEvent
    extra = 0
    raw_id_fields = ["recorded_by"]


class RegistryAdmin(SimpleHistoryAdmin):
    show_full_result_count = False
    list_per_page = 50


@admin.register(models.Organization)
class OrganizationAdmin(RegistryAdmin):
    list_display = ["name", "uscc", "kind", "region", "industry", "above_designated_size", "is_demo"]
    list_filter = ["kind", "above_designated_size", "is_demo"]
    search_fields = ["name", "uscc"]
    list_select_related = ["region"]
    raw_id_fields = ["region"]
    inlines = [QualificationInline, AnnualDataInline]


@admin.register(models.Platform)
class PlatformAdmin(RegistryAdmin):
    list_display = ["name", "platform_type", "level", "stage", "target_level", "host", "region"]
    list_filter = ["stage", "level", "platform_type"]
    search_fields = ["name", "host__name"]
    list_select_related = ["host", "region"]
    raw_id_fields = ["host", "partners", "competent_department", "region"]
    inlines = [PlatformEventInline]


@admin.register(models.Person)
class PersonAdmin(RegistryAdmin):
    list_display = ["name", "category", "title", "organization"]
    list_filter = ["category"]
    search_fields = ["name", "fields"]
    list_select_related = ["organization"]
    raw_id_fields = ["organization", "user"]


@admin.register(models.Instrument)
class InstrumentAdmin(RegistryAdmin):
    list_display = ["name", "category", "owner", "value_yuan", "status", "shareable"]
    list_filter = ["status", "shareable"]
    search_fields = ["name", "category"]
    list_select_related = ["owner"]
    raw_id_fields = ["owner"]


@admin.register(models.Achievement)
class AchievementAdmin(RegistryAdmin):
    list_display = ["title", "owner", "field", "maturity", "transfer_mode", "price_yuan"]
    list_filter = ["maturity", "transfer_mode"]
    search_fields = ["title", "field"]
    list_select_related = ["owner"]
    raw_id_fields = ["owner"]


@admin.register(models.TechnologyNeed)
class TechnologyNeedAdmin(RegistryAdmin):
    list_display = ["title", "enterprise", "field", "budget_yuan", "deadline", "status"]
    list_filter = ["status"]
    search_fields = ["title", "field"]
    list_select_related = ["enterprise"]
    raw_id_fields = ["enterprise"]


@admin.register(models.Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "level", "parent"]
    list_filter = ["level"]
    search_fields = ["code", "name"]
    list_select_related = ["parent"]
