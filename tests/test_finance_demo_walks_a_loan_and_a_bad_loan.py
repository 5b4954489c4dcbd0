"""`kechuang demo`'s finance part: Weihai's pool, the showcase enterprise's repaid IP-pledge loan, a bad
loan compensated and partly clawed back, a running loan, the products and two financing requests (one
accepted into a loan); loaded once however often it runs."""

import io
from decimal import Decimal

import pytest

from finance import compensation, demo
from finance.models import CompensationClaim, FinancialProduct, FinancingRequest, Loan, RiskPool
from registry.demo.logins import showcase_enterprise


def test_demo_loans_their_subsidy_and_the_pool_ledger(run_demo):
    run_demo()
    demo.load(io.StringIO())
    demo.load(io.StringIO())

    firm = showcase_enterprise()
    assert Loan.objects.filter(borrower=firm, is_demo=True).count() == 4
    # The request accepted in August 2024 became its loan; the other waits for the bank.
    accepted, waiting = FinancingRequest.objects.filter(enterprise=firm).order_by("filed_on")
    assert (accepted.status, accepted.loan.contract_no, accepted.loan.is_demo) == (
        "accepted",
        "WHXQ2024-0820",
        True,
    )
    assert waiting.status == "submitted" and waiting.product.bank == accepted.product.bank
    assert FinancialProduct.objects.filter(is_demo=True).count() == len(demo.PRODUCTS)
    pool = RiskPool.objects.get(name=demo.POOL)
    claim = CompensationClaim.objects.get(pool=pool)
    # 2,400,000 less three monthly instalments of 200,000: 1,800,000 lost; 500,000 + 800,000 × 30 %
    assert claim.loss_yuan == Decimal("1800000.00")
    assert claim.compensated_yuan == Decimal("740000.00")
    assert claim.clawed_back_yuan == (Decimal(600000) * claim.compensated_yuan / claim.loss_yuan).quantize(
        Decimal("0.01")
    )
    assert compensation.balance(pool) == Decimal(5000000) - claim.compensated_yuan + claim.clawed_back_yuan


@pytest.fixture(autouse=True)
def _db(db):
    return db
