"""`kechuang revoke_token USERNAME [--name NAME]`: revoke a user's API tokens, all or those of one name."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from accounts.models import ApiToken, User


class Command(BaseCommand):
    help = "吊销用户的 API 令牌（全部，或 --name 指定用途的令牌）；吊销后立即失效。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username", help="用户名")
        parser.add_argument("--name", default=None, help="只吊销这一用途的令牌")

    def handle(self, *args: Any, username: str, name: str | None, **options: Any) -> None:
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"用户 {username} 不存在。")
        count = ApiToken.revoke(user, name)
        which = f"用途为“{name}”的" if name else ""
        self.stdout.write(f"已吊销 {user} 的{which}令牌 {count} 个。")
