"""Start-up cost: `import marsad` and `marsad --help` in fresh processes (target < 0.5 s).

    python bench/bench_startup.py
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time


def best_of(cmd: list[str], runs: int = 5) -> tuple[float, float]:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True)
        times.append(time.perf_counter() - t0)
    return min(times), statistics.median(times)


def main() -> None:
    base = best_of([sys.executable, "-c", "pass"])
    imp = best_of([sys.executable, "-c", "import marsad"])
    helps = best_of([sys.executable, "-m", "marsad.cli", "--help"])
    print(f"python itself:   best {base[0]:.3f} s  median {base[1]:.3f} s")
    print(f"import marsad:   best {imp[0]:.3f} s  median {imp[1]:.3f} s")
    print(f"marsad --help:   best {helps[0]:.3f} s  median {helps[1]:.3f} s")


if __name__ == "__main__":
    main()
