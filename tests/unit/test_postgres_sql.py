"""The PostgreSQL connection's two rewrites (bot/store/_postgres.py): the store's ``?``
placeholders into psycopg's, and NUL out of text and back."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.store._postgres import escape_nul, translate, unescape_nul


@pytest.mark.parametrize(("sql", "expected"), [
    ("SELECT a FROM t WHERE b = ? AND c = ?", ("SELECT a FROM t WHERE b = %s AND c = %s", None)),
    # numbered: each %s takes the parameter its number names, a number used twice twice
    ("INSERT INTO d SELECT ?2, ?2 WHERE x IN (?1) AND y > ?2",
     ("INSERT INTO d SELECT %s, %s WHERE x IN (%s) AND y > %s", (1, 1, 0, 1))),
    # quoted text is left alone, and a literal % is doubled inside and out
    ("SELECT '?', \"a?b\", 'it''s ?', x % 2 FROM t WHERE y LIKE '5%' AND z = ?",
     ("SELECT '?', \"a?b\", 'it''s ?', x %% 2 FROM t WHERE y LIKE '5%%' AND z = %s", None)),
])
def test_placeholders_are_rewritten_outside_quotes(
    sql: str, expected: tuple[str, tuple[int, ...] | None]
) -> None:
    assert translate(sql) == expected


@given(st.text(alphabet=st.sampled_from(["a", "\x00", "\ue000", "\ue001", "é", " "])))
def test_nul_escaping_round_trips_and_leaves_no_nul(text: str) -> None:
    escaped = escape_nul(text)
    assert "\x00" not in escaped
    assert unescape_nul(escaped) == text


@given(st.text(), st.text())
def test_escaping_keeps_distinct_texts_distinct(a: str, b: str) -> None:
    assert (escape_nul(a) == escape_nul(b)) == (a == b)
