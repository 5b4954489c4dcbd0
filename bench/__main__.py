"""`python -m bench`: run every benchmark module in bench/, each in its own process."""

import pkgutil
import subprocess
import sys
from pathlib import Path


def main() -> int:
    modules = pkgutil.iter_modules([str(Path(__file__).parent)])
    # Packages (bench/province) are long runs of their own, started by hand.
    names = sorted(module.name for module in modules if not module.name.startswith("_") and not module.ispkg)
    failed = []
    for name in names:
        if subprocess.run([sys.executable, "-m", f"bench.{name}"], check=False).returncode != 0:  # noqa: S603
            failed.append(name)
    if failed:
        print(f"failed benchmarks: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
