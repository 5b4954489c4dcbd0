"""Users and their roles. A role decides what a user may see and change; an organization bounds it."""

import datetime as dt
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
    expires_at = models.DateTimeField(_("有效期至"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("吊销时间"), null=True, blank=True)
    # A digest of the password hash the user had when the token was issued: a new password (set any way,
    # admin, form or shell) no longer matches, so every older token stops working.
    password_mark = models.CharField(max_length=16, blank=True, editable=False)

    class Meta:
        verbose_name = _("API 令牌")
        verbose_name_plural = _("API 令牌")

    def __str__(self) -> str:
        return f"{self.user} · {self.name}"

    @staticmethod
    def hash(raw: str) -> str:
        return hashlib.sha256(raw.encode()).hexdigest()

    @staticmethod
    def password_mark_of(user: User) -> str:
        return hashlib.sha256(f"kechuang-token:{user.password}".encode()).hexdigest()[:16]

    @classmethod
    def issue(cls, user: User, name: str, days: int | None = None) -> tuple["ApiToken", str]:
        """Create a token and return it with its raw value, which is shown once and never stored. It expires
        after `days` (settings.API_TOKEN_DAYS unless given; 0: never)."""
        from django.conf import settings

        days = settings.API_TOKEN_DAYS if days is None else days
        raw = secrets.token_urlsafe(32)
        token = cls.objects.create(
            user=user,
            name=name,
            digest=cls.hash(raw),
            expires_at=timezone.now() + dt.timedelta(days=days) if days else None,
            password_mark=cls.password_mark_of(user),
        )
        return token, raw

    @classmethod
    def revoke(cls, user: User, name: str | None = None) -> int:
        """Revoke the user's live tokens (those of one name, or all); returns how many."""
        tokens = cls.objects.filter(user=user, revoked_at__isnull=True)
        if name is not None:
            tokens = tokens.filter(name=name)
        return tokens.update(revoked_at=timezone.now())

    @classmethod
    def user_for(cls, raw: str) -> User | None:
        """The user of a live token: not revoked, not expired, issued under the user's current password."""
        now = timezone.now()
        token = (
            cls.objects.select_related("user")
            .filter(digest=cls.hash(raw), user__is_active=True, revoked_at__isnull=True)
            .filter(models.Q(expires_at__isnull=True) | models.Q(expires_at__gt=now))
            .first()
        )
        if token is None or token.password_mark != cls.password_mark_of(token.user):
            return None
        cls.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
        return token.user
