"""The registration procedure (认定登记) as plain functions: each validates first, then changes the
contract, its procedural record and its history in one transaction, or raises `RegistrationError`
with a message a person can act on and changes nothing.

file → submit (acceptance) → (request_material → receive_material)* → [send_to_review] → register | refuse;
a registered contract may then be changed, cancelled, or objected to (an upheld objection cancels it).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from matching import loop
from transfer import clock
from transfer.models import Contract, Objection, Payment, RegistrationOffice, Step
from transfer.vocabulary import AttachmentKind, ContractStatus, ObjectionStatus, StepKind

IN_PROGRESS = (ContractStatus.SUBMITTED, ContractStatus.AWAITING_MATERIAL, ContractStatus.EXPERT_REVIEW)
# What a change registration (变更登记) may alter; the parties and the type make it another contract.
CHANGEABLE = ("title", "field", "valid_from", "valid_until", "amount_yuan", "technical_amount_yuan")


class RegistrationError(Exception):
    """A procedural act that the rules do not allow now; the message says why, in the user's language."""


def _locked(contract: Contract) -> Contract:
    return Contract.objects.select_for_update().get(pk=contract.pk)


def _expect(contract: Contract, *statuses: str) -> None:
    if contract.status not in statuses:
        raise RegistrationError(
            _("合同当前为“%(status)s”，不能办理此事项。") % {"status": contract.get_status_display()}
        )


def _not_before(contract: Contract, on: dt.date) -> None:
    start = contract.clock_started_on or contract.submitted_on
    if start and on < start:
        raise RegistrationError(_("办理日期不能早于受理日期 %(start)s。") % {"start": start.isoformat()})


def _save(contract: Contract, by: User | None, reason: str) -> None:
    contract._change_reason = reason
    contract._history_user = by
    contract.save()


def _step(contract: Contract, kind: str, on: dt.date, by: User | None, note: str = "") -> Step:
    return Step.objects.create(contract=contract, kind=kind, on=on, by=by, note=note)


def _restart_clock(contract: Contract, on: dt.date) -> None:
    contract.clock_started_on = on
    contract.decision_due = clock.decision_due(on, contract.amount_yuan, contract.disputed)


def _complete(contract: Contract, on: dt.date) -> None:
    if contract.office_id is None:
        raise RegistrationError(_("请先选择登记机构（卖方所在地的技术合同登记机构）。"))
    if not contract.attachments.filter(kind=AttachmentKind.CONTRACT_TEXT).exists():
        raise RegistrationError(_("请先上传合同文本，登记机构据此认定。"))
    if on < contract.signed:
        raise RegistrationError(_("申请或受理日期不能早于合同签订日期。"))


def file(contract: Contract, on: dt.date, by: User | None = None) -> Contract:
    """The seller files its application with the office; the clock waits for the office to accept it."""
    with transaction.atomic():
        contract = _locked(contract)
        _expect(contract, ContractStatus.DRAFT)
        _complete(contract, on)
        if on > timezone.localdate():
            raise RegistrationError(_("申请日期不能晚于今天。"))
        contract.status = ContractStatus.FILED
        _save(contract, by, str(StepKind.FILED.label))
        _step(contract, StepKind.FILED, on, by)
    return contract


def submit(contract: Contract, on: dt.date, by: User | None = None) -> Contract:
    """The office accepts the application (filed online, or handed in on paper as a draft): the clock
    starts the next working day."""
    with transaction.atomic():
        contract = _locked(contract)
        _expect(contract, ContractStatus.DRAFT, ContractStatus.FILED)
        _complete(contract, on)
        filed = contract.steps.filter(kind=StepKind.FILED).order_by("-on").first()
        if filed and on < filed.on:
            raise RegistrationError(_("受理日期不能早于申请日期 %(on)s。") % {"on": filed.on.isoformat()})
        contract.status = ContractStatus.SUBMITTED
        contract.submitted_on = on
        _restart_clock(contract, on)
        _save(contract, by, str(StepKind.SUBMITTED.label))
        _step(contract, StepKind.SUBMITTED, on, by)
    return contract


def request_material(contract: Contract, on: dt.date, note: str, by: User | None = None) -> Contract:
    """Ask for more material: the clock stops until the material is complete."""
    if not note.strip():
        raise RegistrationError(_("请写明需要补正的材料。"))
    with transaction.atomic():
        contract = _locked(contract)
        _expect(contract, ContractStatus.SUBMITTED, ContractStatus.EXPERT_REVIEW)
        _not_before(contract, on)
        contract.status = ContractStatus.AWAITING_MATERIAL
        contract.decision_due = None
        _save(contract, by, str(StepKind.MATERIAL_REQUESTED.label))
        _step(contract, StepKind.MATERIAL_REQUESTED, on, by, note)
    return contract


def receive_material(contract: Contract, on: dt.date, by: User | None = None) -> Contract:
    """The material is complete: the clock starts again from this day, in full."""
    with transaction.atomic():
        contract = _locked(contract)
        _expect(contract, ContractStatus.AWAITING_MATERIAL)
        _not_before(contract, on)
        reviewing = contract.steps.filter(kind=StepKind.EXPERT_REVIEW).exists()
        contract.status = ContractStatus.EXPERT_REVIEW if reviewing else ContractStatus.SUBMITTED
        _restart_clock(contract, on)
        _save(contract, by, str(StepKind.MATERIAL_RECEIVED.label))
        _step(contract, StepKind.MATERIAL_RECEIVED, on, by)
    return contract


def send_to_review(
    contract: Contract, on: dt.date, by: User | None = None, *, disputed: bool = False, note: str = ""
) -> Contract:
    """Expert review: required at 500万 or more; the office may also send a disputed contract, which
    lengthens its limit to the review limit counted from the same start."""
    with transaction.atomic():
        contract = _locked(contract)
        _expect(contract, ContractStatus.SUBMITTED)
        _not_before(contract, on)
        if disputed:
            contract.disputed = True
        if not contract.needs_expert_review:
            raise RegistrationError(_("成交额不足500万元且无争议的合同无需专家评审。"))
        contract.status = ContractStatus.EXPERT_REVIEW
        _restart_clock(contract, contract.clock_started_on)
        _save(contract, by, str(StepKind.EXPERT_REVIEW.label))
        _step(contract, StepKind.EXPERT_REVIEW, on, by, note)
    return contract


def next_registration_no(office: RegistrationOffice, year: int) -> str:
    """登记号: the year, the office's adcode and a serial within both (called under the office's row lock)."""
    prefix = f"{year}{office.region_id}"
    last = (
        Contract.objects.filter(registration_no__startswith=prefix)
        .order_by("-registration_no")
        .values_list("registration_no", flat=True)
        .first()
    )
    serial = int(last[len(prefix) :]) + 1 if last and last[len(prefix) :].isdigit() else 1
    return f"{prefix}{serial:06d}"


def register(contract: Contract, on: dt.date, by: User | None = None, note: str = "") -> Contract:
    """准予登记: the contract gets its registration number and counts from this day."""
    with transaction.atomic():
        contract = _locked(contract)
        _expect(contract, ContractStatus.SUBMITTED, ContractStatus.EXPERT_REVIEW)
        _not_before(contract, on)
        if contract.needs_expert_review and contract.status != ContractStatus.EXPERT_REVIEW:
            raise RegistrationError(_("成交额500万元以上或有争议的合同须先经专家评审。"))
        office = RegistrationOffice.objects.select_for_update().get(pk=contract.office_id)
        contract.registration_no = next_registration_no(office, on.year)
        contract.status = ContractStatus.REGISTERED
        contract.registered = on
        _save(contract, by, str(StepKind.REGISTERED.label))
        _step(contract, StepKind.REGISTERED, on, by, note)
        if contract.agreement_id:
            # The matched need's funnel reaches its last step with the same number and day.
            loop.mark_registered(contract.agreement, contract.registration_no, on)
    return contract


def refuse(contract: Contract, on: dt.date, reason: str, by: User | None = None) -> Contract:
    if not reason.strip():
        raise RegistrationError(_("请写明不予登记的理由。"))
    with transaction.atomic():
        contract = _locked(contract)
        _expect(contract, ContractStatus.FILED, *IN_PROGRESS)
        _not_before(contract, on)
        contract.status = ContractStatus.REFUSED
        contract.decision_due = None
        _save(contract, by, str(StepKind.REFUSED.label))
        _step(contract, StepKind.REFUSED, on, by, reason)
    return contract


def _label(name: str) -> str:
    try:
        return str(Contract._meta.get_field(name).verbose_name)
    except FieldDoesNotExist:
        return name


def change(
    contract: Contract, on: dt.date, changes: dict[str, Any], reason: str, by: User | None = None
) -> Contract:
    """变更登记 of a registered contract; the history keeps the values before and after."""
    unknown = set(changes) - set(CHANGEABLE)
    if unknown:
        names = "、".join(str(_label(name)) for name in sorted(unknown))
        raise RegistrationError(_("变更登记不能修改：%(fields)s。") % {"fields": names})
    if not reason.strip():
        raise RegistrationError(_("请写明变更理由。"))
    with transaction.atomic():
        contract = _locked(contract)
        _expect(contract, ContractStatus.REGISTERED)
        described = []
        for name, value in changes.items():
            before = getattr(contract, name)
            if before != value:
                described.append(f"{_label(name)}：{before} → {value}")
                setattr(contract, name, value)
        if not described:
            raise RegistrationError(_("变更内容与原登记相同。"))
        if contract.technical_amount_yuan > contract.amount_yuan:
            raise RegistrationError(_("技术交易额不能大于成交额。"))
        _check_received(contract, Decimal(0))
        _save(contract, by, str(StepKind.CHANGED.label))
        _step(contract, StepKind.CHANGED, on, by, f"{reason}（{'；'.join(described)}）")
    return contract


def cancel(contract: Contract, on: dt.date, reason: str, by: User | None = None) -> Contract:
    """撤销登记: the contract stops counting; its number is kept and never given again."""
    if not reason.strip():
        raise RegistrationError(_("请写明撤销登记的理由。"))
    with transaction.atomic():
        contract = _locked(contract)
        _cancel(contract, on, reason, by)
    return contract


def _cancel(contract: Contract, on: dt.date, reason: str, by: User | None) -> None:
    _expect(contract, ContractStatus.REGISTERED)
    contract.status = ContractStatus.CANCELLED
    _save(contract, by, str(StepKind.CANCELLED.label))
    _step(contract, StepKind.CANCELLED, on, by, reason)


def raise_objection(
    contract: Contract, raised_by: str, on: dt.date, reason: str, by: User | None = None
) -> Objection:
    if not raised_by.strip() or not reason.strip():
        raise RegistrationError(_("请填写异议人和异议理由。"))
    with transaction.atomic():
        contract = _locked(contract)
        _expect(contract, ContractStatus.REGISTERED)
        objection = Objection(contract=contract, raised_by=raised_by, raised_on=on, reason=reason)
        objection._history_user = by
        objection.save()
        _step(contract, StepKind.OBJECTION_RAISED, on, by, f"{raised_by}：{reason}")
    return objection


def decide_objection(
    objection: Objection, on: dt.date, upheld: bool, decision: str, by: User | None = None
) -> Objection:
    """An upheld objection cancels the registration; a dismissed one leaves it standing."""
    if not decision.strip():
        raise RegistrationError(_("请写明处理意见。"))
    with transaction.atomic():
        objection = Objection.objects.select_for_update().get(pk=objection.pk)
        if objection.status != ObjectionStatus.OPEN:
            raise RegistrationError(_("该异议已处理。"))
        if on < objection.raised_on:
            raise RegistrationError(_("处理日期不能早于异议提出日期。"))
        contract = _locked(objection.contract)
        objection.status = ObjectionStatus.UPHELD if upheld else ObjectionStatus.DISMISSED
        objection.decided_on = on
        objection.decision = decision
        objection._history_user = by
        objection.save()
        _step(contract, StepKind.OBJECTION_DECIDED, on, by, f"{objection.get_status_display()}：{decision}")
        if upheld and contract.status == ContractStatus.REGISTERED:
            _cancel(contract, on, _("异议成立：%(decision)s") % {"decision": decision}, by)
    return objection


def received_total(contract: Contract) -> Decimal:
    return contract.payments.aggregate(total=Sum("amount_yuan"))["total"] or Decimal(0)


def _check_received(contract: Contract, adding: Decimal) -> None:
    if received_total(contract) + adding > contract.amount_yuan:
        raise RegistrationError(_("到账金额合计不能超过合同成交额。"))


def record_payment(
    contract: Contract, received_on: dt.date, amount_yuan: Decimal, note: str = "", by: User | None = None
) -> Payment:
    if amount_yuan <= 0:
        raise RegistrationError(_("到账金额应大于零。"))
    with transaction.atomic():
        contract = _locked(contract)
        if received_on < contract.signed:
            raise RegistrationError(_("到账日期不能早于合同签订日期。"))
        _check_received(contract, amount_yuan)
        payment = Payment(contract=contract, received_on=received_on, amount_yuan=amount_yuan, note=note)
        payment._history_user = by
        payment.save()
    return payment


@dataclass(frozen=True)
class Reconciliation:
    """Money received against the registered amounts: 技术交易额 is what tax relief and subsidies are
    computed on, so it is what the money received must reach; more than 成交额 is never accepted."""

    amount_yuan: Decimal
    technical_amount_yuan: Decimal
    received_yuan: Decimal

    @property
    def outstanding_technical_yuan(self) -> Decimal:
        """What is still to arrive before the money received covers 技术交易额 (0 once it does)."""
        return max(self.technical_amount_yuan - self.received_yuan, Decimal(0))

    @property
    def technical_received(self) -> bool:
        return self.received_yuan >= self.technical_amount_yuan

    @property
    def share_received(self) -> Decimal:
        """Money received as a share of 技术交易额, in per cent (100 when there is nothing to receive)."""
        if not self.technical_amount_yuan:
            return Decimal(100)
        return (self.received_yuan / self.technical_amount_yuan * 100).quantize(Decimal("0.1"))


def reconcile(contract: Contract) -> Reconciliation:
    return Reconciliation(contract.amount_yuan, contract.technical_amount_yuan, received_total(contract))


def is_overdue(contract: Contract, today: dt.date) -> bool:
    """A contract in procedure whose decision is past its due date (the clock is stopped while the
    office waits for material, so such a contract is never overdue)."""
    return (
        contract.status in IN_PROGRESS and contract.decision_due is not None and today > contract.decision_due
    )
