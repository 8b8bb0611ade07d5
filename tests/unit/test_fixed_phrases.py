"""Fixed phrases that hold a nation's name or adjective but are not about it (``not_places`` in
config/regions.toml): a roulette, a roller coaster, a pepper, a dog breed. A news sentence that
holds one and names a place of another country is that other country's; where the adjective
does mean the nation ("Russian troops"), it still counts."""

from __future__ import annotations

import pytest

from bot.pipeline.match import Matcher


def regions(matcher: Matcher, text: str, language: str) -> set[str]:
    # a feed says its language; the matcher reads case endings and words by it
    return {hit.region for hit in matcher.match(text, language=language).hits}


# (language, sentence, the other country it is about, the phrase's nation it is not about)
PHRASES = [
    (
        "en",
        "The new rules are double Dutch to farmers in Nebraska, officials admitted.",
        "united-states",
        "netherlands",
    ),
    (
        "en",
        "A Chinese takeaway in Manchester was fined for hygiene failures.",
        "united-kingdom",
        "china",
    ),
    (
        "en",
        "Health officials in Karachi confirmed two deaths from Congo fever this week.",
        "pakistan",
        "democratic-republic-of-the-congo",
    ),
    ("en", "Norway rats overran a market in Lagos, traders said.", "nigeria", "norway"),
    ("es", "Ruleta rusa en los mercados: la Bolsa de Tokio cae un 3%.", "japan", "russia"),
    ("es", "Un restaurante de Monterrey sirve coles de Bruselas con pavo.", "mexico", "belgium"),
    ("es", "Una tienda de Bogotá vendía muñecas rusas falsificadas.", "colombia", "russia"),
    (
        "es",
        "La gripe española mató a miles de personas en Buenos Aires en 1918.",
        "argentina",
        "spain",
    ),
    ("fr", "Roulette russe à la Bourse de Tokyo : le Nikkei perd 3 %.", "japan", "russia"),
    ("fr", "À Montréal, les montagnes russes du parc La Ronde ont rouvert.", "canada", "russia"),
    ("fr", "Un berger allemand a retrouvé un enfant disparu près de Lyon.", "france", "germany"),
    (
        "de",
        "Russisches Roulette an der Börse in Tokio: Der Nikkei verliert drei Prozent.",
        "japan",
        "russia",
    ),
    (
        "de",
        "Auf dem Weihnachtsmarkt in Zürich gab es russische Eier und Toast Hawaii.",
        "switzerland",
        "russia",
    ),
    (
        "de",
        "Die Polizei in Graz sucht einen entlaufenen Deutschen Schäferhund.",
        "austria",
        "germany",
    ),
    ("pt", "Roleta russa na Bolsa de Tóquio: o índice Nikkei cai 3%.", "japan", "russia"),
    ("pt", "Em Lisboa, um pastor alemão salvou uma criança de um incêndio.", "portugal", "germany"),
    ("pt", "Uma loja em Luanda vendia bonecas russas falsificadas.", "angola", "russia"),
    ("it", "Roulette russa sui mercati: la Borsa di Milano perde il 3%.", "italy", "russia"),
    (
        "it",
        "Sulla montagna russa di Gardaland, vicino a Verona, un guasto ha bloccato i turisti.",
        "italy",
        "russia",
    ),
    ("it", "La Procura di Napoli indaga su un sistema di scatole cinesi.", "italy", "china"),
    ("ru", "В Минске подорожал болгарский перец.", "belarus", "bulgaria"),
    (
        "ru",
        "В Ташкенте фермеры собрали рекордный урожай болгарского перца.",
        "uzbekistan",
        "bulgaria",
    ),
    ("ru", "Инвесторы на бирже в Алматы играют в русскую рулетку.", "kazakhstan", "russia"),
    ("ru", "Полиция Минска нашла пропавшую немецкую овчарку.", "belarus", "germany"),
    ("uk", "У Львові подорожчав болгарський перець.", "ukraine", "bulgaria"),
    ("uk", "У Кишиневі зібрали рекордний урожай болгарського перцю.", "moldova", "bulgaria"),
    ("uk", "Інвестори на біржі у Варшаві грають у російську рулетку.", "poland", "russia"),
    ("sr", "Igraju ruski rulet na berzi u Zagrebu.", "croatia", "russia"),
    ("sr", "У Београду је на Ади постављен руски точак.", "serbia", "russia"),
    ("sr", "Полиција у Подгорици пронашла је немачког овчара.", "montenegro", "germany"),
    (
        "sr",
        "U Sarajevu su kupili francuski krevet i turski med.",
        "bosnia-and-herzegovina",
        "france",
    ),
    ("sq", "Qeveria në Tiranë po luan ruletë ruse me buxhetin.", "albania", "russia"),
    ("sq", "Një dyqan në Prishtinë shiste kukullat ruse.", "kosovo", "russia"),
    ("sq", "Gripi spanjoll vrau mijëra njerëz në Shkodër në vitin 1918.", "albania", "spain"),
    ("ar", "لعبة الروليت الروسي في أسواق القاهرة", "egypt", "russia"),
    ("ar", "مطعم في بيروت يقدم السلطة الروسية والقهوة التركية", "lebanon", "russia"),
    ("ar", "حلوى في الرياض محشوة بالفول السوداني", "saudi-arabia", "sudan"),
    ("ar", "سجلت بغداد إصابات جديدة بحمى القرم الكونغو النزفية", "iraq", "republic-of-the-congo"),
    ("de", "Die Pläne der Stadt Graz kommen selbst den Grünen spanisch vor.", "austria", "spain"),
    ("sr", "Radovi na autoputu kod Niša teku kao švajcarski sat.", "serbia", "switzerland"),
    ("pt", "A venda do terreno em Braga foi um negócio da China.", "portugal", "china"),
    ("fr", "Le préfet de Rennes a filé à l'anglaise après la réunion.", "france", "united-kingdom"),
    ("de", "Der Trainer von Rapid Wien machte einen polnischen Abgang.", "austria", "poland"),
    ("sr", "Lopov uhapšen u Nišu sa francuskim ključem u torbi.", "serbia", "france"),
]


@pytest.mark.parametrize(("language", "text", "place", "phrase_nation"), PHRASES)
def test_a_fixed_phrase_is_not_its_nation(
    matcher: Matcher, language: str, text: str, place: str, phrase_nation: str
) -> None:
    found = regions(matcher, text, language)
    assert place in found
    assert phrase_nation not in found


def test_the_turkish_in_an_arabic_turkish_coffee_is_not_turkey(matcher: Matcher) -> None:
    found = regions(matcher, "مطعم في بيروت يقدم السلطة الروسية والقهوة التركية", "ar")
    assert "turkey" not in found


# The same adjectives where they do mean the nation.
CONTROLS = [
    ("en", "Russian troops shelled Kharkiv overnight."),
    ("es", "Tropas rusas atacaron Járkov durante la noche."),
    ("fr", "Des soldats russes ont pris un village près de Donetsk."),
    ("de", "Russische Truppen haben in der Nacht Charkiw beschossen."),
    ("pt", "Tropas russas atacaram Kharkiv durante a noite."),
    ("it", "Le truppe russe hanno bombardato Kharkiv nella notte."),
    ("ru", "Российские войска обстреляли Харьков."),
    ("uk", "Російські війська обстріляли Харків."),
    ("sr", "Руски војници напали су Харков."),
    ("sr", "Ruski vojnici napali su Harkov."),
    ("sq", "Trupat ruse sulmuan Harkivin."),
    ("ar", "القوات الروسية تقصف خاركيف"),
]


@pytest.mark.parametrize(("language", "text"), CONTROLS)
def test_the_adjective_still_counts_where_it_means_the_nation(
    matcher: Matcher, language: str, text: str
) -> None:
    assert "russia" in regions(matcher, text, language)


@pytest.mark.parametrize(
    ("language", "text", "nation"),
    [
        ("en", "Dutch police arrested two men in Rotterdam.", "netherlands"),
        ("ru", "Болгарские фермеры вышли на протест.", "bulgaria"),
        ("de", "Deutsche Soldaten landeten in Litauen.", "germany"),
        ("it", "Le autorità cinesi hanno chiuso il porto.", "china"),
    ],
)
def test_other_nations_adjectives_still_count(
    matcher: Matcher, language: str, text: str, nation: str
) -> None:
    assert nation in regions(matcher, text, language)
