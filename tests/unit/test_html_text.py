"""HTML (or plain text) → the paragraphs a reader of an alert should see."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.pipeline.html_text import inline, paragraphs, plain, plain_paragraphs

PERSIAN = "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645"


@pytest.mark.parametrize(
    ("markup", "expected"),
    [
        ("<p>One</p><p>Two</p>", ["One", "Two"]),
        ("<div>a<div>b</div>c</div>", ["a", "b", "c"]),
        ("<ul><li>first</li><li>second</li></ul>", ["first", "second"]),
        ("<h2>Head</h2>body text", ["Head", "body text"]),
        ("line one<br>line two<br/><br>next para", ["line one line two", "next para"]),
        ("<blockquote>quoted</blockquote>after", ["quoted", "after"]),
        ("<table><tr><td>1</td><td>2</td></tr><tr><td>3</td></tr></table>", ["1 2", "3"]),
        ("<p>inline <a href='/x'>link</a> and <b>bold</b></p>", ["inline link and bold"]),
    ],
)
def test_blocks_split_paragraphs(markup: str, expected: list[str]) -> None:
    assert paragraphs(markup) == expected


@pytest.mark.parametrize(
    ("markup", "expected"),
    [
        ("<p>Fish&nbsp;&amp;&nbsp;chips</p>", ["Fish & chips"]),
        ("<p>Tom &amp;amp; Jerry</p>", ["Tom & Jerry"]),  # escaped twice
        ("&lt;p&gt;Escaped&lt;/p&gt;&lt;p&gt;twice&lt;/p&gt;", ["Escaped", "twice"]),
        ("<p>zero\u200bwidth\ufeff and   \t\n spaces</p>", ["zerowidth and spaces"]),
        ("<p>caf\u00c3\u00a9 au lait</p>", ["caf\u00e9 au lait"]),  # UTF-8 read as Latin-1
        ("<p>don\x92t</p>", ["don\u2019t"]),  # Windows-1252 read as Latin-1
        ("<p>M\u00fcller stays M\u00fcller</p>", ["M\u00fcller stays M\u00fcller"]),
        (f"<p>{PERSIAN}</p>", [PERSIAN]),  # the zero-width non-joiner is part of the word
    ],
)
def test_text_is_decoded_and_normalised(markup: str, expected: list[str]) -> None:
    assert paragraphs(markup) == expected


@pytest.mark.parametrize(
    "dropped",
    [
        "<script>var x = 1;</script>",
        "<style>p { color: red }</style>",
        "<iframe src='https://video.example'>embed</iframe>",
        "<form><input value='q'><button>Search</button></form>",
        "<nav><a>Home</a> <a>World</a></nav>",
        "<figure><img src='a.jpg'><figcaption>A caption</figcaption></figure>",
        "<p>Share this article</p>",
        "<p>Share on Facebook</p>",
        "<p>Facebook Twitter Email</p>",
        "<p>Read more</p>",
        "<p><a href='/full'>Continue reading...</a></p>",
        "<p>Sign up for our daily newsletter</p>",
        "<p>Follow us on Instagram</p>",
        "<p>ADVERTISEMENT</p>",
        "<p>The post Storm update appeared first on Coast News.</p>",
        "<p>Related: <a href='/x'>An older story</a></p>",
        "<p>[\u2026]</p>",
    ],
)
def test_boilerplate_lines_are_dropped_but_the_news_stays(dropped: str) -> None:
    markup = f"<p>Before.</p>{dropped}<p>After.</p>"
    assert paragraphs(markup) == ["Before.", "After."]


@pytest.mark.parametrize(
    "heading",
    [
        "<h3>Related stories</h3>",
        "<p><strong>Related:</strong></p>",
        "<h2>Week's Top Stories</h2>",
        "<h4>More from Coast News</h4>",
        "<h3>About the author</h3>",
        "<h3>You might also like</h3>",
    ],
)
def test_trailer_headings_cut_off_everything_after(heading: str) -> None:
    markup = f"<p>The news.</p>{heading}<ul><li>Old story one</li></ul><p>Not news.</p>"
    assert paragraphs(markup) == ["The news."]


@pytest.mark.parametrize(
    "news",
    [
        "Share prices fell sharply on Monday.",
        "Post office reopens after the flood.",
        "More than 200 homes lost power overnight.",
        "Follow-up inspections are planned for May.",
    ],
)
def test_news_that_starts_like_boilerplate_is_kept(news: str) -> None:
    assert paragraphs(f"<p>{news}</p>") == [news]


def test_plain_text_splits_on_blank_lines() -> None:
    text = "First line\nstill first.\n\n  \nSecond &amp; last."
    assert paragraphs(text) == ["First line still first.", "Second & last."]
    assert plain_paragraphs("a < b\n\nc > d") == ["a < b", "c > d"]


def test_empty_and_textless_markup_gives_nothing() -> None:
    assert paragraphs("") == []
    assert paragraphs("<img src='x.gif'><br><hr>") == []
    assert paragraphs("<frameset><frame src='a'></frameset>") == []


def test_inline_titles() -> None:
    assert inline(" Storm <em>warning</em>\n issued ") == "Storm warning issued"
    assert inline("Fish &amp;amp; chips") == "Fish & chips"
    assert inline("Scores &lt;5 and I <3 it") == "Scores <5 and I <3 it"
    assert plain("  a\u00a0 b ") == "a b"


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_any_text_gives_clean_paragraphs(markup: str) -> None:
    for paragraph in paragraphs(markup):
        assert paragraph == paragraph.strip()
        assert "  " not in paragraph and "\n" not in paragraph
        assert "\ue000" not in paragraph and "\ue001" not in paragraph


def test_markup_escaped_twice_inside_real_markup_is_read_as_markup() -> None:
    # Reddit-style: the post's own HTML, escaped twice, inside a real element.
    escaped_twice = "".join(
        f"&amp;lt;p&amp;gt;{word}&amp;lt;/p&amp;gt;" for word in ("Hello", "there")
    )
    markup = f"<div>{escaped_twice}</div>"
    assert paragraphs(markup) == ["Hello", "there"]


def test_a_self_closed_embed_from_xhtml_does_not_swallow_what_follows() -> None:
    assert paragraphs("<p>Before.</p><iframe src='https://v.example/1'/><p>After.</p>") == [
        "Before.", "After."
    ]


@pytest.mark.parametrize("tag", ["b", "font", "span class='x'"])
def test_hundreds_of_unclosed_inline_tags_lose_no_text(tag: str) -> None:
    markup = "<p>Start.</p>" + f"<{tag}>word " * 600 + "<p>After.</p>"
    found = paragraphs(markup)
    assert found[0] == "Start." and found[-1] == "After."
    assert found[1] == " ".join(["word"] * 600)


@pytest.mark.parametrize("tag", ["div", "blockquote"])
def test_absurdly_deep_blocks_give_clean_paragraphs_without_an_error(tag: str) -> None:
    markup = f"<{tag}>shallow" + f"<{tag}>" * 5000 + "deep" + f"</{tag}>" * 5000
    assert paragraphs(markup)[0] == "shallow"  # what sits past depth 256 is not an article


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(
    ["<p>", "</p>", "<br>", "<td>", "<tr>", "text", " ", "&amp;", "&nbsp;", "\x1e", "\x1f",
     "\ue000", "<script>", "</div>", "\u00c3\u00a9", "\x92", "\u200b"]
), max_size=40))
def test_markup_soup_gives_clean_paragraphs(pieces: list[str]) -> None:
    for paragraph in paragraphs("".join(pieces)):
        assert paragraph and paragraph == paragraph.strip()
        assert "  " not in paragraph
        assert not any(c in paragraph for c in "\x1e\x1f\u200b\x92")
