"""The test suite's settings: the product's, with debugging asked for as a developer's machine does
(`make run`), since production defaults to it off and then needs a secret key. Subprocesses the tests
start inherit the variable."""

import os

os.environ.setdefault("KECHUANG_DEBUG", "true")

from kechuang.settings import *  # noqa: E402, F403
