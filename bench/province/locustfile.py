"""The pages a bureau admin opens most, for `python -m bench.province pages` (locust headless)."""

import os
import random
import re

from locust import HttpUser, between, task

SEARCHES = ["精密", "新材料", "华鑫", "生物医药", "淄博"]


class BureauAdmin(HttpUser):
    wait_time = between(0, 0)

    def on_start(self) -> None:
        page = self.client.get("/accounts/login/", name="login").text
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        self.client.post(
            "/accounts/login/",
            {
                "username": os.environ["KC_BENCH_USER"],
                "password": os.environ["KC_BENCH_PASSWORD"],
                "csrfmiddlewaretoken": token,
            },
            headers={"Referer": self.host + "/"},
            name="login",
        )
        self.organization_ids = [
            int(pk)
            for pk in re.findall(
                r'/registry/organizations/(\d+)/"', self.client.get("/registry/organizations/").text
            )
        ]

    @task(4)
    def organization_list(self) -> None:
        self.client.get(
            f"/registry/organizations/?page={random.randint(1, 200)}",
            name="organization list",
        )

    @task(2)
    def platform_list(self) -> None:
        self.client.get("/registry/platforms/?stage=approved", name="platform list (filtered)")

    @task(3)
    def search(self) -> None:
        self.client.get(f"/registry/organizations/?q={random.choice(SEARCHES)}", name="organization search")

    @task(4)
    def organization_detail(self) -> None:
        pk = random.randint(1, 1_000_000)
        with self.client.get(
            f"/registry/organizations/{pk}/", name="organization detail", catch_response=True
        ) as response:
            if response.status_code == 404:
                response.success()  # an id past the loaded scale

    @task(2)
    def platform_detail(self) -> None:
        pk = random.randint(1, 200_000)
        with self.client.get(
            f"/registry/platforms/{pk}/", name="platform detail", catch_response=True
        ) as response:
            if response.status_code == 404:
                response.success()

    @task(1)
    def targets_dashboard(self) -> None:
        self.client.get("/planning/", name="targets dashboard")
