# The region table and the personas of the project's tests (tests/conftest.py), for this app's tests too.
from tests.conftest import *  # noqa: F403
