"""Users and their roles. A role decides what a user may see and change; an organization bounds it."""

import hashlib
import secrets

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    BUREAU_ADMIN = "bureau_admin", _("科技局管理员")
    DEPARTMENT_OFFICER = "department_officer", _("部门联络员")
    ENTERPRISE_USER = "enterprise_user", _("企业用户")
    EXPERT = "expert", _("专家")


class User(AbstractUser):
    role = models.CharField(_("角色"), max_length=32, choices=Role.choices, blank=True)
    organization = models.ForeignKey(
        "registry.Organization",
        verbose_name=_("所属机构"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="users",
        help_text=_("部门联络员所属的部门，企业用户所属的企业。"),
    )
    display_name = models.CharField(_("显示名称"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("用户")
        verbose_name_plural = _("用户")

    def __str__(self) -> str:
        return self.display_name or self.username

    @property
    def is_bureau(self) -> bool:
        return self.is_superuser or self.role == Role.BUREAU_ADMIN


class ApiToken(models.Model):
    """A token for the JSON API; only its SHA-256 digest is stored."""

    user = models.ForeignKey(
        User, verbose_name=_("用户"), on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("用途"), max_length=64)
    digest = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("最近使用"), null=True, blank=True)

    class Meta:
        verbose_name = _("API 令牌")
        verbose_name_plural = _("API 令牌")

    def __str__(self) -> str:
        return f"{self.user} · {self.name}"

    @staticmethod
    def hash(raw: str) -> str:
        return hashlib.sha256(raw.encode()).hexdigest()

    @classmethod
    def issue(cls, user: User, name: str) -> tuple["ApiToken", str]:
        """Create a token and return it with its raw value, which is shown once and never stored."""
        raw = secrets.token_urlsafe(32)
        return cls.objects.create(user=user, name=name, digest=cls.hash(raw)), raw

    @classmethod
    def user_for(cls, raw: str) -> User | None:
        token = cls.objects.select_related("user").filter(digest=cls.hash(raw), user__is_active=True).first()
        if token is None:
            return None
        cls.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
        return token.user
