"""The twelfth round's coverage of the word lists (docs/EVENTS.md, "The twelfth round"): kinds
of happening, casualty words, number words, parts of the day, targets, rising tolls and their
kin, in every language the set holds. The phrases are written for these tests from the
grammars of the languages, not taken from the set's reports."""

from __future__ import annotations

import pytest

from bot.events import facts
from bot.events.facts import casualties, kinds, sets_apart, targets, times_of_day, toll_rises
from bot.matching.text import Text


def _folded(text: str, language: str) -> str:
    return Text.of(text, "", language).folded


def _kinds(text: str, language: str) -> frozenset[str]:
    return kinds(_folded(text, language), language=language)


def _counted(text: str, language: str) -> dict[str, int]:
    prepared = Text.of(text, "", language)
    return casualties(prepared.folded, prepared.original)


@pytest.mark.parametrize(("language", "text", "kind"), [
    ("nl", "Zware aardbeving treft het zuiden van het land", "quake"),
    ("fr", "Un tremblement de terre secoue la région", "quake"),
    ("tr", "Bölgede şiddetli deprem", "quake"),
    ("nl", "Overstromingen in het oosten van het land", "flood"),
    ("it", "Inondazione nel centro della città", "flood"),
    ("tr", "Sel baskını köyleri vurdu", "flood"),
    ("sq", "Vërshimet përfshijnë fshatrat", "flood"),
    ("de", "Sturzflut reißt Autos mit", "flood"),
    ("pl", "Huragan zerwał dachy", "storm"),
    ("tr", "Fırtına ağaçları devirdi", "storm"),
    ("sr", "Невреме погодило град", "storm"),
    ("it", "Nubifragio in città, strade allagate", "storm"),
    ("de", "Schweres Unwetter über dem Süden", "storm"),
    ("nl", "Woningbrand in het centrum", "fire"),
    ("ru", "Возгорание на складе", "fire"),
    ("nl", "Gasexplosie in een flatgebouw", "explosion"),
    ("nl", "Ontploffing bij een fabriek", "explosion"),
    ("sr", "Бомба експлодирала у центру", "explosion"),
    ("sr", "Policija: napadač je pucao na prolaznike", "shooting"),
    ("pl", "Mężczyzna postrzelony na ulicy", "shooting"),
    ("de", "Massenschießerei in einem Einkaufszentrum", "shooting"),
    ("tr", "Ateş açtı, iki kişi yaralandı", "shooting"),
    ("de", "Mann bei Messerstecherei verletzt", "stabbing"),
    ("tr", "Bıçaklı saldırı", "stabbing"),
    ("it", "Pugnalato in strada", "stabbing"),
    ("ru", "Авиаудар по жилому кварталу", "airstrike"),
    ("uk", "Артилерійський обстріл міста", "airstrike"),
    ("de", "Raketenbeschuss auf die Stadt", "airstrike"),
    ("nl", "Luchtaanval op een ziekenhuis", "airstrike"),
    ("sr", "Гранатирање града током ноћи", "airstrike"),
    ("nl", "Betoging tegen de nieuwe wet", "protest"),
    ("tr", "Öğrenciler gösteri düzenledi", "protest"),
    ("tr", "Metro çalışanları greve gitti", "walkout"),
    ("nl", "Landelijke treinstaking: het personeel staakt", "walkout"),
    ("sr", "Штрајк просветних радника", "walkout"),
    ("tr", "Polis ile göstericiler arasında çatışma", "clash"),
    ("nl", "Treinongeluk bij Utrecht", "crash"),
    ("tr", "Otobüs kazası: yolcular yaralı", "crash"),
    ("ru", "Авария на трассе", "crash"),
    ("pl", "Kuter zatonął na Bałtyku", "crash"),
    ("nl", "Gebouw ingestort na hevige regen", "collapse"),
    ("cs", "Zhroutil se strop haly", "collapse"),
    ("sr", "Срушила се зграда", "collapse"),
    ("tr", "Heyelan yolu kapattı", "landslide"),
    ("it", "Smottamento sulla statale", "landslide"),
    ("pl", "Erupcja wulkanu", "eruption"),
    ("it", "Ondata di calore, allerta rossa", "heat"),
    ("tr", "Gazeteci kaçırıldı", "kidnapping"),
    ("sr", "Opsada zgrade u toku", "siege"),
    ("tr", "Fabrikada gaz sızıntısı", "leak"),
])
def test_a_kind_is_read_in_every_language(language: str, text: str, kind: str) -> None:
    assert kind in _kinds(text, language)


@pytest.mark.parametrize(("language", "text", "kind"), [
    # a gunman "opened fire": gunfire, not a fire
    ("pl", "Napastnik otworzył ogień do przechodniów", "fire"),
    # the Portuguese fire "deflagrou" (broke out): no explosion
    ("pt", "Um incêndio deflagrou ao início da tarde", "explosion"),
    # "аварийные службы" are the emergency crews of any happening
    ("ru", "На месте работают аварийные службы", "crash"),
    # a member leaving a party ("Parteiaustritt") is no leak, a rush ("Ansturm") no storm
    ("de", "Der Parteiaustritt des Ministers und der Ansturm auf die Banken", "leak"),
    ("de", "Der Parteiaustritt des Ministers und der Ansturm auf die Banken", "storm"),
    # the Slovak "stretnutie" is a meeting, not a clash
    ("sk", "Stretnutie ministrov v Bratislave", "clash"),
    # a flood of data, a football's top scorer, debts that pile up, crypto staking
    ("de", "Die Datenflut der Behörden wächst", "flood"),
    ("ru", "Бомбардир клуба забил два гола", "airstrike"),
    ("en", "Debts pile up as staking rewards fall", "crash"),
    ("en", "Debts pile up as staking rewards fall", "walkout"),
])
def test_a_false_friend_is_no_kind(language: str, text: str, kind: str) -> None:
    assert kind not in _kinds(text, language)


@pytest.mark.parametrize(("language", "text", "dead"), [
    # the Serbian and Croatian "poginuo" in both scripts: one dead said in the singular
    ("sr", "Jedan vatrogasac poginuo je u požaru", 1),
    ("sr", "Један ватрогасац погинуо је у пожару", 1),
    ("hr", "U nesreći je poginula žena", 1),
    ("sr", "U sudaru su poginule tri osobe", 3),
    ("sr", "Radnik je smrtno stradao na gradilištu", 1),
    ("ru", "В результате пожара погиб мужчина", 1),
    ("uk", "Внаслідок удару загинула жінка", 1),
    ("pl", "W wypadku zginął motocyklista", 1),
    ("cs", "Při nehodě zahynul řidič", 1),
    ("pl", "Nie żyje kierowca autobusu", 1),
    ("pt", "Faleceu o condutor do camião", 1),
    ("ar", "لقي شخص حتفه في الحادث", 1),
    # the plurals, with number words of each language
    ("it", "Sono quattro le persone uccise", 4),
    ("de", "Bei dem Unglück starben sieben Menschen", 7),
    ("nl", "Bij de brand vielen drie doden", 3),
    ("tr", "Kazada üç kişi hayatını kaybetti", 3),
    ("sq", "Dy persona u vranë në sulm", 2),
    ("ru", "При обстреле погибли одиннадцать человек", 11),
    ("uk", "Загинули п'ятеро людей", 5),
    ("uk", "Дев'ять людей загинули", 9),
    ("fr", "L'explosion a fait dix-sept morts", 17),
    ("cs", "Při výbuchu zemřelo dvanáct lidí", 12),
    ("sk", "Pri nehode zomreli traja ľudia", 3),
    ("pl", "Zginęło dwunastu górników", 12),
    ("sr", "Poginulo je petnaest osoba", 15),
    ("sr", "Погинуло је дванаест особа", 12),
    ("hr", "Poginule su dvije osobe", 2),
    ("es", "El accidente dejó catorce muertos", 14),
    ("pt", "O incêndio fez dezoito mortos", 18),
    ("ar", "مقتل ثلاثة عشر شخصا في الانفجار", 13),
])
def test_the_dead_are_read_in_every_language(language: str, text: str, dead: int) -> None:
    assert _counted(text, language).get("dead") == dead


@pytest.mark.parametrize(("language", "text", "injured"), [
    ("tr", "Kazada on iki kişi yaralandı", 12),
    ("cs", "Sedmnáct raněných převezli do nemocnice", 17),
    ("hr", "Povrijeđeno je šest osoba", 6),
    ("sr", "Рањено је седам особа", 7),
    ("nl", "Twaalf mensen raakten gewond", 12),
    ("es", "Hay quince lesionados", 15),
    ("it", "Diciannove feriti, tre gravi", 19),
    ("de", "Dreizehn Menschen wurden verletzt", 13),
    ("ru", "Двадцать человек получили травмы", 20),
    ("pl", "Trzynaście osób odniosło obrażenia", 13),
])
def test_the_injured_are_read_in_every_language(language: str, text: str, injured: int) -> None:
    assert _counted(text, language).get("injured") == injured


@pytest.mark.parametrize(("language", "text"), [
    ("cs", "Nikdo nebyl zraněn"),
    ("sk", "Nikto nebol zranený"),
    ("hr", "Nitko nije ozlijeđen"),
    ("pl", "Nie ma żadnych rannych"),
    ("tr", "Yaralı yok"),
    ("sr", "Повређених нема"),
])
def test_none_hurt_is_read_in_every_language(language: str, text: str) -> None:
    assert _counted(text, language).get("injured") == 0


@pytest.mark.parametrize(("language", "text"), [
    ("es", "El número de muertos asciende a 12"),
    ("pt", "O número de mortos sobe para 7"),
    ("fr", "Le bilan s'alourdit à 9 morts"),
    ("it", "Il numero dei morti è cresciuto a 6"),
    ("de", "Die Zahl der Toten ist auf 8 gestiegen"),
    ("nl", "Het aantal doden is gestegen tot 5"),
    ("uk", "Кількість загиблих зросла до 9"),
    ("sr", "Broj poginulih povećao se na 5"),
    ("sq", "Numri i të vdekurve u rrit në 6"),
    ("tr", "Ölü sayısı 9'a yükseldi"),
    ("ar", "ارتفع عدد القتلى إلى 9"),
])
def test_a_rising_toll_is_read_in_every_language(language: str, text: str) -> None:
    prepared = Text.of(text, "", language)
    assert toll_rises(prepared.folded, prepared.original)


@pytest.mark.parametrize(("language", "text", "part"), [
    ("pt", "O incêndio começou durante a noite", "night"),
    ("es", "El tiroteo de anoche en el centro", "night"),
    ("de", "Kurz nach Mitternacht brach das Feuer aus", "night"),
    ("sr", "Ноћас је избио пожар", "night"),
    ("ru", "Ночной удар по городу", "night"),
    ("pl", "Nad ranem doszło do wybuchu", "morning"),
    ("uk", "На світанку пролунали вибухи", "morning"),
    ("hr", "Poslijepodne je izbio požar", "afternoon"),
    ("hr", "Navečer je izbio požar", "evening"),
    ("ar", "اندلعت اشتباكات بعد ظهر اليوم", "afternoon"),
])
def test_a_part_of_the_day_is_read_in_every_language(language: str, text: str,
                                                     part: str) -> None:
    assert part in times_of_day(_folded(text, language))


def test_this_afternoon_in_arabic_is_not_midday() -> None:
    assert "midday" not in times_of_day(_folded("اندلعت اشتباكات بعد ظهر اليوم", "ar"))


@pytest.mark.parametrize(("language", "title", "target"), [
    ("tr", "Hastanede yangın", "medical"),
    ("nl", "Brand in ziekenhuis", "medical"),
    ("tr", "Okulda silahlı saldırı", "school"),
    ("tr", "İstanbul'da otobüs kazası", "bus"),
    ("nl", "Trein ontspoord bij Utrecht", "train"),
    ("sr", "Воз исклизнуо из шина", "train"),
    ("tr", "Feribotta yangın", "vessel"),
    ("nl", "Explosie in moskee", "worship"),
    ("ru", "Пожар на нефтебазе", "storage"),
    ("tr", "Havalimanında patlama", "station"),
])
def test_a_target_is_read_in_every_language(language: str, title: str, target: str) -> None:
    assert target in targets(_folded(title, language))


@pytest.mark.parametrize(("language", "title"), [
    ("es", "Tres heridos trasladados al hospital tras el choque"),
    ("uk", "Двоє постраждалих у лікарні після вибуху"),
    ("ar", "نقل ثلاثة جرحى إلى المستشفى"),
])
def test_the_hospital_the_hurt_were_taken_to_is_no_target(language: str, title: str) -> None:
    assert "medical" not in targets(_folded(title, language))


@pytest.mark.parametrize(("language", "text"), [
    ("cs", "Další požár vypukl v noci"),
    ("pl", "Kolejny wybuch w centrum"),
    ("tr", "Başka bir patlama"),
    ("sq", "Një tjetër zjarr në qytet"),
])
def test_another_happening_is_set_apart_in_every_language(language: str, text: str) -> None:
    assert sets_apart(_folded(text, language))


def test_the_word_lists_compile_once() -> None:
    # every signing reads the same automatons and tables: built on first use, not per text
    assert facts._kind_automaton() is facts._kind_automaton()
    assert facts._number_pairs() is facts._number_pairs()
    assert facts._compound("nl") is facts._compound("nl")
