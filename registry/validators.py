"""Field validators with messages in the user's language."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum import exceptions as stdnum_errors
from stdnum.cn import uscc


def normalize_uscc(value: str) -> str:
    return uscc.compact(value or "")


def validate_uscc(value: str) -> None:
    """Check a 统一社会信用代码 against GB 32100-2015, including its check digit."""
    try:
        uscc.validate(value)
    except stdnum_errors.InvalidLength as error:
        raise ValidationError(
            _("统一社会信用代码应为18位，当前为%(length)d位。"),
            code="uscc_length",
            params={"length": len(value)},
        ) from error
    except stdnum_errors.InvalidChecksum as error:
        raise ValidationError(
            _("统一社会信用代码校验位错误，请核对后重新输入。"), code="uscc_checksum"
        ) from error
    except stdnum_errors.ValidationError as error:
        raise ValidationError(
            _("统一社会信用代码格式不正确（只能包含数字和除I、O、Z、S、V以外的大写字母）。"),
            code="uscc_format",
        ) from error


def make_uscc(registration_authority: str, region_code: str, serial: int) -> str:
    """A valid USCC for generated records: 2 authority chars, 6-digit adcode, 9-char id, check digit."""
    body = f"{registration_authority}{region_code}MA{serial:07d}"
    return body + uscc.calc_check_digit(body)
