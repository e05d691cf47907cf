"""Run a command and write the kernel's account of it: wall, CPU, peak RSS.

    python -m bench.rusage OUT.json -- COMMAND [ARG...]

Why a wrapper: Linux keeps, in a child's peak RSS, the memory of the process
that forked it up to the child's exec, and the bench process itself holds
hundreds of MiB by then (a store's buffer pool). Spawned from this small
process instead, the peak is the command's own.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path


def main(argv: list[str]) -> int:
    if len(argv) < 3 or argv[1] != "--":
        print(__doc__, file=sys.stderr)
        return 2
    out, command = Path(argv[0]), argv[2:]
    started = time.perf_counter()
    pid = os.posix_spawnp(command[0], command, dict(os.environ))
    _, status, usage = os.wait4(pid, 0)
    figures = {
        "wall_s": round(time.perf_counter() - started, 2),
        "cpu_s": round(usage.ru_utime + usage.ru_stime, 2),
        "peak_rss_mib": round(usage.ru_maxrss / 1024, 1),  # KiB on Linux
    }
    out.write_text(json.dumps(figures))
    return os.waitstatus_to_exitcode(status)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
