from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from finance.models import CompensationClaim, InterestSubsidy, Loan, PoolEntry, Recovery, RiskPool, RiskTier


class RiskTierInline(admin.TabularInline):
    model = RiskTier
    extra = 0


@admin.register(RiskPool)
class RiskPoolAdmin(SimpleHistoryAdmin):
    list_display = ["name", "region", "covered_per_borrower_yuan"]
    inlines = [RiskTierInline]


@admin.register(Loan)
class LoanAdmin(SimpleHistoryAdmin):
    list_display = ["contract_no", "product", "borrower", "lender", "amount_yuan", "issued", "status"]
    list_filter = ["product", "status"]
    search_fields = ["contract_no", "borrower__name", "lender__name"]
    raw_id_fields = ["borrower", "lender"]


for model in (InterestSubsidy, CompensationClaim, Recovery, PoolEntry):
    admin.site.register(model, SimpleHistoryAdmin)
