"""`python -m bench.province STEP …` (see the package docstring)."""

import sys


def main() -> int:
    steps = {"load", "pages", "run"}
    if len(sys.argv) < 2 or sys.argv[1] not in steps:
        print(f"usage: python -m bench.province {{{'|'.join(sorted(steps))}}} [options]", file=sys.stderr)
        return 2
    step = sys.argv[1]
    if step == "load":
        from bench.province.load import main as run_step
    elif step == "pages":
        from bench.province.pages import main as run_step
    else:
        from bench.province.run import main as run_step
    return run_step(sys.argv[2:])


if __name__ == "__main__":
    sys.exit(main())
