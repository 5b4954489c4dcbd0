"""`kechuang issue_token USERNAME [--name NAME]`: create an API token and print it once."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from accounts.models import ApiToken, User


class Command(BaseCommand):
    help = "为用户签发 API 令牌；令牌只显示这一次，系统只保存其摘要。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username", help="用户名")
        parser.add_argument("--name", default="命令行签发", help="令牌用途，便于日后识别和吊销")
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help="有效天数（默认 KECHUANG_API_TOKEN_DAYS，即 90 天；0 为永不过期）",
        )

    def handle(self, *args: Any, username: str, name: str, days: int | None, **options: Any) -> None:
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"用户 {username} 不存在。")
        if not user.is_active:
            raise CommandError(f"用户 {username} 已停用，不能签发令牌。")
        if days is not None and days < 0:
            raise CommandError("--days 不能为负数。")
        token, raw = ApiToken.issue(user, name, days=days)
        until = f"有效期至 {token.expires_at:%Y-%m-%d}" if token.expires_at else "永不过期"
        self.stderr.write(
            f"已为 {user} 签发令牌“{name}”（{until}，改密码后失效）。请立即保存，它不会再次显示："
        )
        self.stdout.write(raw)
