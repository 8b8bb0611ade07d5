"""The gazetteer's memory: issue 11 allows the whole of it 150 MB in the process. Measured in a
fresh interpreter, as the bot starts: the maximum resident size once ``load_matcher`` is done
(the peak is while the cities are read, so this is what the process keeps)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LIMIT_MB = 150

# VmHWM, not getrusage's ru_maxrss: Linux carries the parent's size at fork into the child's
# ru_maxrss, and the parent here is a test run that has its own matcher.
PROGRAM = """
from pathlib import Path
from bot.pipeline.match import load_matcher
matcher = load_matcher(Path("config"))
assert matcher.term_count > 100_000
status = dict(line.split(":", 1) for line in open("/proc/self/status"))
print(status["VmHWM"].split()[0])
"""


def test_load_matcher_stays_under_150_mb() -> None:
    done = subprocess.run(
        [sys.executable, "-c", PROGRAM], cwd=ROOT, capture_output=True, text=True, check=True,
        timeout=120,
    )
    peak_mb = int(done.stdout.strip()) / 1024  # VmHWM is in kB
    assert peak_mb < LIMIT_MB, f"{peak_mb:.0f} MB"


# A matcher replaced by another and the heap settled again (as a reload would) is freed: the
# first settle froze it, and a frozen cycle would otherwise stay for good. A weak reference to
# the old matcher says whether anything (the permanent generation included) still holds it.
SETTLE_PROGRAM = """
import gc, weakref
from pathlib import Path
from bot.pipeline.match import load_matcher, settle_heap
matcher = load_matcher(Path("config"))
settle_heap()
assert gc.get_freeze_count() > 0
old = weakref.ref(matcher)
gc.disable()  # only settle_heap may collect, so a freed matcher was freed by it
matcher = load_matcher(Path("config"))
settle_heap()
print("freed" if old() is None else "kept")
"""


def _run(program: str, timeout: float) -> str:
    """What a fresh interpreter prints: gc.freeze lasts for the process."""
    done = subprocess.run(
        [sys.executable, "-c", program], cwd=ROOT, capture_output=True, text=True, check=True,
        timeout=timeout,
    )
    return done.stdout.strip()


def test_a_replaced_matcher_is_freed_once_the_heap_is_settled_again() -> None:
    assert _run(SETTLE_PROGRAM, timeout=240) == "freed"


# What the unfreeze is for: a cycle frozen by one settle and dropped since is freed by the next
# (a plain gc.freeze would keep it for the process's life).
CYCLE_PROGRAM = """
import gc, weakref
from bot.pipeline.match import settle_heap
class Node:
    pass
node = Node()
node.me = node
old = weakref.ref(node)
settle_heap()
gc.disable()
del node
settle_heap()
print("freed" if old() is None else "kept")
"""


def test_a_frozen_cycle_dropped_since_is_freed_by_the_next_settle() -> None:
    assert _run(CYCLE_PROGRAM, timeout=60) == "freed"
