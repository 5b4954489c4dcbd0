"""`kechuang match --need ID [--limit N] --json` (contract 8 in docs/interfaces.md), and `--achievement ID`
for the
enterprises that might want an achievement."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from matching.scoring import match_achievement, match_need
from registry.models import Achievement, TechnologyNeed


class Command(BaseCommand):
    help = "为技术需求匹配专家、成果、平台、仪器与服务机构，并给出理由"

    def add_arguments(self, parser: CommandParser) -> None:
        target = parser.add_mutually_exclusive_group(required=True)
        target.add_argument("--need", type=int)
        target.add_argument("--achievement", type=int)
        parser.add_argument("--limit", type=int, default=20)
        parser.add_argument("--json", action="store_true", help="以 JSON 输出（契约 8）")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["limit"] < 1:
            raise CommandError("--limit 必须是正整数")
        if options["need"] is not None:
            need = TechnologyNeed.objects.select_related("enterprise").filter(pk=options["need"]).first()
            if need is None:
                raise CommandError(f"没有编号为 {options['need']} 的技术需求")
            candidates = match_need(need, limit=options["limit"])
            result = {
                "need": {
                    "id": need.pk,
                    "title": need.title,
                    "field": need.field,
                    "enterprise": need.enterprise.name,
                }
            }
        else:
            achievement = (
                Achievement.objects.select_related("owner").filter(pk=options["achievement"]).first()
            )
            if achievement is None:
                raise CommandError(f"没有编号为 {options['achievement']} 的科技成果")
            candidates = match_achievement(achievement, limit=options["limit"])
            result = {
                "achievement": {
                    "id": achievement.pk,
                    "title": achievement.title,
                    "field": achievement.field,
                    "owner": achievement.owner.name,
                }
            }
        result["candidates"] = [candidate.as_json() for candidate in candidates]
        if options["json"]:
            self.stdout.write(json.dumps(result, ensure_ascii=False))
            return
        for candidate in result["candidates"]:
            self.stdout.write(
                f"{candidate['score']:.3f}  {candidate['kind']:<12} {candidate['id']:<8} {candidate['title']}"
            )
            for reason in candidate["reasons"]:
                self.stdout.write(f"        {reason['factor']:<15} ×{reason['weight']:<5} {reason['detail']}")
