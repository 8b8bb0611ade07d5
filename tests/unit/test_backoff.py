"""next_poll_at: each source's own slot on success, doubling on failure, the cap, and Retry-After
as a floor."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.pipeline.backoff import DEFAULT_CAP_S, next_poll_at
from bot.slots import phase

NOW = datetime(2024, 2, 17, 17, 15, tzinfo=UTC)
MIDDLE = 0.5  # the jitter that lands exactly on the nominal delay


def delay(**kwargs: object) -> float:
    args: dict[str, object] = {"failures": 0, "retry_after": None, "jitter": MIDDLE,
                               "phase": 0.25}
    args.update(kwargs)
    interval = args.pop("interval", 300)
    at = next_poll_at(NOW, interval, **args)  # type: ignore[arg-type]
    return (at - NOW).total_seconds()


def test_success_waits_for_the_sources_next_slot() -> None:
    # NOW is a whole multiple of 300 s past the epoch; phase 0.25 owns 75 s past each multiple.
    assert NOW.timestamp() % 300 == 0
    assert delay(interval=300, phase=0.25) == pytest.approx(75)
    assert delay(interval=300, phase=0.0) == pytest.approx(300)  # on a slot: a whole interval


def test_a_source_on_its_slot_polls_exactly_one_interval_apart() -> None:
    # Polled 1.5 s after its slot (the scheduler's tick and the fetch): the next poll is on the
    # next slot, so the gap is the interval less that lag, never more.
    slot = NOW + timedelta(seconds=75)
    polled = slot + timedelta(seconds=1.5)
    at = next_poll_at(polled, 300, failures=0, retry_after=None, jitter=MIDDLE, phase=0.25)
    assert at == slot + timedelta(seconds=300)


def test_sources_polled_in_one_wave_spread_over_the_interval() -> None:
    """After a restart that found them all overdue, a thousand sources polled in the same second
    come back at their own slots: every tenth of the interval gets about a tenth of them."""
    tenths = [0] * 10
    for n in range(1000):
        at = next_poll_at(NOW, 600, failures=0, retry_after=None, jitter=MIDDLE,
                          phase=phase(f"wire-{n}"))
        tenths[int((at - NOW).total_seconds() // 60) % 10] += 1
    assert all(60 <= count <= 140 for count in tenths), tenths


def test_the_phase_is_the_same_for_an_id_and_differs_between_ids() -> None:
    assert phase("wire") == phase("wire")
    assert phase("wire") != phase("other-wire")
    assert all(0.0 <= phase(f"s{n}") < 1.0 for n in range(100))


@pytest.mark.parametrize(("failures", "expected"), [(1, 300), (2, 600), (3, 1200), (5, 4800)])
def test_failures_double_the_wait(failures: int, expected: float) -> None:
    assert delay(interval=300, failures=failures, jitter=0.0) == pytest.approx(expected)


@pytest.mark.parametrize(("jitter", "expected"), [(0.0, 1200), (0.5, 1140), (0.999, 1080.12)])
def test_failure_jitter_only_brings_the_poll_forward(jitter: float, expected: float) -> None:
    assert delay(interval=300, failures=3, jitter=jitter) == pytest.approx(expected)


def test_backoff_stops_at_the_cap() -> None:
    assert delay(interval=300, failures=12, cap_s=3600, jitter=0.0) == pytest.approx(3600)


def test_sources_at_the_cap_still_spread_out() -> None:
    assert delay(interval=300, failures=12, cap_s=3600, jitter=0.5) == pytest.approx(3420)


def test_default_cap_is_six_hours() -> None:
    assert DEFAULT_CAP_S == 6 * 3600
    assert delay(interval=300, failures=50, jitter=0.0) == pytest.approx(6 * 3600)


def test_a_long_failing_run_does_not_overflow() -> None:
    assert delay(interval=300, failures=10**9, cap_s=3600, jitter=0.0) == pytest.approx(3600)


def test_a_failing_daily_source_is_not_polled_more_often_than_daily() -> None:
    assert delay(interval=86400, failures=1, cap_s=3600, jitter=0.0) == pytest.approx(86400)


def test_retry_after_is_a_floor() -> None:
    assert delay(interval=300, failures=1, retry_after=3600) == pytest.approx(3600)


def test_retry_after_shorter_than_the_backoff_changes_nothing() -> None:
    assert delay(interval=300, failures=3, retry_after=10, jitter=0.0) == pytest.approx(1200)


def test_retry_after_wins_over_the_cap() -> None:
    assert delay(interval=300, failures=9, cap_s=3600, retry_after=7200) == pytest.approx(7200)


def test_the_time_zone_of_now_is_kept() -> None:
    tz = timezone(timedelta(hours=-5), "EST")
    at = next_poll_at(NOW.astimezone(tz), 60, failures=0, retry_after=None, jitter=0.0,
                      phase=0.5)
    assert at.tzinfo is tz
    assert at == NOW + timedelta(seconds=30)  # slots are the same instants in every zone


@pytest.mark.parametrize(
    "bad",
    [
        {"interval": 0},
        {"interval": -5},
        {"failures": -1},
        {"cap_s": 0},
        {"jitter": 1.0},
        {"jitter": -0.1},
        {"phase": 1.0},
        {"phase": -0.5},
        {"retry_after": -1.0},
        {"retry_after": float("nan")},
        {"retry_after": float("inf")},
    ],
)
def test_impossible_inputs_raise_value_error(bad: dict[str, object]) -> None:
    with pytest.raises(ValueError):
        delay(**bad)


intervals = st.integers(min_value=1, max_value=86400)
jitters = st.floats(min_value=0.0, max_value=1.0, exclude_max=True)
phases = jitters
caps = st.integers(min_value=1, max_value=7 * 86400)


@given(intervals, phases, st.floats(min_value=0, max_value=4e9))
def test_success_lands_on_the_sources_slot_within_one_interval(
    interval: int, where: float, seconds: float
) -> None:
    now = datetime.fromtimestamp(seconds, UTC)
    at = next_poll_at(now, interval, failures=0, retry_after=None, jitter=MIDDLE, phase=where)
    waited = (at - now).total_seconds()
    assert 0 < waited <= interval + 1e-3
    off_slot = (at.timestamp() - where * interval) % interval
    assert min(off_slot, interval - off_slot) < 1e-3


@given(intervals, jitters, caps, st.integers(min_value=1, max_value=200))
def test_backoff_never_shrinks_and_never_passes_the_ceiling(
    interval: int, jitter: float, cap: int, failures: int
) -> None:
    this = delay(interval=interval, jitter=jitter, cap_s=cap, failures=failures)
    after = delay(interval=interval, jitter=jitter, cap_s=cap, failures=failures + 1)
    assert 0 < this <= after <= max(cap, interval) + 1e-6
    assert this >= 0.9 * min(interval * 2 ** (failures - 1), max(cap, interval)) - 1e-6


@given(intervals, jitters, caps, st.integers(min_value=0, max_value=60),
       st.floats(min_value=0, max_value=10 * 86400))
def test_never_sooner_than_retry_after(
    interval: int, jitter: float, cap: int, failures: int, retry_after: float
) -> None:
    d = delay(interval=interval, jitter=jitter, cap_s=cap, failures=failures,
              retry_after=retry_after)
    assert d >= retry_after - 1e-6
