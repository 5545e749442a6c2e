"""Helpers for the benchmarks: the RSS of a process tree, sampled in a thread."""
from __future__ import annotations

import os
import threading
import time

PAGE = os.sysconf("SC_PAGE_SIZE")


def tree_rss(root: int) -> tuple[int, int]:
    """(summed RSS in bytes, number of processes) of ``root`` and all its descendants."""
    parent: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as fh:
                stat = fh.read()
        except OSError:
            continue
        fields = stat[stat.rfind(b")") + 2:].split()
        parent[int(entry)] = int(fields[1])
    children: dict[int, list[int]] = {}
    for pid, ppid in parent.items():
        children.setdefault(ppid, []).append(pid)
    todo, seen = [root], []
    while todo:
        pid = todo.pop()
        seen.append(pid)
        todo.extend(children.get(pid, ()))
    total = 0
    for pid in seen:
        try:
            with open(f"/proc/{pid}/statm") as fh:
                total += int(fh.read().split()[1]) * PAGE
        except OSError:
            continue
    return total, len(seen)


class Sampler(threading.Thread):
    """Samples the RSS of this process's tree (minus this process) every ``interval`` seconds."""

    def __init__(self, interval: float = 0.5, root: int | None = None):
        super().__init__(daemon=True)
        self.interval = interval
        self.root = root or os.getpid()
        self.samples: list[tuple[float, int, int]] = []
        self._stop_event = threading.Event()
        self._own = 0

    def run(self) -> None:
        t0 = time.monotonic()
        while not self._stop_event.is_set():
            total, n = tree_rss(self.root)
            with open("/proc/self/statm") as fh:
                own = int(fh.read().split()[1]) * PAGE
            self.samples.append((time.monotonic() - t0, total - own, n - 1))
            self._stop_event.wait(self.interval)

    def stop(self) -> None:
        self._stop_event.set()
        self.join()

    def summary(self) -> str:
        if not self.samples:
            return "no samples"
        rss = [s[1] for s in self.samples]
        peak = max(rss)
        busy = [s for s in self.samples if s[2] > 0]
        q = max(1, len(busy) // 4)
        mb = 2**20
        if len(busy) >= 8:
            first = sum(s[1] for s in busy[q:2 * q]) / q  # the 2nd quarter: after start-up
            last = sum(s[1] for s in busy[-q:]) / q
            flat = f"; 2nd-quarter mean {first / mb:.0f} MB, last-quarter mean {last / mb:.0f} MB"
        else:
            flat = ""
        return f"peak {peak / mb:.0f} MB over {max(s[2] for s in self.samples)} processes{flat} ({len(self.samples)} samples)"
