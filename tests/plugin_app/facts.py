from collections.abc import Sequence

from kechuang.plugins import Facts


def collect(organization_ids: Sequence[int], year: int, years: Sequence[int]) -> dict[int, Facts]:
    return {
        pk: Facts(
            events=[
                {
                    "type": "award_received",
                    "date": f"{year}-06-01",
                    "award": "测试奖",
                    "level": "municipal",
                    "grade": "一等奖",
                    "role": "lead",
                }
            ],
            annual={years[0]: {"invention_patents": 7}},
        )
        for pk in organization_ids
    }
