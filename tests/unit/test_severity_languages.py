"""Severity in the languages other than English: each class of phrasing in several languages.

Each case is a kind of sentence the shipped ``severity.toml`` must grade the way the labelled set
does (tests/data/quality/README.md), written afresh here rather than copied from the set, so a
rule that only fits one labelled row fails.
"""

from __future__ import annotations

import pytest

from bot.model import Severity
from bot.pipeline.match import Matcher

CRITICAL, HIGH, MEDIUM, LOW = Severity.CRITICAL, Severity.HIGH, Severity.MEDIUM, Severity.LOW


@pytest.mark.parametrize(("text", "severity"), [
    # A count written as a word, after "at least", before or after its verb.
    ("Au moins vingt personnes ont perdu la vie dans l'incendie", CRITICAL),
    ("Inundaciones matan al menos a quince personas en el norte", CRITICAL),
    ("Enchentes matam pelo menos 12 pessoas no sul", CRITICAL),
    ("Frana sul paese, i morti sono almeno otto", CRITICAL),
    ("Beim Einsturz kamen vier Arbeiter ums Leben", CRITICAL),
    ("Под завалами погибли по меньшей мере шесть человек", CRITICAL),
    ("Унаслідок удару загинули щонайменше п'ятеро людей", CRITICAL),
    ("U sudaru autobusa poginulo je sedam putnika", CRITICAL),
    ("Në aksident humbën jetën katër persona", CRITICAL),
    # the present tense of a headline ("lose their lives")
    ("Aksident në aksin Lushnjë–Fier, humbin jetën katër persona", CRITICAL),
    ("Pri požiari zahynuli traja hasiči", CRITICAL),
    ("Trzy osoby nie żyją po pożarze domu", CRITICAL),
    ("Un pistolero mató a nueve clientes en el bar", CRITICAL),
    ("Enchente deixa catorze mortos no litoral", CRITICAL),
    ("У судару код Чачка погинуле четири особе", CRITICAL),
    # a Croatian drill
    ("Vježba civilne zaštite: simuliran požar u tunelu", LOW),
    ("مقتل 9 أشخاص في انهيار مبنى", CRITICAL),
    ("Des hommes armés ont tué onze civils près de Mopti", CRITICAL),
    ("Pistoleros asesinan a seis jóvenes en Zacatecas", CRITICAL),
    ("Bewaffnete töten in Mali mehr als 30 Dorfbewohner", CRITICAL),
    ("مسلحون يقتلون 14 شخصا في هجوم على قرية", CRITICAL),
    # Compound number words, a count before its verb, "une dizaine".
    ("Mueren veinticinco mineros en una explosión de grisú", CRITICAL),
    ("Beim Brand kamen dreiundzwanzig Bewohner ums Leben", CRITICAL),
    ("Nach dem Beben sind mindestens 40 Menschen in der Region ums Leben gekommen", CRITICAL),
    ("Pelo menos 15 pessoas morreram num desabamento", CRITICAL),
    ("Des hommes armés tuent une dizaine de bergers", CRITICAL),
    ("Nesreća u rudniku: stradalo najmanje 12 rudara", CRITICAL),
    ("لقي ثمانية أشخاص حتفهم في حريق", CRITICAL),
    # Arabic written as people write it: "قتلى" (the text folds it to "قتلي").
    ("ارتفاع عدد قتلى السيول إلى 31 شخصا", CRITICAL),
    ("غرق مركب ومفقودون بالعشرات قبالة السواحل", CRITICAL),
    # "no fewer than": the "не" or "لا" inside it negates nothing.
    ("ما لا يقل عن عشرة قتلى في انفجار مستودع", CRITICAL),
    ("Погибли не менее пяти горняков", CRITICAL),
    # A toll that rises to a count.
    ("La cifra de fallecidos asciende a 23 tras el temporal", CRITICAL),
    ("Число погибших при пожаре выросло до семи", CRITICAL),
    ("Broj mrtvih u poplavama porastao na 14", CRITICAL),
    # Dozens injured.
    ("Десятки поранених після вибуху на заводі", CRITICAL),
    ("Desetine ranjenih u eksploziji na severu", CRITICAL),
    # One or two dead stay high; an age, a year or a road's name is no toll.
    ("Dos muertos en un choque en la A-3", HIGH),
    ("Ein Toter bei Unfall auf der A7", HIGH),
    ("Un ciclista muere atropellado en Sevilla", HIGH),
    ("Il pittore muore a 93 anni nella sua casa", HIGH),
    ("Morreram menos vítimas nas estradas do que na operação de 2019", HIGH),
    # a live page's stamp is a time, not a toll
    ("Update (1340 GMT): two people were killed in the crash", HIGH),
    # a "none" in the count's next clause: the count is of something else
    ("Tërmet godet Durrësin; dëme në disa shtëpi, pa viktima", HIGH),
    # a tornado's damage is a storm's; a diplomat declared unwelcome is a row
    ("Торнадо пошкодило десятки будинків; загиблих немає", HIGH),
    ("Кишинёв объявил персоной нон грата сотрудника посольства", MEDIUM),
    # a count after a comma is the next clause's: the hurt, not more dead
    ("Zwei Arbeiter kamen ums Leben, elf Fahrgäste wurden verletzt", HIGH),
    # a rescue does not undo the dead
    ("Two climbers were killed and a third was rescued after an avalanche", HIGH),
    ("Coastguard rescues 310 people off Crete; two bodies recovered", HIGH),
    # a "none" after a comma denies its own clause only
    ("Землетрясение: повреждены десятки домов, жертв нет", HIGH),
    # troops sent with their count between; a government that falls apart
    ("Bundeswehr verlegt weitere 800 Soldaten nach Litauen", HIGH),
    ("Serbia ka vendosur trupa shtesë pranë kufirit", HIGH),
    ("Federation government in Sarajevo collapses after coalition partner quits", MEDIUM),
    # a report dismissed as fake reports nothing
    ("Romania dismisses reports of a drone crash near Tulcea as fake", LOW),
    # a toll risen "на" a count in Serbian; a trial in a German compound
    ("Број погинулих у судару аутобуса код Зворника порастао на пет", CRITICAL),
    ("Anschlagsprozess: Urteil gegen den Attentäter erwartet", LOW),
    # "dozens" of the detained, not of the hurt; a fake video; navies' joint drill
    ("Dozens detained, several injured as police break up protest", HIGH),
    ("Video of 'missile strike on Riga' is fake, police say", LOW),
    ("Australian and Indonesian navies begin joint drill in the Timor Sea", MEDIUM),
])
def test_casualty_counts_in_every_language(matcher: Matcher, text: str, severity: Severity) -> None:
    found = matcher.match(text)
    assert found.severity is severity, found.reasons


@pytest.mark.parametrize(("text", "severity"), [
    # Armed violence, with its inflections.
    ("Schwere Gefechte zwischen Armee und Milizen im Norden", CRITICAL),
    ("De violents combats opposent l'armée aux rebelles", CRITICAL),
    ("Insurgentes atacaram uma aldeia no norte", CRITICAL),
    ("Неизвестные открыли огонь по автобусу в Махачкале", CRITICAL),
    ("Бомбардовање пута код Пећи", CRITICAL),
    ("Sulm me dron mbi një depo karburanti", CRITICAL),
    ("والقصف متواصل على الأحياء الشرقية", CRITICAL),
    ("Raketový útok na prístav v Odese", CRITICAL),
    # An army takes power: a coup, however it is phrased (taking power alone is not one).
    ("Des militaires prennent le pouvoir à Conakry", CRITICAL),
    ("Militares tomaron el poder en Bolivia", CRITICAL),
    ("الجيش يستولي على السلطة في النيجر", CRITICAL),
    ("Soldaten putschen in Mali", CRITICAL),
    # Kidnapping is hostage taking, in every language.
    ("Des bandits enlèvent quinze élèves au Nigeria", CRITICAL),
    ("Rapiti due cooperanti nel nord del Niger", CRITICAL),
    ("Боевики похитили троих журналистов", CRITICAL),
    ("مسلحون يختطفون سائقين في الصحراء", CRITICAL),
    # The head of a German compound; a state of exception; an army that takes a town.
    ("Gasexplosion in einem Mietshaus in Linz", CRITICAL),
    ("El gobierno decreta el estado de excepción en la capital", CRITICAL),
    ("Российские войска взяли под контроль поселок", CRITICAL),
    ("قوات الدعم السريع تسيطر على مدينة", CRITICAL),
    ("Les rebelles ont repris la ville à l'armée", CRITICAL),
    ("Teheran dementiert jede Beteiligung am Raketenangriff auf Basra", CRITICAL),
    ("Zwei Tote nach Schüssen vor einer Diskothek", CRITICAL),
    ("Zugunglück in Niederbayern", HIGH),
    ("La police interpelle des dizaines de manifestants", HIGH),
    ("Lokführerstreik legt den Bahnverkehr lahm", MEDIUM),
    ("Hackerangriff auf die Stadtverwaltung", MEDIUM),
    ("Migliaia in piazza contro la riforma", MEDIUM),
    # A suicide bombing and a firefight, however they are worded; a storm that did damage.
    ("Un kamikaze si è fatto esplodere davanti a una caserma", CRITICAL),
    ("Scontri a fuoco tra soldati e banditi al confine", CRITICAL),
    ("Unwetter in Bayern: Bäume entwurzelt, Dächer beschädigt", HIGH),
    ("Tempête sur la Bretagne : des milliers de foyers privés d'électricité", HIGH),
    ("Буря повалила деревья в Подмосковье", HIGH),
    # Serbian and Ukrainian strikes as written: "napali", "балістикою", КАБи dropped.
    ("Dronovi napali luku u Izmailu", CRITICAL),
    ("Росіяни вдарили балістикою по Одесі", CRITICAL),
    ("Окупанти скинули КАБи на Херсон", CRITICAL),
    ("Через негоду знеструмлено десятки сіл на Львівщині", HIGH),
    # A ground offensive, terrorists who seize a building, a crash with dozens aboard.
    ("Israel lança ofensiva terrestre no sul do Líbano", CRITICAL),
    ("Террористы захватили здание вокзала", CRITICAL),
    ("Самолет разбился при посадке, на борту было 70 человек", CRITICAL),
    ("Polícia dispara balas de borracha contra estudantes", HIGH),
    # Arabic as headlines write it: gunmen storming, "met their death", rockets that fall.
    ("مسلحون يقتحمون مستشفى في المدينة", CRITICAL),
    ("لقي سبعة عمال مصرعهم في انهيار منجم", CRITICAL),
    ("صواريخ تسقط على ميناء المدينة", CRITICAL),
    ("مسيرة احتجاجية أمام مقر الحكومة", MEDIUM),
    # Dispersed by force, troops sent, riots set off by a verdict (its cause, not its frame).
    ("Polizei löst Kundgebung in Tiflis mit Gewalt auf", HIGH),
    ("Renforts militaires envoyés à la frontière nord", HIGH),
    ("Disturbios en Valencia tras la sentencia del Supremo", HIGH),
    ("Поліція затримала учасників сутичок біля парламенту", HIGH),
    # Serious, not (yet) deadly.
    ("В Херсонской области эвакуируют жителей", HIGH),
    ("Влада наредила да се евакуишу села", HIGH),
    ("Policia qëlloi mbi një automjet në Durrës", HIGH),
    ("Alluvione, centinaia di sfollati in Toscana", HIGH),
    ("Polska zamyka granicę z Białorusią: przejścia zamknięte", HIGH),
    ("La Hongrie ferme sa frontière avec la Serbie", HIGH),
    ("Румунія закрила кордон з Молдовою", HIGH),
    ("السلطات تغلق المعابر مع غزة", HIGH),
    ("Agricultores bloquean carreteras en Aragón", HIGH),
    # Clashes written as a verb.
    ("Tifosi e polizia si scontrano a Napoli", HIGH),
    ("Manifestantes y policías se enfrentan en Quito", HIGH),
    ("Des jeunes s'affrontent avec la police à Nanterre", HIGH),
    ("Nordkorea testet erneut eine ballistische Rakete", HIGH),
    ("Северная Корея запустила баллистическую ракету в сторону Японии", HIGH),
    ("Sirènes et alerte aérienne dans toute l'Ukraine", HIGH),
    ("La polizia usa i lacrimogeni contro i manifestanti a Tbilisi", HIGH),
    # A shooting that wounds is high; one that kills is critical (above).
    ("Tiroteo frente a una discoteca en Rosario, un herido", HIGH),
    ("Sparatoria davanti a un bar di Palermo, ferito un uomo", HIGH),
    ("Стрельба у торгового центра: ранен охранник", HIGH),
    ("Fusillade à Marseille : un blessé grave", HIGH),
    ("Tiroteo en Rosario deja tres muertos", CRITICAL),
    # Security forces' killings in Spanish jargon; a vehicle driven into a crowd.
    ("La Marina abatió a cinco hombres armados en Tamaulipas", CRITICAL),
    # Tension without violence.
    ("Varsovie convoque l'ambassadeur de Russie", MEDIUM),
    ("Madrid expulsa a dos diplomáticos rusos", MEDIUM),
    ("МИД вызвал посла Польши для беседы", MEDIUM),
    ("وزارة الخارجية تستدعي السفير الإيراني", MEDIUM),
    ("Військові навчання ЗСУ біля кордону з Білоруссю", MEDIUM),
    ("Ejercicios militares de la OTAN en Letonia", MEDIUM),
    ("Kosova paralajmëron për përshkallëzim në veri", MEDIUM),
    ("Штормовое предупреждение объявлено в Приморье", MEDIUM),
])
def test_event_classes_in_every_language(matcher: Matcher, text: str, severity: Severity) -> None:
    found = matcher.match(text)
    assert found.severity is severity, found.reasons


@pytest.mark.parametrize(("text", "at_most"), [
    # Remembrance, years later, a simulation, a denial, a negation: graded on what remains.
    ("Se cumplen diez años del atentado en la estación", LOW),
    ("Vor zehn Jahren: der Anschlag auf den Weihnachtsmarkt", LOW),
    ("Рік тому: ракетний удар по Умані", LOW),
    ("Condenan a 40 años al autor del atentado de la estación", LOW),
    ("Gjykata dënon autorët e sulmit në Banjskë", LOW),
    ("Trinta anos depois, a cidade lembra o massacre", LOW),
    ("В Беслане вспоминают погибших в школе", LOW),
    ("Simulacija eksplozije u tunelu: vežba vatrogasaca", LOW),
    ("Esercitazione della protezione civile: simulato un crollo con feriti", LOW),
    ("Katastrophenschutzübung am Flughafen: Absturz eines Jets simuliert", LOW),
    ("محكمة تصدر حكما في قضية تفجير الكنيسة", LOW),
    ("El Gobierno desmiente que haya habido disparos en el puerto", LOW),
    ("Сообщения о стрельбе в аэропорту не подтвердились", LOW),
    ("Никто не пострадал при пожаре на складе", LOW),
    ("لم تسجل إصابات في الحريق", LOW),
    # A fear or a threat grades a word down.
    ("Kiev teme un nuevo ataque masivo con misiles", MEDIUM),
    ("Тегеран угрожает ударом по Израилю", MEDIUM),
    # A plot is high at most, even when the attack word is critical.
    ("Arrestati due uomini: progettavano un attentato", HIGH),
    ("Задержан мужчина, готовивший теракт", HIGH),
    # A word that is something else: "tackle corruption", a crisis staff.
    ("Le gouvernement veut s'attaquer à la fraude fiscale", LOW),
    ("Krízový štáb zasadne v pondelok", LOW),
    ("El partido tomó el poder tras ganar las elecciones", LOW),
])
def test_what_is_not_happening_now_in_every_language(
    matcher: Matcher, text: str, at_most: Severity
) -> None:
    found = matcher.match(text)
    assert found.severity <= at_most, found.reasons


@pytest.mark.parametrize(("text", "severity"), [
    # An air raid alert is a specific threat of an attack, in every case form; the raid
    # itself is critical.
    ("Повітряну тривогу оголосили в усіх областях", HIGH),
    ("Сирены воздушной тревоги звучали два часа", HIGH),
    ("Air-raid sirens sound across the capital", HIGH),
    ("Air raid on the port leaves the terminal in flames", CRITICAL),
    # Tighter checks at a border are no closure.
    ("Polen führt wieder Grenzkontrollen ein", MEDIUM),
    ("Francia refuerza los controles fronterizos con Italia", MEDIUM),
    # A coup in name only is a political row; a coup is critical.
    ("Opposition calls the court's ruling a judicial coup", MEDIUM),
    ("Le président dénonce un coup institutionnel", MEDIUM),
    ("Soldiers seize the state broadcaster in an apparent coup", CRITICAL),
    # Arabic puts the army and its deploying apart; a spreading disease is no army.
    ("قوات الأمن تنتشر في شوارع العاصمة", HIGH),
    ("المرض ينتشر بسرعة بين الأطفال", LOW),
    # A threat of a strike or of sanctions is tension, in every language; the threat's
    # own word hedges nothing.
    ("Odbory hrozí stávkou kvůli mzdám", MEDIUM),
    ("Los sindicatos amenazan con una huelga general", MEDIUM),
    # A grenade thrown is an attack; Spanish "granada" is also the fruit.
    ("Lanzan una granada contra una comisaría", CRITICAL),
    ("El precio de la granada sube en el mercado", LOW),
])
def test_warnings_and_words_that_only_sound_violent(
    matcher: Matcher, text: str, severity: Severity
) -> None:
    assert matcher.match(text).severity is severity


@pytest.mark.parametrize(("text", "severity"), [
    # A count in groups of thousands, as French and German write it, is one number.
    ("Le bilan dépasse les 1 500 morts après le séisme", CRITICAL),
    ("Nach dem Zyklon mehr als 1.200 Tote gemeldet. Helfer suchen weiter", CRITICAL),
    # A stem of another language is no surname's beginning.
    ("Sanchez and Sancho meet for coffee", LOW),
    # A plot foiled or its plotters arrested: high, though the attack was "planned".
    ("Police thwart planned attack on a concert", HIGH),
    ("Three men detained over a plot to bomb a railway", HIGH),
    # A government that falls: a crisis, medium; protests that break out, medium.
    ("The coalition collapsed after a vote of no confidence", MEDIUM),
    ("Protests erupted outside the parliament", MEDIUM),
    # A fire brought under control is graded down; fighting that goes on is critical.
    ("Forest fire under control after three days", MEDIUM),
    ("Fighting continues on the outskirts of the city", CRITICAL),
    # Compounds and paired words in German and Spanish.
    ("Lehrerproteste vor dem Landtag", MEDIUM),
    ("Lkw-Fahrer legen die Autobahn lahm", HIGH),
    ("El gobierno decreta un régimen de excepción en dos provincias", CRITICAL),
    ("Settlers set fire to houses in a village", HIGH),
    # A report said to be false is no event; an arrest over an attack is its follow-up.
    ("Officials say reports of shelling are untrue", LOW),
    ("Teenager arrested over stabbing outside a school", HIGH),
    # Clashes with an armed group are fighting; with the police, unrest.
    ("Army clashes with rebels near the border", CRITICAL),
    ("Fans clash with police after the final", HIGH),
    # A toll that passes a count; an aircraft shot down; a parliament dissolved.
    ("The death toll from the floods has passed 300", CRITICAL),
    ("Rebels shot down an army helicopter near the airport", CRITICAL),
    ("الدفاعات الجوية تعترض صواريخ فوق المدينة", CRITICAL),
    ("The president dissolved parliament on Monday", MEDIUM),
    # People under rubble or trapped by a fire: lives at stake whatever the count.
    ("Nach dem Einsturz werden Bewohner unter den Trümmern vermutet", CRITICAL),
    ("Flood waters rise and villagers are trapped on rooftops", CRITICAL),
    ("Nach dem Unwetter werden mehrere Wanderer vermisst", CRITICAL),
    # An army on its highest alert; arrests at a rally.
    ("L'armée placée en état d'alerte maximale", HIGH),
    ("Police detain dozens at a rally in the capital", HIGH),
    # An airliner that crashes is critical before any count; a small plane is not.
    ("Passenger jet crashed shortly after take-off", CRITICAL),
    ("Small plane crashes in a field, pilot hurt", HIGH),
    # A storm on its way is a warning; once it strikes with damage, high.
    ("Okinawa braces for a typhoon with 200 km/h winds", MEDIUM),
    ("Typhoon smashes the coast, destroying homes", HIGH),
    # A ship on fire, a town besieged, people forced from their homes: high.
    ("Tanker caught fire in the strait", HIGH),
    ("Militias besieged the town for a week", HIGH),
    ("Floods force thousands from their homes", HIGH),
    # Air defences in Ukrainian and Russian; a plot in Portuguese; missile danger in Russian.
    ("Сили ППО збили 12 дронів над областю", CRITICAL),
    ("ПВО сбили ракеты над городом", CRITICAL),
    ("Polícia prende suspeitos de plano de golpe", HIGH),
    ("В области объявлена ракетная опасность", HIGH),
])
def test_counts_plots_crises_and_compounds(matcher: Matcher, text: str, severity: Severity) -> None:
    assert matcher.match(text).severity is severity


@pytest.mark.parametrize(("text", "severity"), [
    # Rockets fired in the passive; an attempt on a leader's life in Slovak.
    ("Sirens sound as rockets are fired from the north", CRITICAL),
    ("Atentát na premiéra v Handlovej", CRITICAL),
    # People buried by an avalanche at any count; not a village that buries its dead.
    ("An avalanche near the resort buried three skiers", CRITICAL),
    ("Lawine verschüttet zwei Skifahrer", CRITICAL),
    ("The village buried its dead on Sunday", HIGH),
    ("A landslide buried the main road overnight; nobody was injured", HIGH),
    # An army's drill is an exercise however it is described.
    ("The army holds a drill simulating a border incursion", MEDIUM),
    ("Schweizer Armee übt den Ernstfall", MEDIUM),
    # Relations broken off, border checks, a confidence vote lost: medium.
    ("Le Maroc et l'Algérie rompent à nouveau le dialogue", MEDIUM),
    ("Hrvatska uvodi kontrole na granici", MEDIUM),
    ("The chancellor loses a confidence vote", MEDIUM),
    # A storm on its way; smoke from a fire elsewhere; a team's comeback.
    ("Coastal towns brace for a nor'easter", MEDIUM),
    ("Wildfire smoke blankets the city, air quality alerts issued", MEDIUM),
    ("Rockets rally past the Nuggets in overtime", LOW),
    # An offensive being prepared has not begun.
    ("The minister says the enemy is preparing a new offensive", MEDIUM),
])
def test_passives_burials_exercises_and_rows(
    matcher: Matcher, text: str, severity: Severity
) -> None:
    assert matcher.match(text).severity is severity


@pytest.mark.parametrize(("text", "severity"), [
    # Dozens hurt; insurgents who raid; an attack on barracks is an armed one; not a police raid.
    ("Trains collide, one dead and dozens hurt", CRITICAL),
    ("Insurgents raid the town again", CRITICAL),
    ("Curfew after an attack on barracks in the capital", CRITICAL),
    ("Army on highest alert after police raid", HIGH),
    # A border closed in Italian and Polish; troops sent in Albanian; clashes with police.
    ("La Tunisia chiude il confine con la Libia", HIGH),
    ("Białoruś zamyka przejście graniczne z Litwą", HIGH),
    ("Serbia vendos trupa në kufi", HIGH),
    ("Протестующие столкнулись с полицией у парламента", HIGH),
    ("Coast guard vessel rammed by a foreign ship", HIGH),
    # People under mud; a gas explosion in Polish; several dead in Croatian.
    ("Frana, dispersi sotto il fango", CRITICAL),
    ("Wybuch gazu w kamienicy, dwie osoby nie żyją", CRITICAL),
    ("Poplave u gradu, više mrtvih", CRITICAL),
    # Parties suspended by a junta; a golfer's wrist injury.
    ("The junta suspends political parties", MEDIUM),
    ("Golfer withdraws from the Masters with wrist injury", LOW),
])
def test_raids_closures_and_sports_injuries(
    matcher: Matcher, text: str, severity: Severity
) -> None:
    assert matcher.match(text).severity is severity


@pytest.mark.parametrize(("text", "severity"), [
    # Dutch and Turkish: counts, shootings that kill, injuries, quakes that damage, threats
    ("Zeven doden bij busongeluk op de A2", CRITICAL),
    ("Schietpartij in Rotterdam-Zuid: één dode", CRITICAL),
    ("Relschoppers bekogelen politie in Utrecht", HIGH),
    ("Boeren blokkeren snelweg bij Groningen", HIGH),
    ("Vakbonden dreigen met landelijke staking", MEDIUM),
    ("Brandweer oefening in de haven van Antwerpen", LOW),
    ("Konya'da trafik kazası: üç kişi hayatını kaybetti", CRITICAL),
    ("İzmir'de bıçaklı saldırı: bir kişi öldü", CRITICAL),
    ("Bursa'da fabrikada yangın, 4 işçi yaralandı", HIGH),
    ("Malatya'da 4,8 büyüklüğünde deprem, bazı evlerde hasar oluştu", HIGH),
    ("Van'da 4,1 büyüklüğünde deprem, yaralı yok", MEDIUM),
])
def test_dutch_and_turkish(matcher: Matcher, text: str, severity: Severity) -> None:
    assert matcher.match(text).severity is severity


@pytest.mark.parametrize(("text", "severity"), [
    # a toll that rises to a count written as a word, in the case its preposition takes
    ("Die Zahl der Toten nach dem Busunglück steigt auf sieben", CRITICAL),
    ("Число жертв пожара возросло до восемнадцати", CRITICAL),
    # an agent detained over sabotage is a plot foiled; a price explosion is no blast
    ("СБУ затримала агента, який готував диверсії на залізниці", HIGH),
    ("Price explosion: coffee hits a record high", LOW),
    ("Paro de transportistas bloquea el puerto de Buenaventura", MEDIUM),
    # Serbian counts its men collectively ("тројица", three men)
    ("Четворица погинулих у експлозији у руднику", CRITICAL),
    ("U sudaru kod Kraljeva poginula četvorica mladića", CRITICAL),
    # a life sentence for a past massacre is a trial, not the massacre
    ("Strage di Ustica, la Cassazione conferma l'ergastolo", LOW),
    ("South Korea scrambles fighter jets as drones cross the border", MEDIUM),
    ("Army troops raid a market in Kidal and detain dozens", HIGH),
    ("Hurricane warning for the Yucatán coast as the storm strengthens", MEDIUM),
    ("Rebels say tankers near the strait will be targeted", MEDIUM),
    ("Këshilli i Sigurimit mbledh takim urgjent për Kosovën", MEDIUM),
])
def test_tolls_plots_counts_and_sentences(
    matcher: Matcher, text: str, severity: Severity
) -> None:
    assert matcher.match(text).severity is severity


@pytest.mark.parametrize(("text", "severity"), [
    # English words that are other languages' alarms are not alarms in English
    ("Crypto staking rules tightened by regulator", LOW),
    ("Luxury brand in China posts record sales", LOW),
    ("Museum shop sells a tote bag for every visitor", LOW),
])
def test_english_words_spelt_like_other_languages_alarms(
    matcher: Matcher, text: str, severity: Severity
) -> None:
    assert matcher.match(text).severity is severity


@pytest.mark.parametrize(("text", "severity"), [
    # A storm on its way stays a warning; streets flooded in Portuguese; a minister ousted.
    ("The city braces for storm as the sea swells", MEDIUM),
    ("Chuvas alagam ruas da cidade", HIGH),
    ("Island election: chief minister ousted", MEDIUM),
    # colour-coded warnings, a forecast landfall, a partner that walks out of a coalition
    ("La AEMET activa el aviso naranja por nevadas en Teruel", MEDIUM),
    ("Defesa Civil emite alerta laranja para ventos fortes em Santa Catarina", MEDIUM),
    ("Typhoon expected to make landfall in Luzon on Sunday", MEDIUM),
    ("Greens quit the coalition over the budget, leaving the premier without a majority", MEDIUM),
    # pickets; farmers blocking a road in Polish; a quake that brought houses down in Arabic
    ("Жители пикетировали администрацию района", MEDIUM),
    ("Rolnicy zablokowali drogę krajową numer 2", HIGH),
    ("زلزال يهدم عشرات المنازل في قرى جبلية", HIGH),
    # an Arabic word joined to its "and" ("ويهدم") is still the word
    ("زلزال قوي يضرب الإقليم ويهدم عشرات المنازل", HIGH),
])
def test_warnings_floods_and_ousters(matcher: Matcher, text: str, severity: Severity) -> None:
    assert matcher.match(text).severity is severity


@pytest.mark.parametrize(("text", "severity"), [
    # A hedge is not about what a clause after "after" reports.
    ("Leader vows to defend the island after Chinese drills", MEDIUM),
    # Artillery fire; rebels who enter a town; a coup attempt, foiled or not.
    ("Two armies trade artillery fire along the border", CRITICAL),
    ("Rebels enter the provincial capital", CRITICAL),
    ("Bénin : tentative de coup d'État déjouée à Cotonou", CRITICAL),
    ("Guiné-Bissau: tentativa de golpe em Bissau", CRITICAL),
    ("President declares emergency in the capital as protests swell", CRITICAL),
    # Troops ordered to a border; drones that crash; a storm surge; a tornado in Polish.
    ("President orders troops to the border", HIGH),
    ("Drones crashed on its territory, the ministry says", HIGH),
    ("Sturmflut an der Küste: Häuser überflutet", HIGH),
    ("Trąba powietrzna zerwała dachy", HIGH),
    # Opponents arrested, a prime minister dismissed, rule extended: medium.
    ("Police arrest opposition leader ahead of vote", MEDIUM),
    ("Le président limoge le Premier ministre", MEDIUM),
    ("Junta extends its rule by five years", MEDIUM),
    # A climate emergency is a policy; a purge after a coup is no coup.
    ("Council declares a climate emergency", LOW),
    ("Government dismisses civil servants in post-coup purge", LOW),
])
def test_clauses_coups_arrests_and_dismissals(
    matcher: Matcher, text: str, severity: Severity
) -> None:
    assert matcher.match(text).severity is severity


@pytest.mark.parametrize(("text", "severity"), [
    # Drones launched in numbers; a military base attacked in Spanish; warning shots.
    ("Russia launched 120 drones overnight; 15 injured", CRITICAL),
    ("El ELN ataca una base militar en Arauca", CRITICAL),
    ("Soldiers cross the border, warning shots fired", HIGH),
    # Storms that leave thousands without power; searches after an attack are its follow-up.
    ("Silné bouřky, tisíce domácností bez proudu", HIGH),
    ("В Дагестане прошли обыски после теракта", HIGH),
])
def test_launches_bases_and_follow_ups(matcher: Matcher, text: str, severity: Severity) -> None:
    assert matcher.match(text).severity is severity


@pytest.mark.parametrize(("text", "severity"), [
    # "Tuesday" is no French "tué"; "blessed" no "blessé".
    ("Power restored after Tuesday's strikes", LOW),
    ("Fans attack the referee's blessed decision", MEDIUM),
    # A gunman hunted; armies that clash; a government toppled in French; a hazard's warning.
    ("Police hunt gunman after a shooting at a mall", HIGH),
    ("Indian and Chinese troops clashed along the border", CRITICAL),
    ("Le Premier ministre renversé par l'Assemblée", MEDIUM),
    ("Premier issues bushfire warnings for the east", MEDIUM),
])
def test_stems_that_met_english_words(matcher: Matcher, text: str, severity: Severity) -> None:
    assert matcher.match(text).severity is severity


@pytest.mark.parametrize(("text", "severity"), [
    # German's fire is not English's brand; Serbian's bridge is not English's "most".
    ("Nike brand sales rise in China", LOW),
    ("Brand in einer Lagerhalle, Feuerwehr im Einsatz", HIGH),
    ("Senate blocked most of the bill", LOW),
])
def test_words_shared_with_english(matcher: Matcher, text: str, severity: Severity) -> None:
    assert matcher.match(text).severity is severity


@pytest.mark.parametrize(("text", "severity"), [
    # Rescuers searching rubble; an attempted murder charged; police firing on protesters in
    # Portuguese; a curfew in Arabic; media suspended.
    ("Rescuers search rubble after the quake", CRITICAL),
    ("Police charge man with attempted murder of the premier", HIGH),
    ("Polícia dispara contra manifestantes", HIGH),
    ("العراق يعلن حظر تجول في كركوك", HIGH),
    ("Le Togo suspend les médias français", MEDIUM),
])
def test_rubble_charges_and_curfews(matcher: Matcher, text: str, severity: Severity) -> None:
    assert matcher.match(text).severity is severity


@pytest.mark.parametrize(("text", "language", "severity"), [
    # a figure after "dead," that counts homes is no toll
    ("Storm leaves one dead, 90,000 homes without power", "en", HIGH),
    # a shooting's attacker in Slovak and Czech, and a killing by police
    ("Streľba v Košiciach: útočník zabil troch ľudí", "sk", CRITICAL),
    ("Man killed by police after a standoff in Ohio", "en", CRITICAL),
    # diplomacy, emergency summits, strikes and votes: tension without violence
    ("Грузия отзывает посла из Минска", "ru", MEDIUM),
    ("الجامعة العربية تعقد قمة طارئة في القاهرة", "ar", MEDIUM),
    ("Stávka lékařů: nemocnice omezují provoz", "cs", MEDIUM),
    ("Sabor izglasao nepovjerenje ministru financija", "hr", MEDIUM),
    ("Congress votes to remove president after scandal", "en", MEDIUM),
    ("Sciame sismico ai Campi Flegrei, scuole chiuse", "it", MEDIUM),
    # aircraft pulled back for the night are no army pulling back: the evacuation stands
    ("Wildfire forces evacuation of villages; aircraft were pulled back at dusk", "en", HIGH),
])
def test_medium_kinds_and_shootings(
    matcher: Matcher, text: str, language: str, severity: Severity
) -> None:
    assert matcher.match(text, language=language).severity is severity


@pytest.mark.parametrize(("text", "language", "severity"), [
    # a quake alone is an alert; with damage (either side of a semicolon), or strong, high
    ("Magnitude 5.4 earthquake strikes off Crete", "en", MEDIUM),
    ("Magnitude 5.9 quake jolts Sumatra; several homes damaged", "en", HIGH),
    ("Magnitude 7.2 earthquake strikes off the Kuril Islands", "en", HIGH),
    ("Землетрясение магнитудой 6,8 произошло у берегов Сахалина", "ru", HIGH),
    ("Terremoto in Umbria, crolli nel centro storico di Norcia", "it", HIGH),
    ("Sismo de magnitud 5,1 sacude Chiapas; no se reportan daños", "es", MEDIUM),
    # a storm that cut power, a fire that gutted a market, a memorial, a planned attack's
    # arrest, a vote to remove a government, a hotel's guests poisoned
    ("Storm cuts power to 50,000 homes in Brittany", "en", HIGH),
    ("Fire guts Lagos market; no deaths reported", "en", HIGH),
    ("У Харкові відкрили меморіал загиблим", "uk", LOW),
    ("Policie zadržela muže, který plánoval útok na školu", "cs", HIGH),
    ("Opozícia iniciuje odvolanie vlády", "sk", MEDIUM),
    ("Dvadesetak gostiju hotela otrovano hranom", "hr", HIGH),
    # strikes on an armed group are air strikes; a labour strike stays medium
    ("Israel strikes Hezbollah weapons depot in the Bekaa", "en", CRITICAL),
    ("Dock workers' strikes shut the port of Antwerp", "en", MEDIUM),
    # political repression and rows: entry bans, parties dissolved, political trials, fraud
    ("Junta dissolves all political parties", "en", MEDIUM),
    ("Serbia bans entry to Croatian lawmakers", "en", MEDIUM),
    ("Court convicts 12 activists in sedition trial", "en", MEDIUM),
    ("Ruling party wins vote amid fraud claims", "en", MEDIUM),
    # an Italian arrest; civil protection reporting deaths is no drill
    ("La Procura di Napoli arresta otto persone", "it", HIGH),
    ("Protección Civil eleva a 12 los fallecidos por las lluvias", "es", CRITICAL),
    # a German knife attack that kills; twenty injured is a score, not dozens
    ("Messerattacke in Rostock: drei Tote", "de", CRITICAL),
    ("Tram collision in Brno leaves 20 injured", "en", HIGH),
    ("Bus crash leaves 30 injured near Graz", "en", CRITICAL),
    # storms that tore roofs or stopped the trains, flooded homes; hazards are warnings
    ("Wichura zerwała dachy na Pomorzu", "pl", HIGH),
    ("Orkan legt Bahnverkehr in Bayern lahm", "de", HIGH),
    ("Ливни в Сочи: подтоплены десятки домов", "ru", HIGH),
    ("Lawinengefahr in Tirol steigt", "de", MEDIUM),
    # "none" after the noun; blocking aid; a court annulling a decision; Arabic's joined "and"
    ("Землетрясение магнитудой 5,1 произошло у Сахалина, разрушений нет", "ru", MEDIUM),
    ("Maďarsko blokuje pomoc Ukrajine", "sk", MEDIUM),
    ("Ustavni sud poništio odluku skupštine", "sr", MEDIUM),
    ("احتجاجات في درعا وقطع طرق رئيسية", "ar", HIGH),
    # a strike that strands travellers is a strike; snow or a storm that strands them is
    # the storm's damage
    ("Ferry strike strands thousands in Piraeus", "en", MEDIUM),
    ("Heavy snow strands hundreds of drivers on the A9", "en", HIGH),
    # a count of the injured after the dead is no toll; a fire that injures dozens; an
    # anniversary "since"; arson in Arabic; people who die of cold
    ("Судар аутобуса код Ниша: двоје мртвих, 15 повређених", "sr", HIGH),
    ("Fire at a warehouse near Chittagong injures 40 workers", "en", CRITICAL),
    ("Aceh marks 20 years since the tsunami", "en", LOW),
    ("مستوطنون يحرقون منازل في بلدة قرب نابلس", "ar", HIGH),
    ("Two die of cold in Kabul as snow cuts off roads", "en", HIGH),
    # a clash and its dead either side of a semicolon are one story
    ("Police clash with protesters in Lahore; three officers killed", "en", CRITICAL),
])
def test_quakes_and_semicolons(
    matcher: Matcher, text: str, language: str, severity: Severity
) -> None:
    assert matcher.match(text, language=language).severity is severity


@pytest.mark.parametrize(("text", "language", "severity"), [
    # an army's exercise in every language: medium, whatever the unit or the word for it
    ("Esercitazione della Brigata Sassari al poligono", "it", MEDIUM),
    ("Le Mali annonce des manœuvres militaires conjointes", "fr", MEDIUM),
    ("Заједничка војна вежба Србије и Русије", "sr", MEDIUM),
    ("Ushtria zhvillon stërvitje ushtarake në Vlorë", "sq", MEDIUM),
    ("تدريبات عسكرية مشتركة بين تركيا وأذربيجان", "ar", MEDIUM),
    # a march or a rally against someone: a protest, medium; "marcha", "marcia" and
    # "piazza" alone are a gear and a square
    ("El líder opositor encabeza una marcha por la paz", "es", MEDIUM),
    ("Marcha pela paz em Bissau reúne milhares", "pt", MEDIUM),
    ("Marche contre la vie chère à Dakar", "fr", MEDIUM),
    ("Großdemo in Wien gegen die Regierung", "de", MEDIUM),
    ("L'opposizione in piazza a Tirana contro il governo", "it", MEDIUM),
    ("Migliaia in marcia a Belgrado contro il governo", "it", MEDIUM),
    ("Марш оппозиции в Москве", "ru", MEDIUM),
    ("Skup opozicije ispred Skupštine", "sr", MEDIUM),
    ("Marshim paqësor në Prishtinë", "sq", MEDIUM),
    ("مسيرة حاشدة في الرباط ضد الغلاء", "ar", MEDIUM),
    ("La puesta en marcha de la nueva línea de metro", "es", LOW),
    ("Concerto in piazza Duomo per Capodanno", "it", LOW),
    ("Il governo mette in marcia la riforma fiscale", "it", LOW),
])
def test_exercises_and_marches_in_every_language(
    matcher: Matcher, text: str, language: str, severity: Severity
) -> None:
    assert matcher.match(text, language=language).severity is severity


@pytest.mark.parametrize(("text", "language", "severity"), [
    # an embargo and tariffs as a dispute between governments: medium, like sanctions
    ("Arms embargo on South Sudan extended for a year", "en", MEDIUM),
    ("Embargo de armas contra Sudán", "es", MEDIUM),
    ("L'UE prolonge l'embargo sur les armes au Mali", "fr", MEDIUM),
    ("Washington impose des droits de douane sur l'acier européen", "fr", MEDIUM),
    ("Waffenembargo gegen Libyen verlängert", "de", MEDIUM),
    ("USA verhängen Strafzölle auf EU-Autos", "de", MEDIUM),
    ("Trump anuncia tarifas sobre o aço brasileiro", "pt", MEDIUM),
    ("Trump annuncia dazi sulle auto europee", "it", MEDIUM),
    ("Эмбарго на поставки оружия в Ливию продлено", "ru", MEDIUM),
    ("США ввели пошлины на китайскую сталь", "ru", MEDIUM),
    ("США запровадили мита на китайські товари", "uk", MEDIUM),
    ("САД увеле царине на српски извоз", "sr", MEDIUM),
    ("Trump vendos tarifa ndaj Kinës", "sq", MEDIUM),
    ("ترامب يفرض رسوما جمركية على الصين", "ar", MEDIUM),
    # threats and warnings in Serbian of both scripts, German and Albanian alert levels
    ("Priština preti Srbiji kontramerama", "sr", MEDIUM),
    ("Ултиматум Београду из Брисела", "sr", MEDIUM),
    ("Издато упозорење због олујног ветра", "sr", MEDIUM),
    ("Crveni meteoalarm za jug Srbije", "sr", MEDIUM),
    ("Alarmstufe Rot wegen Hochwassergefahr", "de", MEDIUM),
    ("Aviso laranja devido ao vento forte no litoral", "pt", MEDIUM),
    ("Alarm i kuq për reshje në jug", "sq", MEDIUM),
    # a fee for a passport and Italian priests are no dispute
    ("Госпошлина за паспорт вырастет", "ru", LOW),
    ("I preti della diocesi in pellegrinaggio", "it", LOW),
])
def test_embargoes_tariffs_threats_and_alerts(
    matcher: Matcher, text: str, language: str, severity: Severity
) -> None:
    assert matcher.match(text, language=language).severity is severity


@pytest.mark.parametrize(("text", "language", "severity"), [
    # an envoy recalled, expelled or summoned, in the verbs each language uses
    ("Österreich ruft seinen Botschafter aus Teheran zurück", "de", MEDIUM),
    ("Lisboa chama o embaixador para consultas", "pt", MEDIUM),
    ("Roma richiama l'ambasciatore in Egitto", "it", MEDIUM),
    ("Россия высылает эстонских дипломатов", "ru", MEDIUM),
    ("Београд повукао амбасадора из Подгорице", "sr", MEDIUM),
    ("المغرب يطرد دبلوماسيين", "ar", MEDIUM),
    ("MAE convoacă ambasadorul Rusiei", "ro", MEDIUM),
    # a government or its head resigns, a coalition breaks up, a vote of no confidence
    ("Dimite el primer ministro de Perú", "es", MEDIUM),
    ("Le Premier ministre démissionne après trois mois", "fr", MEDIUM),
    ("Regierung tritt zurück", "de", MEDIUM),
    ("Il governo si dimette dopo il voto", "it", MEDIUM),
    ("Cade il governo", "it", MEDIUM),
    ("Правительство ушло в отставку", "ru", MEDIUM),
    ("Розпалася правляча коаліція", "uk", MEDIUM),
    ("Премијер поднео оставку", "sr", MEDIUM),
    ("Kryeministri jep dorëheqjen", "sq", MEDIUM),
    ("رئيس الوزراء يقدم استقالته", "ar", MEDIUM),
    ("انهيار الائتلاف الحاكم", "ar", MEDIUM),
    ("انهيار مبنى سكني في الإسكندرية", "ar", HIGH),
    # emergency meetings
    ("Экстренное совещание в Кремле", "ru", MEDIUM),
    ("Термінова нарада у президента", "uk", MEDIUM),
    ("Vanredna sednica vlade zbog odluke Prištine", "sr", MEDIUM),
    ("مجلس الأمن يعقد اجتماعا طارئا", "ar", MEDIUM),
    # opposition parties or a broadcaster banned or suspended
    ("Bamako suspend deux partis d'opposition", "fr", MEDIUM),
    ("El gobierno suspende a dos partidos de oposición", "es", MEDIUM),
    ("Regierung verbietet Oppositionspartei", "de", MEDIUM),
    ("Il governo sospende i partiti d'opposizione", "it", MEDIUM),
    ("РНБО заборонила телеканали", "uk", MEDIUM),
    ("Zabranjen rad opozicione stranke", "sr", MEDIUM),
    ("Qeveria ndalon partinë opozitare", "sq", MEDIUM),
    ("السلطات تحظر حزبا معارضا", "ar", MEDIUM),
    ("Junta suspends two opposition parties", "en", MEDIUM),
])
def test_envoys_resignations_meetings_and_bans(
    matcher: Matcher, text: str, language: str, severity: Severity
) -> None:
    assert matcher.match(text, language=language).severity is severity


@pytest.mark.parametrize(("text", "language", "severity"), [
    # riots and unrest by their local names
    ("Tumultos em Luanda após a subida dos preços", "pt", HIGH),
    ("Масові заворушення в Тбілісі", "uk", HIGH),
    ("أعمال شغب في طرابلس", "ar", HIGH),
    # reservists called up, soldiers placed along a line, combat readiness
    ("Mobilitazione dei riservisti in Israele", "it", HIGH),
    ("تعبئة الاحتياط في إسرائيل", "ar", HIGH),
    ("Vojska Srbije raspoređena uz administrativnu liniju", "sr", HIGH),
    ("Podignuta borbena gotovost vojske", "sr", HIGH),
    # curfews and people moved out of their homes
    ("Запроваджено комендантську годину", "uk", HIGH),
    ("Полицијски час у Приштини", "sr", HIGH),
    ("Ora policore në veri të Kosovës", "sq", HIGH),
    ("Milhares de moradores retirados de casa", "pt", HIGH),
    # arrests over an attack or a plot: the follow-up, high
    ("Drei Festnahmen nach Anschlag in Solingen", "de", HIGH),
    ("Затримано підозрюваних у підготовці теракту", "uk", HIGH),
    ("القبض على خلية كانت تخطط لهجوم", "ar", HIGH),
    # a missile tested, in the verbs each language uses
    ("Pyongyang prueba un nuevo misil", "es", HIGH),
    ("Nordkorea testet neue Rakete", "de", HIGH),
    ("Pyongyang testa novo míssil", "pt", HIGH),
    ("КНДР випробувала нову ракету", "uk", HIGH),
    ("Северна Кореја тестирала ракету", "sr", HIGH),
    ("Koreja e Veriut teston raketë të re", "sq", HIGH),
    # a quake or a storm that did damage: roofs torn off, houses damaged
    ("Un séisme de magnitude 5 endommage des maisons", "fr", HIGH),
    ("Terremoto di magnitudo 5 danneggia case", "it", HIGH),
    ("زلزال بقوة 5 درجات يلحق أضرارا بالمنازل", "ar", HIGH),
    ("Storm tears roofs off houses", "en", HIGH),
    ("Tormenta arranca techos en Buenos Aires", "es", HIGH),
    ("Sturm deckt Dächer ab", "de", HIGH),
    ("Буря зірвала дахи будинків", "uk", HIGH),
    ("Олуја однела кровове у Шапцу", "sr", HIGH),
    ("Stuhia dëmton çatitë e shtëpive", "sq", HIGH),
])
def test_unrest_callups_curfews_tests_and_damage(
    matcher: Matcher, text: str, language: str, severity: Severity
) -> None:
    assert matcher.match(text, language=language).severity is severity


@pytest.mark.parametrize(("text", "language", "severity"), [
    # a party that forbids or asks for a ban is no party banned; roofs that are not torn off
    # are no storm damage
    ("Die Partei verbietet Doppelmitgliedschaften", "de", LOW),
    ("Le parti politique demande l'interdiction du voile", "fr", LOW),
    ("Opozicione stranke traže zabranu skupa", "sr", LOW),
    ("Partido da oposição anuncia candidato", "pt", LOW),
    ("Raspored utakmica Superlige za novu sezonu", "sr", LOW),
    ("Il premier incontra i sindacati a Palazzo Chigi", "it", LOW),
    ("Vlada usvojila nacrt zakona o budžetu", "sr", LOW),
    ("Dimite el presidente del club tras la derrota", "es", LOW),
    ("Arranca la temporada de lluvias en el norte", "es", LOW),
])
def test_bans_resignations_and_roofs_that_are_not(
    matcher: Matcher, text: str, language: str, severity: Severity
) -> None:
    assert matcher.match(text, language=language).severity is severity


@pytest.mark.parametrize(("text", "language", "severity"), [
    # a diplomatic row is the news of its sentence: the attack or the arrest it answers is
    # capped at the row's level (README of the labelled set: graded by the new thing)
    ("Varsóvia convoca embaixador russo após bombardeamento de Lviv", "pt", MEDIUM),
    ("Madrid convoca al embajador ruso tras el bombardeo de Járkov", "es", MEDIUM),
    ("Rome convoque l'ambassadeur après les tirs contre un convoi", "fr", MEDIUM),
    ("Nach Raketenangriff auf Odessa: Wien bestellt den russischen Botschafter ein", "de",
     MEDIUM),
    ("Warsaw summons Belarusian envoy after drone strike on village", "en", MEDIUM),
    ("Vilnius expels diplomat after arrest of two citizens", "en", MEDIUM),
    # the attack in a sentence of its own is still the attack
    ("Russian drone strike kills five in Lviv. Warsaw summons the ambassador.", "en", CRITICAL),
    # a recall written as one phrase is the same pair, and caps the same
    ("Le Mali rappelle son ambassadeur à Alger après l'arrestation de trois soldats", "fr",
     MEDIUM),
    ("Manila recalls envoy, accuses Beijing of sheltering militants", "en", MEDIUM),
    ("Berlin: Botschafter einbestellt nach Festnahme zweier Reporter", "de", MEDIUM),
])
def test_a_diplomatic_row_caps_what_it_answers(
    matcher: Matcher, text: str, language: str, severity: Severity
) -> None:
    assert matcher.match(text, language=language).severity is severity


@pytest.mark.parametrize(("text", "language", "severity"), [
    # an army's exercise caps the troops and attacks of its sentence at medium, the pair of
    # an exercise and an army as well as the words for one
    ("Die Bundeswehr übt mit polnischen Truppen nahe Stettin", "de", MEDIUM),
    ("Marines exercise with Philippine troops near a contested shoal", "en", MEDIUM),
    # practising to repel an attack, in Russian and Ukrainian
    ("Военные отрабатывают отражение атаки диверсантов на границе", "ru", MEDIUM),
    ("Військові відпрацювали відбиття атаки дронів на аеродром", "uk", MEDIUM),
    # an attack told in a sentence of its own stays an attack
    ("Боевики атаковали колонну военных, трое погибших.", "ru", CRITICAL),
])
def test_an_armys_exercise_caps_its_troops_and_attacks(
    matcher: Matcher, text: str, language: str, severity: Severity
) -> None:
    assert matcher.match(text, language=language).severity is severity


@pytest.mark.parametrize(("text", "language", "severity"), [
    # a poisoning told by its noun, as by its participle: people harmed (high)
    ("Trovanje u školskoj kuhinji: dvadeset đaka u bolnici", "sr", HIGH),
    ("Масовно тровање у вртићу у Крагујевцу", "sr", HIGH),
    ("Intoxicação alimentar em casamento leva 30 convidados ao hospital", "pt", HIGH),
    ("Intoxication alimentaire dans une cantine de Lille", "fr", HIGH),
    ("Helmim masiv në një dasmë në Elbasan", "sq", HIGH),
    # a word that only starts the same way is none
    ("Trovanti e trovatori al festival di Spoleto", "it", LOW),
])
def test_a_poisoning_told_by_its_noun(
    matcher: Matcher, text: str, language: str, severity: Severity
) -> None:
    assert matcher.match(text, language=language).severity is severity


@pytest.mark.parametrize(("text", "language", "severity"), [
    # a threat or a danger of an attack is no attack, in Ukrainian as in Russian
    ("На Сумщині загроза атаки дронів, людей просять бути в укриттях", "uk", HIGH),
    ("Небезпека ракетного удару по Києву: мешканців закликають до укриттів", "uk", HIGH),
    ("Угроза атаки дронов на Курск, жителей просят укрыться", "ru", HIGH),
    # the attack itself is still one
    ("Атака дронів на Суми: загинули троє людей", "uk", CRITICAL),
])
def test_a_threat_of_an_attack_in_ukrainian(
    matcher: Matcher, text: str, language: str, severity: Severity
) -> None:
    assert matcher.match(text, language=language).severity is severity


@pytest.mark.parametrize(("text", "language", "severity"), [
    # Russia's counter-terrorist operation regime is a cordon or a siege: high, as a siege
    # without deaths is; the killings that led to it are critical on their own
    ("В Нальчике введён режим КТО, жителей эвакуируют", "ru", HIGH),
    ("В Назрани объявлен режим контртеррористической операции", "ru", HIGH),
    ("Боевики убили троих полицейских, в Нальчике введён режим КТО", "ru", CRITICAL),
])
def test_a_counter_terrorist_regime_is_a_siege(
    matcher: Matcher, text: str, language: str, severity: Severity
) -> None:
    assert matcher.match(text, language=language).severity is severity


@pytest.mark.parametrize(("text", "language", "severity"), [
    # Russian and Ukrainian count the killed as the object of the verb with a collective
    # numeral ("убили семерых"); Arabic says a disaster "claims the lives of" a count
    ("Боевики убили семерых полицейских в Дагестане", "ru", CRITICAL),
    ("Неизвестные расстреляли и убили пятерых охранников рынка", "ru", CRITICAL),
    ("Бойовики вбили п'ятьох військових", "uk", CRITICAL),
    ("عاصفة أودت بحياة خمسة أشخاص في مصر", "ar", CRITICAL),
    ("انهيار منجم يودي بحياة سبعة عمال", "ar", CRITICAL),
])
def test_killed_counted_by_a_collective_numeral_or_claimed_lives(
    matcher: Matcher, text: str, language: str, severity: Severity
) -> None:
    assert matcher.match(text, language=language).severity is severity


@pytest.mark.parametrize(("text", "language", "severity"), [
    # a typhoon or a tornado named in the languages that lacked it is a storm striking, high
    ("Le typhon Haikui touche terre à Taïwan", "fr", HIGH),
    ("Une tornade dévaste un village de l'Oklahoma", "fr", HIGH),
    ("El tifón Doksuri toca tierra en Filipinas", "es", HIGH),
    ("Tufão atinge Hong Kong", "pt", HIGH),
    # French says a storm or a quake "strikes" (frappe) a place: no armed strike
    ("Une tornade a frappé la ville de Moore", "fr", HIGH),
    ("Le cyclone qui a frappé Mayotte", "fr", HIGH),
    ("Un séisme a frappé le nord du Japon", "fr", MEDIUM),
    ("Israël frappe le sud du Liban", "fr", CRITICAL),
])
def test_storms_named_and_storms_that_strike(
    matcher: Matcher, text: str, language: str, severity: Severity
) -> None:
    assert matcher.match(text, language=language).severity is severity


@pytest.mark.parametrize(("text", "language", "severity"), [
    # a report rejected as baseless, invented or false did not happen (README: denied reports
    # are graded on what remains), in the languages beside English's "dismissed as baseless"
    ("Die Regierung weist Berichte über einen Putschversuch als haltlos zurück", "de", LOW),
    ("Le gouvernement qualifie de sans fondement les rumeurs de coup d'État", "fr", LOW),
    ("El gobierno tacha de infundados los rumores de golpe de Estado", "es", LOW),
    ("Il ministero: notizie false sull'esplosione al porto", "it", LOW),
    ("Сообщения о взрыве на заводе не соответствуют действительности", "ru", LOW),
    ("الحكومة: أنباء الانقلاب عارية عن الصحة", "ar", LOW),
])
def test_reports_rejected_as_baseless(
    matcher: Matcher, text: str, language: str, severity: Severity
) -> None:
    assert matcher.match(text, language=language).severity is severity


@pytest.mark.parametrize(("text", "language", "severity"), [
    # people made to leave their homes are evacuated (high), as English's "from their homes";
    # told to be ready to leave, they are warned (medium)
    ("Waldbrand: Hunderte Bewohner müssen ihre Häuser verlassen", "de", HIGH),
    ("Incendie : 2 000 habitants ont dû quitter leur domicile", "fr", HIGH),
    ("Cientos de familias abandonaron sus casas por la crecida", "es", HIGH),
    ("Жители трех сел покинули свои дома", "ru", HIGH),
    ("Les riverains doivent se tenir prêts à quitter leurs maisons", "fr", MEDIUM),
    ("Vecinos, listos para abandonar sus casas", "es", MEDIUM),
])
def test_people_made_to_leave_their_homes(
    matcher: Matcher, text: str, language: str, severity: Severity
) -> None:
    assert matcher.match(text, language=language).severity is severity


@pytest.mark.parametrize(("text", "language", "severity"), [
    # Albanian's present "die" and "drown" of a headline, and German's "in den Tod", with a
    # count of three or more
    ("Katër emigrantë u mbytën pranë brigjeve të Korfuzit", "sq", CRITICAL),
    ("Aksident në autostradë, vdesin pesë të rinj", "sq", CRITICAL),
    ("Tre peshkatarë mbyten në liqenin e Ohrit", "sq", CRITICAL),
    ("Lawine reißt vier Bergsteiger in den Tod", "de", CRITICAL),
])
def test_albanian_die_and_drown_and_german_in_den_tod(
    matcher: Matcher, text: str, language: str, severity: Severity
) -> None:
    assert matcher.match(text, language=language).severity is severity


@pytest.mark.parametrize(("text", "language", "severity"), [
    # Arabic names the loss of many people first ("فقدان 40 مهاجرا"); lost money or jobs are
    # no one missing
    ("فقدان 40 مهاجرا بعد غرق مركب قبالة سواحل تونس", "ar", CRITICAL),
    ("غرق مركب صيد وفقدان عشرات البحارة", "ar", CRITICAL),
    ("فقدان 30 مليون دولار من خزينة البلدية", "ar", LOW),
])
def test_arabic_loss_of_many(
    matcher: Matcher, text: str, language: str, severity: Severity
) -> None:
    assert matcher.match(text, language=language).severity is severity


@pytest.mark.parametrize(("text", "language", "severity"), [
    # Arabic "انقلاب" is a coup and an overturning: a bus or a boat overturned is an accident
    # (high), critical only with many aboard ("يقل 40", carrying forty)
    ("انقلاب حافلة ركاب على طريق أسيوط", "ar", HIGH),
    ("انقلاب قارب صيد قبالة سواحل صفاقس", "ar", HIGH),
    ("انقلاب مركب يقل 40 مهاجرا قبالة ليبيا", "ar", CRITICAL),
    ("انقلاب عسكري في النيجر", "ar", CRITICAL),
])
def test_arabic_overturned_is_no_coup(
    matcher: Matcher, text: str, language: str, severity: Severity
) -> None:
    assert matcher.match(text, language=language).severity is severity
