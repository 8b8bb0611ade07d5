"""The language of a text without one: plainly English text is told without the model, and the
model agrees with that shortcut on every labelled text it covers."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.matching import language
from bot.quality import dataset


@pytest.mark.parametrize(
    ("text", "plain"),
    [
        ("Officials said the talks with the rebels would resume after the holiday.", True),
        ("Update (1040 CET): Gunfire was heard near the bridge and two officers were hurt.", True),
        # curly quotes and dashes are not letters
        ("“We have been told nothing,” said a resident of the town — who would not give a name.",
         True),
        # too few of the words to be sure
        ("Kharkiv blackout: day three", False),
        ("Flooding in Kerala", False),
        # "by" is Slovak as well, "in" German, "on" French
        ("Prieskum: voľby by v januári vyhrala strana, druhé by bolo hnutie", False),
        ("Die Regierung hat in Berlin in der Nacht in aller Eile getagt", False),
        # an English function word or two in a text with accented letters
        ("The Élysée said the président de la République will speak after the conseil", False),
        ("Обстрел Харькова: the mayor said that power was cut for the night", False),
    ],
)
def test_plainly_english(text: str, plain: bool) -> None:
    assert language._plainly_english(text) is plain


def test_other_languages_still_go_to_the_model() -> None:
    assert language.detect("Die Regierung hat am Montag neue Maßnahmen beschlossen.") == "de"
    assert language.detect("Le gouvernement a annoncé lundi de nouvelles mesures.") == "fr"
    assert language.detect("Правительство в понедельник объявило новые меры.") == "ru"


def test_the_model_calls_every_plainly_english_labelled_text_english(shared_dir: Path) -> None:
    # Most English rows are corpus rows: without the corpus there are too few to compare.
    rows, _ = dataset.load(dataset.dataset_files(dataset.DEFAULT_SET), shared_dir / "corpus")
    plain = [text for r in rows if language._plainly_english(text := f"{r.title}\n{r.text}")]
    # most English rows are covered, so the comparison means something
    assert len(plain) >= 100
    said = {text: language._identifier().classify(text)[0] for text in plain}
    assert {text: code for text, code in said.items() if code != "en"} == {}
