"""The acts a contract's page offers, each a form and the registration function it calls: what the seller
does (file the application) and what the office does (accept, ask for material, expert review, register,
refuse, change, cancel, record and decide objections). Who may do which is permissions.can_act's."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from transfer import registration
from transfer.forms import (
    ChangeForm,
    DayForm,
    NoteForm,
    ObjectionForm,
    OptionalNoteForm,
    ReviewForm,
)
from transfer.models import Contract, Objection
from transfer.vocabulary import ContractStatus as S

SELLER, OFFICE, VIEWER = "seller", "office", "viewer"


@dataclass(frozen=True)
class Act:
    code: str
    label: Promise
    by: str
    statuses: tuple[str, ...]
    form: type[forms.Form]
    run: Callable[[Contract, dict[str, Any], User], Any]
    done: Promise
    # The question asked before an act that cannot be undone; empty for one that can.
    confirm: Promise | str = ""

    def initial(self, contract: Contract) -> dict[str, Any]:
        if self.form is ChangeForm:
            return {
                "title": contract.title,
                "amount_yuan": contract.amount_yuan,
                "technical_amount_yuan": contract.technical_amount_yuan,
                "valid_until": contract.valid_until,
            }
        return {}


def _change(contract: Contract, data: dict[str, Any], by: User) -> Contract:
    fields = ("title", "amount_yuan", "technical_amount_yuan", "valid_until")
    changes = {name: data[name] for name in fields if data.get(name) != getattr(contract, name)}
    return registration.change(contract, data["on"], changes, data["note"], by)


ACTS: dict[str, Act] = {
    act.code: act
    for act in (
        Act(
            "file",
            _("提交登记申请"),
            SELLER,
            (S.DRAFT,),
            DayForm,
            lambda c, d, u: registration.file(c, d["on"], u),
            _("已提交登记申请，等待登记机构受理。"),
            _("提交后合同内容不能再修改（补正材料时除外）。确定提交吗？"),
        ),
        Act(
            "accept",
            _("受理"),
            OFFICE,
            (S.FILED,),
            DayForm,
            lambda c, d, u: registration.submit(c, d["on"], u),
            _("已受理，办结期限自受理次日起按工作日计算。"),
        ),
        Act(
            "request_material",
            _("通知补正材料"),
            OFFICE,
            (S.SUBMITTED, S.EXPERT_REVIEW),
            NoteForm,
            lambda c, d, u: registration.request_material(c, d["on"], d["note"], u),
            _("已通知补正材料，计时暂停，材料齐全后重新计时。"),
        ),
        Act(
            "receive_material",
            _("材料已齐全（重新计时）"),
            OFFICE,
            (S.AWAITING_MATERIAL,),
            DayForm,
            lambda c, d, u: registration.receive_material(c, d["on"], u),
            _("材料已齐全，重新计算办结期限。"),
        ),
        Act(
            "review",
            _("转专家评审"),
            OFFICE,
            (S.SUBMITTED,),
            ReviewForm,
            lambda c, d, u: registration.send_to_review(
                c, d["on"], u, disputed=d["disputed"], note=d["note"]
            ),
            _("已转专家评审，办结期限按评审时限计算。"),
        ),
        Act(
            "register",
            _("准予登记"),
            OFFICE,
            (S.SUBMITTED, S.EXPERT_REVIEW),
            OptionalNoteForm,
            lambda c, d, u: registration.register(c, d["on"], u, d["note"]),
            _("已准予登记并编号，可下载登记证明。"),
            _("准予登记后将编定登记号，只能通过变更或撤销登记更改。确定登记吗？"),
        ),
        Act(
            "refuse",
            _("不予登记"),
            OFFICE,
            (S.FILED, S.SUBMITTED, S.AWAITING_MATERIAL, S.EXPERT_REVIEW),
            NoteForm,
            lambda c, d, u: registration.refuse(c, d["on"], d["note"], u),
            _("已决定不予登记。"),
            _("不予登记的决定不能撤回。确定吗？"),
        ),
        Act(
            "change",
            _("变更登记"),
            OFFICE,
            (S.REGISTERED,),
            ChangeForm,
            _change,
            _("已办理变更登记，变更前后的内容记入变更记录。"),
        ),
        Act(
            "cancel",
            _("撤销登记"),
            OFFICE,
            (S.REGISTERED,),
            NoteForm,
            lambda c, d, u: registration.cancel(c, d["on"], d["note"], u),
            _("已撤销登记，该合同不再计入统计。"),
            _("撤销后登记号作废且不再使用，合同不再计入统计。确定撤销吗？"),
        ),
        Act(
            "object",
            _("提出异议"),
            VIEWER,
            (S.REGISTERED,),
            ObjectionForm,
            lambda c, d, u: registration.raise_objection(c, d["raised_by"], d["on"], d["reason"], u),
            _("异议已记录，由登记机构处理。"),
        ),
    )
}


def decide(objection: Objection, data: dict[str, Any], by: User) -> Objection:
    return registration.decide_objection(objection, data["on"], data["upheld"], data["decision"], by)
