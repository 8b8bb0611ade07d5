"""Is a new update the same event as an earlier one, and which event does it join?

Pure: two signatures in, a ``Comparison`` out; a signature and the recent candidates in, a
``Joined`` out. The store picks the candidates (the updates of the last ``window`` that share a
region with the new one) and records the answer; ``explain`` prints the comparison's reasons.

The decision weighs what the texts share against what sets them apart:

- the **overlap** of their shingles (``shingles.overlap``): 1 for a copy, about 0.3 for a
  rewrite by another outlet, under 0.15 for two stories of one city;
- a **place** below a country in both (the city, the district, the crossing) is strong
  evidence; two reports that each name such places and share none are two events (floods in
  Porto Alegre and in Recife), unless their words say otherwise;
- the **kinds** of event (``lexicon.KINDS``): sharing one adds a little, and two reports whose
  kinds are both known and share none (a bombing, a shooting) are two events unless their
  words say otherwise;
- the **names** (people, groups, agencies) and the **figures** both give: each shared one adds
  a little, and they are what lets a report in another language join;
- the **time**: never more than ``window`` apart (issue 14: 6 hours by default), but for a
  later report saying the death toll of a place both name rose, higher than the earlier
  report's, which may come up to twice that later; and two reports of one kind within the
  hour, with nothing against them, count a little more.
- a report that **sets its happening apart** ("a separate fire") from one reported before
  is not that one, whatever place and kind it names to say so.

A new casualty figure is no reason for a different event: "toll rises to 23" is the same
bombing, and ``Adds`` says what it brings that the event did not have.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import timedelta

from bot.events.facts import may_contain, place_keys, same_place
from bot.events.lexicon import GOING_ON, MOMENTARY, RELATED
from bot.events.shingles import overlap
from bot.events.signature import Signature
from bot.model import Severity

#: how far apart two reports of one event may be (issue 14's default; ``bot.toml`` may set it)
DEFAULT_WINDOW = timedelta(hours=6)
#: the evidence (``Comparison.score``) at which two updates are one event; tuned with the
#: weights below on the dev split of tests/data/events (docs/EVENTS.md)
THRESHOLD = 0.4

# What each kind of evidence adds to the overlap of the words.
_PLACE = 0.15
_KIND = 0.2
_NAME = 0.1
_NUMBER = 0.2
#: names and figures shared count at most this many times each
_MOST_SHARED = 3
#: reports in two languages share few words whatever they say: a place and a kind in common
#: are what the words would have added
_OTHER_LANGUAGE = 0.2
#: within this many hours: outlets translate one another within the first hours; later, a
#: report in another language of one kind in one city is as often another happening there
#: (a stabbing at Cologne's station and a knife fight in Kalk five hours later), unless it
#: gives a higher toll than the earlier (the toll of a strike said to rise, in Russian)
_OTHER_LANGUAGE_HOURS = 3.0
#: what a conflict of places and of kinds takes away
_PLACE_CONFLICT = 0.4
_KIND_CONFLICT = 0.3
#: what naming, in one city, different places of it takes away ("Ribeira" / "Campanhã")
_DISTRICT_CONFLICT = 0.3
#: what two quakes' magnitudes a whole step apart take away (a magnitude is revised by
#: tenths; an aftershock is smaller by a step or more)
_MAGNITUDE_CONFLICT = 0.4
#: how far apart two magnitudes must be to be two quakes
_MAGNITUDE_STEP = 0.5
#: what titles naming different targets take away ("clinic" / "industrial plant")
_TARGET_CONFLICT = 0.3
#: what leads naming parts of the day with none in common take away ("am Morgen" /
#: "vanavond")
_TIME_CONFLICT = 0.3
#: what titles naming one class of target add, with a kind in common and nothing against
_TARGET = 0.1
#: what a later report with fewer dead than an earlier one takes away
_FEWER_DEAD = 0.2
#: what a later report saying no one was hurt, of a toll the earlier gave, takes away
_NONE_LATER = 0.3
#: what hurt people, hours after "no one was hurt" in an attack's report, take away
_HURT_AFTER_NONE = 0.3
#: the hours after which an attack's toll is known, so a new one is another attack
_ATTACK_TOLL_HOURS = 3.0
#: what one report setting its happening apart from another ("a separate fire") takes away
_APART = 0.3
#: what a later report saying the toll of a place both name rose, above the earlier's, adds
_TOLL_RISES = 0.1
#: an overlap of words at which conflicts of place and kind no longer count: the same text
_SAME_WORDS = 0.6
#: what sharing a kind within this many hours, with nothing against, adds
_NEAR = 0.1
_NEAR_HOURS = 1.0
#: how many windows apart a later, higher death toll of the same place may still join
_TOLL_REACH = 2
#: past the window, with something against it, the evidence is held this far below the
#: threshold (the reach past the window is for a toll with nothing against it)
_PAST_WINDOW_MARGIN = 0.01


@dataclass(frozen=True, slots=True)
class Adds:
    """What a new update says that the event it joins did not: what makes it worth a post."""

    #: the new update's severity, where it is higher than the event's
    severity: Severity | None = None
    #: (category, the event's highest figure or None, the new one) where the new one is higher
    casualties: tuple[tuple[str, int | None, int], ...] = ()
    #: places (folded as written) that no report of the event named
    places: frozenset[str] = frozenset()

    @property
    def matters(self) -> bool:
        """Post it as an escalation (issue 14) rather than only naming its source."""
        return bool(self.severity or self.casualties or self.places)

    def describe(self) -> tuple[str, ...]:
        out = []
        if self.severity is not None:
            out.append(f"severity rises to {self.severity.label}")
        for category, old, new in self.casualties:
            out.append(f"{category}: {new}" + (f" (was {old})" if old is not None else ""))
        if self.places:
            out.append("new place: " + ", ".join(sorted(self.places)))
        return tuple(out)


@dataclass(frozen=True, slots=True)
class Comparison:
    """Whether two updates report the same event, and why (what ``explain`` shows)."""

    same: bool
    #: the combined evidence ``same`` was decided on (``THRESHOLD`` or more is the same event)
    score: float
    #: how much of the shorter text's shingles the other shares, 0 to 1
    similarity: float
    #: how far apart in time, in hours
    hours: float
    places: frozenset[str] = frozenset()
    actors: frozenset[str] = frozenset()
    numbers: frozenset[str] = frozenset()
    kinds: frozenset[str] = frozenset()
    #: why not, when a rule ruled it out or weighed against it
    against: tuple[str, ...] = ()
    #: what the new update adds over the earlier one (worked out only when ``same``)
    adds: Adds = field(default_factory=Adds)

    def reasons(self) -> tuple[str, ...]:
        verdict = "same event" if self.same else "different event"
        out = [f"{verdict}: evidence {self.score:.2f} (threshold {THRESHOLD}), "
               f"words {self.similarity:.2f}, {self.hours:.1f} h apart"]
        for label, values in (("places", self.places), ("names", self.actors),
                              ("figures", self.numbers), ("kinds", self.kinds)):
            if values:
                out.append(f"shared {label}: {', '.join(sorted(values))}")
        out.extend(self.against)
        out.extend(f"adds {a}" for a in self.adds.describe())
        return tuple(out)


def compare(new: Signature, old: Signature, *, window: timedelta = DEFAULT_WINDOW) -> Comparison:
    """Do ``new`` and ``old`` report the same event? Symmetric in everything but ``adds``."""
    return _in_full(new, old, _weigh(new, old, window))


#: a comparison without the shared place names and ``adds``, and whether a place is shared
_Weighed = tuple[Comparison, bool]
#: what ``_evidence`` found: the score (as weighed, and rounded as ``Comparison`` keeps it),
#: the overlap of words, the hours apart, the shared names, figures and kinds, what weighed
#: against, and whether a place is shared
_Evidence = tuple[float, float, float, float, frozenset[str], frozenset[str], frozenset[str],
                  tuple[str, ...], bool]


def _weigh(new: Signature, old: Signature, window: timedelta) -> _Weighed:
    """The evidence as a comparison, without the shared place names and ``adds``."""
    return _weighed(_evidence(new, old, window))


def _weighed(evidence: _Evidence) -> _Weighed:
    score, rounded, similarity, hours, actors, numbers, kinds, against, shared_place = evidence
    return Comparison(
        same=score >= THRESHOLD, score=rounded, similarity=round(similarity, 4), hours=hours,
        actors=actors, numbers=numbers, kinds=kinds, against=against,
    ), shared_place


def _evidence(new: Signature, old: Signature, window: timedelta) -> _Evidence:
    """The evidence, cheaply: sets of precomputed keys are intersected. ``join`` weighs every
    candidate this way and works out the rest (``_in_full``: place names matched by their
    spellings, what the update adds) for the closest one only; doing it for each candidate
    that reached the threshold was half of clustering's cost (bench/cluster_bench.py). Plain
    values, not a ``Comparison``: building one per candidate was a third of ``join``'s time."""
    gap = abs(new.at - old.at)
    hours = gap.total_seconds() / 3600
    shared_place = _place_meeting(new, old)
    by_region = shared_place and _by_region_only(new, old)
    if by_region:
        # "Shelling of Shostka … in Sumy region" and "Missile hits central Sumy": they meet
        # only by the region one of them names around its own town, which the other does not
        # name: two towns, a conflict of places (sixteenth round)
        shared_place = False
    before, after = _tolls(new, old)
    if gap > window and not (
        # a death toll keeps rising after the event's own reports have stopped ("toll rises
        # to 37", 7.5 h after the raid): a later report that says so, of a place both name,
        # may come later. So may a first toll of a happening that lasts (a storm, a flood, a
        # protest, a siege), when the earlier report gave none, not even "no one was hurt"
        # ("27 dead" the evening after a hurricane's landfall, after tear gas at a protest).
        # An attack is over in a moment and recurs: a toll given plainly hours after it, or
        # after "no casualties", is as often another attack on the city (Odesa's night drone
        # strike and the morning missile strike, "kills 3", 8 h later; Sadr City's car bomb
        # and Dora's roadside bomb, 10 h later; Peshawar's mosque blast, told without a toll,
        # and a roadside bomb that killed four, 7 h later)
        gap <= reach(window) and shared_place
        and ((after and after > (before or 0)
              and ((_later(new, old).rises and not _no_one_hurt(_in_order(new, old)[0]))
                   or (before is None and _uncounted(new, old)
                       and _lasting(new.kinds, old.kinds))))
             # (twenty-first round) a happening that goes on (a bushfire that burns into a
             # town by evening), with a name in common as well as the place
             or (_going_on(new.kinds & old.kinds, new.kinds | old.kinds)
                 and not _names_apart(new, old)))
    ):
        return (0.0, 0.0, 0.0, hours, _NONE, _NONE, _NONE,
                (f"more than {window.total_seconds() / 3600:g} h apart",), False)
    similarity = overlap(new.sketch, new.size, old.sketch, old.size)
    kinds = new.kinds & old.kinds
    score = similarity
    against: list[str] = []
    apart = new.apart != old.apart and similarity < _SAME_WORDS and not _same_toll(new, old)
    if apart:
        # "a separate fire destroyed a warehouse … as firefighters were stretched by the
        # wildfire near Viña del Mar": the report names the other's place and kind only to
        # tell them apart, so the place it shares is no evidence. (When both say so, they
        # may well be two reports of that separate happening.)
        score -= _APART
        against.append("one report sets its happening apart from another")
    consequence = new.consequence != old.consequence and similarity < _SAME_WORDS
    if consequence:
        # (twenty-third round) "Giza governor suspends officials after building collapse"
        # beside the collapse's toll: what an authority did after a happening is its own
        # news, though it names the happening's place, kind and toll
        score -= _APART
        against.append("one report tells of a consequence of a happening")
    if shared_place:
        # (twenty-fifth round) a consequence names the happening's place and toll to say
        # which happening it follows ("Police minister visits Soweto tavern … where seven
        # were shot dead"): neither is evidence, as for a report that sets its own apart
        score += 0 if apart or consequence else _PLACE
    elif by_region and similarity < _SAME_WORDS:
        score -= _PLACE_CONFLICT
        against.append(
            f"different places: {', '.join(sorted(new.places))} / "
            f"{', '.join(sorted(old.places))} (one names the other's only as its region)"
        )
    elif (new.place_ids and old.place_ids and similarity < _SAME_WORDS
          and ((new.place_ids.isdisjoint(old.place_ids)
                and (not _nested(new.place_ids, old.place_ids) or _towns_apart(new, old)))
               or (_siblings_apart(new, old) and not _nested(
                   new.place_ids - old.place_ids, old.place_ids - new.place_ids)))
          and not _misread_abroad(new, old)):
        # (one subdivision key in both is no shared place: it is the same subdivision in two
        # spellings, Bayern and Bavaria, or two siblings, Cauca and Antioquia, and the
        # gazetteer cannot tell which; their names can: ``_siblings_apart``)
        # only places the gazetteer sizes (cities, provinces): a curated term may be a person;
        # and not a county and its nation ("gusts to Wales" / "trees down in Pembrokeshire");
        # nor places of two countries with a name or a figure in common (``_misread_abroad``)
        score -= _PLACE_CONFLICT
        against.append(
            f"different places: {', '.join(sorted(new.places))} / {', '.join(sorted(old.places))}"
        )
    if shared_place and similarity < _SAME_WORDS:
        districts = _districts_apart(new, old)
        if districts:
            # one city, and each names a place of it the other does not (a district, a
            # neighbourhood): two happenings of the city (a warehouse fire in Ribeira and one
            # in Campanhã; shootings in Englewood and in Austin, fifteenth round)
            score -= _DISTRICT_CONFLICT
            against.append(f"different districts: {districts[0]} / {districts[1]}")
    if kinds:
        score += _KIND
    elif (new.kinds and old.kinds and similarity < _SAME_WORDS
          and not _related(new.kinds, old.kinds)):
        # (kinds one happening often has together are no conflict: "missile strike" and
        # "explosions in Odesa", "derrumbe" and "landslide", "siege" and "gunfire")
        score -= _KIND_CONFLICT
        against.append(
            f"different kinds: {', '.join(sorted(new.kinds))} / {', '.join(sorted(old.kinds))}"
        )
    magnitudes_apart = _magnitudes_apart(new, old)
    if magnitudes_apart:
        # "a magnitude 5.9 earthquake" and "M 4.8 - 28 km NE of Taroudant" three hours
        # later: the same place and kind, but a quake and its aftershock (sixteenth round).
        # (Twenty-ninth round) Words in common do not outweigh it: a seismic agency tells
        # every quake of a zone in one template ("Terremoto ML 4.6 Campi Flegrei (Napoli)",
        # "Terremoto ML 3.9 Campi Flegrei (Napoli)" five hours later), whose words, zone and
        # date are the template's, no evidence of one quake
        score -= _MAGNITUDE_CONFLICT
        against.append("different magnitudes: "
                       f"{_magnitude_list(new)} / {_magnitude_list(old)}")
    if (new.targets and old.targets and new.targets.isdisjoint(old.targets)
            and similarity < _SAME_WORDS):
        # their titles name what was struck, and nothing in common: a clinic and an
        # industrial plant, a tram depot and a flat, farmers and teachers (``facts.targets``)
        score -= _TARGET_CONFLICT
        against.append(
            f"different targets: {', '.join(sorted(new.targets))} / "
            f"{', '.join(sorted(old.targets))}"
        )
    if (new.times and old.times and new.times.isdisjoint(old.times)
            and similarity < _SAME_WORDS and not (after and after > (before or 0))
            and not _later(new, old).rises):
        # their leads say when: a shooting "this morning" and one "this evening" in one city
        # are two. Not for a later report with more dead, which tells when they died ("two
        # of the injured died in the evening")
        score -= _TIME_CONFLICT
        against.append(
            f"different times of day: {', '.join(sorted(new.times))} / "
            f"{', '.join(sorted(old.times))}"
        )
    if kinds and new.language != old.language and not magnitudes_apart and (
            # (thirtieth round) not two quakes by their magnitudes: "terremoto di magnitudo
            # ML 3.9" and "el terremoto de magnitud 4,6" are two quakes of one zone, told in
            # two languages; the languages are no evidence of one
            hours <= _OTHER_LANGUAGE_HOURS or (after and after > (before or 0))
            or _more_hurt_said(new, old)
            # (twenty-first round) a happening that lasts (a fire, a flood, a storm) is
            # reported in other languages for as long as it goes on
            or (shared_place and _going_on(kinds, new.kinds | old.kinds))):
        if shared_place:
            score += _OTHER_LANGUAGE
        elif _nowhere_apart(new, old):
            # no place to differ by: half as much ("UK prime minister resigns" / "la Première
            # ministre britannique démissionne")
            score += _OTHER_LANGUAGE / 2
    if kinds and hours <= _NEAR_HOURS and not against:
        # two outlets telling one happening in their own words within the hour ("British
        # prime minister resigns after 45 days" / "PM quits: leadership contest …"): of one
        # kind, in one region, that close, and nothing against, they are most often one
        score += _NEAR
    if (kinds and new.language != old.language and not against
            and not new.targets.isdisjoint(old.targets)):
        # in two languages, whose words share little, their titles say the same kind of
        # thing was struck (a block of flats: "panelák", "Plattenbau"): a little evidence, as
        # different ones are against. (In one language the words already count it)
        score += _TARGET
    actors = new.actors & old.actors
    numbers = _counting_alike(new, old, new.numbers & old.numbers)
    if (not kinds and shared_place and new.language != old.language
            and (numbers or (after and after > (before or 0) and _later(new, old).rises))
            and (not new.kinds or not old.kinds) and hours <= _OTHER_LANGUAGE_HOURS
            and not against):
        # one of them names no kind the lexicon reads ("un ataque en la estación central de
        # Colonia"): a place and a figure in common, in two languages within the first
        # hours, stand for the kind, at half the weight; so does a later report saying the
        # toll rose above the earlier's ("l'un des blessés de la Part-Dieu est mort" after
        # "three wounded in knife attack at Lyon train station"), which speaks of a
        # happening reported before
        score += _OTHER_LANGUAGE / 2
    if before and after and after < before and new.at != old.at and not numbers:
        # a toll only rises: fewer dead hours later, and no figure in common, is another
        # attack (Peshawar's mosque bombing, 41 dead, and a roadside bomb that killed four)
        score -= _FEWER_DEAD
        against.append(f"fewer dead than reported earlier: {after} after {before}")
    fewer = _fewer_hurt(new, old)
    if fewer and new.at != old.at and not numbers:
        # the hurt are counted up as the dead are: fewer hurt hours later, no figure in common
        # and no word of a toll that rose, is another happening (a gas blast with 12 hurt in
        # the morning, a bus crash with three hurt in the afternoon)
        score -= _FEWER_DEAD
        against.append(f"fewer injured than reported earlier: {fewer[1]} after {fewer[0]}")
    gone = _said_none_later(new, old)
    if gone and not numbers:
        # hurt people stay hurt: "no injuries" hours after "two injured" in the same city is
        # another happening (a parked car blown up in Tirana's Kombinat after a café bomb in
        # Blloku), not a correction
        score -= _NONE_LATER
        against.append(f"no {gone} in the later report, some in the earlier")
    earlier, later = _in_order(new, old)
    if later.rises and _no_one_hurt(earlier) and not numbers and new.at != old.at:
        # (eighteenth round) a toll said to rise rose from its own happening's first figure:
        # not from a report that said no one was hurt (a landslide that shut a highway, "no
        # one was hurt", and "the dead of the avalanche in Salgar rise to seven", 2.6 h later)
        score -= _NONE_LATER
        against.append("a toll said to rise, after a report that said no one was hurt")
    hurt = _hurt_after_none(new, old)
    if (hurt and hours > _ATTACK_TOLL_HOURS and not MOMENTARY.isdisjoint(kinds)
            and not _later(new, old).rises):
        # an attack is over in a moment and its toll known within hours: "two injured" more
        # than three hours after "no injuries" in the same city is another attack (a café
        # bomb in Tirana's Blloku after a parked car blew up in Kombinat), unless the later
        # says the toll rose. A fire or a storm goes on hurting people (Beirut's port fire)
        score -= _HURT_AFTER_NONE
        against.append(f"{hurt} hours after an attack's report said none")
    if (((after and after > (before or 0) and _later(new, old).rises)
            or _more_hurt_said(new, old))
            and (shared_place or _nowhere_apart(new, old)) and not apart):
        # "death toll from Borno village raid rises to 37" speaks of a raid already reported
        # there, with fewer dead: the rewrites of the first report share few of its words.
        # So does one that names no place the other could differ by ("Chersoń: wzrosła
        # liczba ofiar", a city the matcher does not read in Polish)
        score += _TOLL_RISES
    score += _NAME * min(len(actors), _MOST_SHARED)
    score += 0 if consequence else _NUMBER * min(len(numbers), _MOST_SHARED)
    if gap > window and against and score >= THRESHOLD:
        # past the window a report joins by its toll alone (above): with anything against
        # it as well (another target, another part of the day, fewer hurt), it is another
        # happening of the place. A night drone strike on a warehouse, "no one was hurt",
        # and "death toll from missile strike on apartment block rises to four" 11 h later
        # (fifteenth round)
        score = THRESHOLD - _PAST_WINDOW_MARGIN
        against.append(f"more than {window.total_seconds() / 3600:g} h apart, and set apart")
    if magnitudes_apart and similarity >= _SAME_WORDS:
        score = min(score, 0.0)  # two quakes in one template (above)
    return (score, round(score, 4), similarity, hours, actors, numbers, kinds, tuple(against),
            shared_place)


_NONE: frozenset[str] = frozenset()



def _counting_alike(new: Signature, old: Signature, shared: frozenset[str]) -> frozenset[str]:
    """(twenty-second round) The shared figures that count the same in both: the same people
    ("2 dead" and "two killed"), or people in neither ("600 homes"). Two injured in a café
    in Ankara and a second victim dead in Istanbul, 15 hurt when two trams collided and a
    mine accident that hurt two, a quake's three injured and its aftershock's depth of 3 km
    share a figure that counts two things."""
    if not shared or not (new.tolls or old.tolls):
        return shared
    return frozenset(n for n in shared if _alike(new, old, n))


def _counts(signature: Signature, figure: str) -> frozenset[str]:
    suffix = f":{figure}"
    return frozenset(t.partition(":")[0] for t in signature.tolls if t.endswith(suffix))


def _alike(new: Signature, old: Signature, figure: str) -> bool:
    a, b = _counts(new, figure), _counts(old, figure)
    if a and b:
        return not a.isdisjoint(b)
    # one counts it as the dead or the hurt, the other does not count it so but gives a
    # count of those of its own: it is another count
    counting, other = (a, old) if a else (b, new)
    return not any(other.casualty(c) is not None for c in counting)


def _magnitudes(signature: Signature) -> frozenset[float]:
    """The figures of a quake's report that read as magnitudes: a unit and one decimal, from
    2.0 to 9.9 ("5.9", "4,8" as ``facts.numbers`` keeps it, "4.8"). None for other kinds."""
    if "quake" not in signature.kinds:
        return frozenset()
    return frozenset(float(n) for n in signature.numbers
                     if len(n) == 3 and n[1] == "." and n[0] in "23456789" and n[2].isdigit())


def _magnitudes_apart(new: Signature, old: Signature) -> bool:
    """Both give a quake's magnitude, and none of one is within ``_MAGNITUDE_STEP`` of one of
    the other: two quakes, not one revised (5.8 and 5.9 are one; 5.9 and 4.8 are two)."""
    a, b = _magnitudes(new), _magnitudes(old)
    return bool(a and b) and all(abs(x - y) >= _MAGNITUDE_STEP for x in a for y in b)


def _magnitude_list(signature: Signature) -> str:
    return ", ".join(f"{m:g}" for m in sorted(_magnitudes(signature)))


def _same_toll(new: Signature, old: Signature) -> bool:
    """(seventeenth round) Both give the same casualties, and some: "a second bomb in a day
    in Kirkuk province wounded five people in Tuz Khurmatu" sets its happening apart from the
    market blast, and the Arabic report of the Tuz Khurmatu bomb, five hurt, does not need
    to. The same toll is the happening the set-apart report tells, not the one it names.
    (Eighteenth round) The same in every category both give, not in every category one
    gives: "another explosion in Baghdad … two officers killed" and the Arabic report of
    the roadside bomb, two police killed and three hurt, tell one toll."""
    a, b = dict(new.casualties), dict(old.casualties)
    common = a.keys() & b.keys()
    return bool(common) and all(a[c] == b[c] for c in common) and any(a[c] for c in common)


def _lasting(a: frozenset[str], b: frozenset[str]) -> bool:
    """Both name a kind, none of them an attack (``lexicon.MOMENTARY``), and they share one or
    their kinds are neighbours; or both name a siege, an attack that lasts however it began
    (``_besieged``)."""
    return bool(a and b and MOMENTARY.isdisjoint(a | b)
                and (not a.isdisjoint(b) or _related(a, b))) or _besieged(a, b)


def _names_apart(new: Signature, old: Signature) -> bool:
    """The two share no name (people, groups, places the gazetteer does not hold), leaving
    out the names of nations ("demonym:")."""
    return all(a.startswith("demonym:") for a in new.actors & old.actors)


def _going_on(shared: frozenset[str], every: frozenset[str]) -> bool:
    """(twenty-first round) The kinds the two share, and every kind either names, are of
    happenings that go on for hours (``lexicon.GOING_ON``: a fire, a flood, a storm): not a
    quake and its aftershock, a boat's sinking and a coach crash, over in a moment."""
    return bool(shared) and every <= GOING_ON


def _besieged(a: frozenset[str], b: frozenset[str]) -> bool:
    """(seventeenth round) Both speak of a siege: gunmen who storm a hotel after a car bomb at
    its gate hold it for hours, and its toll is known when it ends ("Somali forces end hotel
    siege, 12 dead", 8 h after the first reports of the car bomb and the storming). The blast
    that began it does not make it a happening over in a moment."""
    return "siege" in a and "siege" in b


#: each kind's neighbours (``lexicon.RELATED``), looked up without building a pair per test:
#: ``join`` asks this of every candidate whose kinds differ
_NEIGHBOURS: dict[str, frozenset[str]] = {
    kind: frozenset(other for pair in RELATED if kind in pair for other in pair - {kind})
    for pair in RELATED for kind in pair
}


def _related(a: frozenset[str], b: frozenset[str]) -> bool:
    """Every kind of one is a neighbour (``lexicon.RELATED``) of a kind of the other."""
    empty: frozenset[str] = frozenset()
    return all(not _NEIGHBOURS.get(x, empty).isdisjoint(b) for x in a) or all(
        not _NEIGHBOURS.get(y, empty).isdisjoint(a) for y in b)


#: place keys that are a name's consonants (``facts.place_keys``): they meet a spelling in
#: another language or script, and by chance a few other names ("Port Said", "Port Sudan")
_SOUND_KEYS = ("sound:", "near:")


def _place_meeting(new: Signature, old: Signature) -> bool:
    """Whether the two name a place in common. Not when they meet only by their names'
    consonants while the gazetteer reads two places of one country, neither of which may hold
    the other: "Santa Cruz" and "Santa Clara", two cities it knows apart, are two places
    (and so a conflict of places). Of two countries the consonants still count: that is as
    often one city the matcher read wrongly in one language ("Colonia" as Uruguay's
    department, "Köln") as two cities whose names sound alike."""
    shared = new.place_keys & old.place_keys
    by_name = not (new.name_keys.isdisjoint(old.place_keys)
                   and old.name_keys.isdisjoint(new.place_keys)) or _by_adjective(new, old)
    if not shared and not by_name:
        return False
    if (by_name or not new.place_ids or not old.place_ids
            or not new.place_ids.isdisjoint(old.place_ids)
            or not all(k.startswith(_SOUND_KEYS) for k in shared)
            or _nested(new.place_ids, old.place_ids)):
        return True
    return _countries_of(new.place_ids).isdisjoint(_countries_of(old.place_ids))


def _by_region_only(new: Signature, old: Signature) -> bool:
    """One of the two names a region around a place of its own ("Shostka in Sumy region"),
    and the other meets it by that region's name only, not by the place of its own."""
    return _meets_by_region(new, old) or _meets_by_region(old, new)


def _meets_by_region(regional: Signature, other: Signature) -> bool:
    if not regional.region_keys or not other.place_ids or _region_only(other):
        return False  # (the other names the region too, "провинции Анталья": no town of its own)
    own_ids = regional.place_ids - regional.region_keys
    if not own_ids:
        return False  # it names only the region: no town of its own to differ by
    own_keys = regional.place_keys - regional.region_keys
    return (not regional.region_keys.isdisjoint(other.place_keys)
            and own_keys.isdisjoint(other.place_keys)
            and other.name_keys.isdisjoint(own_keys)
            and not _nested(own_ids, other.place_ids - regional.region_keys))


def _by_adjective(new: Signature, old: Signature) -> bool:
    """One of the two names no place the gazetteer knows, and one of its adjectives is made
    of a place the other names ("na krakowskim Kazimierzu" / "Kraków", "la police lyonnaise"
    / "Lyon"). Not for a report that names a place of its own: its adjectives are then as
    often a district's or a street's ("Киевский район Одессы", "Harkivska street") as its
    city's."""
    return bool(
        (not new.place_ids and not new.adjective_keys.isdisjoint(old.place_keys))
        or (not old.place_ids and not old.adjective_keys.isdisjoint(new.place_keys)))


def _misread_abroad(new: Signature, old: Signature) -> bool:
    """(twenty-first round) The gazetteer puts the two reports' places in different countries,
    and they share a name or a figure: one of the places is most often a name read as a far
    place of the same spelling ("Orlando East" in Soweto as Florida's Orlando, Lahore's "Mayo
    Hospital" as the Irish county, "الدار البيضاء" as Libya's al-Bayda), not a happening
    abroad that a region's channel would see beside this one."""
    return bool((not _names_apart(new, old) or not new.numbers.isdisjoint(old.numbers))
                and _countries_of(new.place_ids).isdisjoint(_countries_of(old.place_ids)))


def _countries_of(place_ids: frozenset[str]) -> frozenset[str]:
    """The regions part of gazetteer keys ("city:ukraine:1421125": "ukraine")."""
    return frozenset(key.split(":")[1] for key in place_ids)


def _nowhere_apart(new: Signature, old: Signature) -> bool:
    """No place to tell the two apart: one names no place the gazetteer sizes (none below a
    country, or only curated terms such as "Bundestag", which the place conflict does not
    weigh either), or only regions that may hold the other's places, or both name one
    subdivision key only, which is then the same subdivision
    in two spellings ("Genova", "Gênes") or two siblings (``facts.places``): no evidence
    either way."""
    if not new.place_ids or not old.place_ids:
        return True
    if ((_region_only(new) and _nested(new.place_ids, old.place_ids))
            or (_region_only(old) and _nested(old.place_ids, new.place_ids))):
        # one names only a region the other's places may lie in ("in the capital of Russia's
        # Tatarstan region" / "в Казани"): no place of its own to differ by
        return True
    return (new.place_ids == old.place_ids and len(new.place_ids) == 1
            and next(iter(new.place_ids)).startswith("subdivision:")
            and len(new.places) == 1 and len(old.places) == 1)


def _siblings_apart(new: Signature, old: Signature) -> bool:
    """Both name places of one subdivision key only, by names that do not meet
    (``_place_meeting`` found none), in one language or from different first consonants: two
    sibling subdivisions, not one spelt two ways. The gazetteer gives siblings one key
    ("Coimbra", "Viseu"), so it cannot tell "Genova" and "Gênes" (one, in two languages)
    from two; within one language a subdivision's name is spelt one way, and across two its
    spellings mostly begin alike, so two names are two places (forest fires near Coimbra and
    near Viseu, fifteenth round).

    (Twenty-seventh round) So when one names only its subdivision and the other names that
    subdivision's key beside a town of its own: "un incendie près de Kherrata … dans la wilaya
    de Béjaïa" and "un incendie de forêt menace des villages d'Azazga" in Tizi Ouzou, whose
    wilayas the gazetteer gives one key, are two fires of two wilayas."""
    shared = new.place_ids & old.place_ids
    return (bool(shared) and all(key.startswith("subdivision:") for key in shared)
            and (_region_only(new) or _region_only(old))
            and bool(new.places) and bool(old.places) and new.places.isdisjoint(old.places)
            and (new.language == old.language
                 or _initials(new.place_keys).isdisjoint(_initials(old.place_keys))))


def _towns_apart(new: Signature, old: Signature) -> bool:
    """(twenty-seventh round) Both name towns, none of one within a town of the other: they
    meet only by the region one names around its own town ("un feu de brousse … près de Port
    Macquarie … en Nouvelle-Galles du Sud" / "Buschfeuer bei Tamworth"), two towns of it.
    Only for names written in one script: a town's name in another script is as often the
    same town read as another of its name ("كييف" taken for a village named Kyiv)."""
    new_towns = frozenset(k for k in new.place_ids if k.startswith("city:"))
    old_towns = frozenset(k for k in old.place_ids if k.startswith("city:"))
    if not new_towns or not old_towns or _nested(new_towns, old_towns):
        return False
    scripts = {ord(name[0]) >> 8 for name in new.places | old.places if name}
    return len(scripts) == 1


def _initials(place_keys: frozenset[str]) -> frozenset[str]:
    """The first consonant of each name's skeleton ("sound:gnv": "g"). One place in two
    languages is most often spelt from the same first consonant ("Genova", "Gênes"; "Bayern",
    "Bavaria"), two sibling subdivisions most often not ("Viseu", "Coímbra")."""
    return frozenset(key[6] for key in place_keys if key.startswith("sound:") and len(key) > 6)


def _districts_apart(new: Signature, old: Signature) -> tuple[str, str] | None:
    """The places below the one they share that each names and the other does not, when both
    do: gazetteer cities on both sides (a district, a neighbourhood, a town), whose names do
    not meet the other's places by stem or consonants."""
    if len(new.place_ids) < 2 or len(old.place_ids) < 2:
        return None  # (each needs a place in common and one of its own)
    # a district of the city they share lies in that city's country: a place the matcher read
    # in another ("Kurla" as a town of China, beside Mumbai) is no district of it
    countries = _countries_of(new.place_ids & old.place_ids)
    new_own = frozenset(k for k in new.place_ids - old.place_ids
                        if _countries_of(frozenset((k,))) <= countries)
    old_own = frozenset(k for k in old.place_ids - new.place_ids
                        if _countries_of(frozenset((k,))) <= countries)
    if (not new_own or not old_own or new.place_ids.isdisjoint(old.place_ids)
            or not all(key.startswith("city:") for key in new_own | old_own)):
        return None
    new_names = sorted(n for n in new.places if place_keys((n,)).isdisjoint(old.place_keys))
    old_names = sorted(n for n in old.places if place_keys((n,)).isdisjoint(new.place_keys))
    if not new_names or not old_names:
        return None
    return ", ".join(new_names), ", ".join(old_names)


def _region_only(signature: Signature) -> bool:
    """Every place it names is a subdivision: a region, not a town within it."""
    return all(key.startswith("subdivision:") for key in signature.place_ids)


def _nested(a: frozenset[str], b: frozenset[str]) -> bool:
    """A place of one may hold a place of the other (``facts.may_contain``)."""
    return any(may_contain(x, y) or may_contain(y, x) for x in a for y in b)


def _in_order(new: Signature, old: Signature) -> tuple[Signature, Signature]:
    """The earlier of the two reports, then the later."""
    return (old, new) if old.at <= new.at else (new, old)


def _no_one_hurt(signature: Signature) -> bool:
    """It says no one was hurt or killed, and gives no toll: a toll said to rise hours later
    rose from another happening's first figure, not from this one's (a night drone strike
    on a bus depot, "no one was hurt", and "the death toll of the missile strike on the
    university rises to five" 11.7 h later; sixteenth round)."""
    dead, hurt = signature.casualty("dead"), signature.casualty("injured")
    return not dead and (dead == 0 or hurt == 0)


def _later(new: Signature, old: Signature) -> Signature:
    return _in_order(new, old)[1]


def _uncounted(new: Signature, old: Signature) -> bool:
    """(eighteenth round) The earlier of the two counted no one hurt either: a happening whose
    injured were already counted ("Busunfall auf Autobahn bei Niš: zwölf Verletzte") has had
    its toll, and dead given plainly more than the window later, without a word of a toll
    that rose or of the injured dying, are another happening of the place (a truck and a car
    colliding on the same motorway 10 h later, "двое погибших")."""
    return _in_order(new, old)[0].casualty("injured") is None


def _tolls(new: Signature, old: Signature) -> tuple[int | None, int | None]:
    """The dead the earlier of the two reports gave, and the later one."""
    if _uncounted_both(new, old):
        return None, None
    earlier, later = _in_order(new, old)
    return earlier.casualty("dead"), later.casualty("dead")


def _more_hurt_said(new: Signature, old: Signature) -> bool:
    """The later of the two says the toll rose, and gives more injured than the earlier gave
    ("Liczba osób hospitalizowanych … wzrosła do 14" after six children in hospital): the
    count of the hurt rises as the count of the dead does."""
    if _uncounted_both(new, old):
        return False
    earlier, later = _in_order(new, old)
    hurt = later.casualty("injured")
    return bool(later.rises and hurt and hurt > (earlier.casualty("injured") or 0))


def _fewer_hurt(new: Signature, old: Signature) -> tuple[int, int] | None:
    """The injured the earlier of the two gave and the later, where the later gives fewer
    (not none: "no one was hurt" has its own rule) and does not say a toll rose."""
    if _uncounted_both(new, old):
        return None
    earlier, later = _in_order(new, old)
    before, after = earlier.casualty("injured"), later.casualty("injured")
    if before and after and after < before and not later.rises:
        return before, after
    return None


def _said_none_later(new: Signature, old: Signature) -> str | None:
    """The category of casualties ("injured", "dead") the later of the two says there were none
    of ("no one was hurt": 0), where the earlier gave some; None when there is none such."""
    if _uncounted_both(new, old):
        return None
    earlier, later = _in_order(new, old)
    return _none_then_some(later, earlier)


def _hurt_after_none(new: Signature, old: Signature) -> str | None:
    """The category of casualties ("dead", "injured") the earlier of the two says there were
    none of, and the later gives; None when there is none such."""
    if _uncounted_both(new, old):
        return None
    return _none_then_some(*_in_order(new, old))


def _uncounted_both(new: Signature, old: Signature) -> bool:
    """Neither gives a casualty figure, not even "no one was hurt": no rule of the tolls can
    speak. Most candidates are such a pair, and ``join`` asks every rule of each."""
    return not new.casualties and not old.casualties


def _none_then_some(none: Signature, some: Signature) -> str | None:
    """The first category of casualties ("dead", "injured") that ``none`` counts 0 of and
    ``some`` counts more of."""
    for category in ("dead", "injured"):
        if none.casualty(category) == 0 and (some.casualty(category) or 0) > 0:
            return category
    return None


def reach(window: timedelta) -> timedelta:
    """How long before an update its candidates may be: a report saying the death toll of the
    same place rose joins an event up to twice the window after an earlier report
    (``compare``)."""
    return window * _TOLL_REACH


def _in_full(new: Signature, old: Signature, weighed: _Weighed) -> Comparison:
    comparison, shared_place = weighed
    if not shared_place and not comparison.same:
        return comparison
    return replace(
        comparison, places=_shared_places(new, old) if shared_place else frozenset(),
        adds=_adds(new, [old]) if comparison.same else Adds(),
    )


def _shared_places(new: Signature, old: Signature) -> frozenset[str]:
    by_name = same_place(new.places, old.places)
    if by_name:
        return by_name
    if new.place_ids & old.place_ids:
        return new.places
    # a place of one that the other names as a name: the matcher reads "Holešovice" but not
    # the Czech locative "Holešovicích", a name "holes" as the place's stem is; or by an
    # adjective, where the other names no place ("krakowskim")
    return frozenset(
        place for one, other in ((new, old), (old, new)) for place in one.places
        if not place_keys((place,)).isdisjoint(
            other.name_keys | (frozenset() if other.place_ids else other.adjective_keys))
    )


@dataclass(frozen=True, slots=True)
class Candidate:
    """An earlier update the new one may join: what the store hands ``join``."""

    #: the stored update's id
    update: int
    #: the event it belongs to (the id of the event's first update, or whatever the store uses)
    event: int
    signature: Signature


@dataclass(frozen=True, slots=True)
class Joined:
    """The event a new update joins, if any, and why."""

    #: the event joined; None when the update starts an event of its own
    event: int | None
    #: the candidate that decided it (the closest one, joined or not); None without candidates
    closest: Candidate | None
    comparison: Comparison | None
    #: what the update adds over every report of the event it joins (empty when it joins none)
    adds: Adds = field(default_factory=Adds)

    @property
    def escalates(self) -> bool:
        """Joins an event and adds something that matters: post it, as an escalation."""
        return self.event is not None and self.adds.matters


def join(
    new: Signature, candidates: Iterable[Candidate], *, window: timedelta = DEFAULT_WINDOW
) -> Joined:
    """The event ``new`` joins: that of the candidate with the highest evidence at or over
    the threshold, else none (then ``closest`` is the nearest miss, for ``explain``).

    ``candidates`` are the recent updates sharing a region with ``new`` (the store's query);
    ones outside ``window`` are ruled out here too, so a longer list does no harm.
    """
    pool = list(candidates)
    weighed = [(candidate, _evidence(new, candidate.signature, window)) for candidate in pool]
    if not weighed:
        return Joined(None, None, None)
    # (by the rounded score, as the comparison keeps it; the first of equals, as before)
    ranked = sorted(weighed, key=lambda pair: -pair[1][1])
    set_apart = _set_apart_events(weighed)
    candidate, evidence = next(
        (pair for pair in ranked if pair[0].event not in set_apart), ranked[0])
    comparison = _in_full(new, candidate.signature, _weighed(evidence))
    if comparison.same and candidate.event in set_apart:
        comparison = replace(comparison, same=False, against=(
            *comparison.against, "another report of that event sets it apart"))
    if not comparison.same:
        return Joined(None, candidate, comparison)
    event = [c.signature for c in pool if c.event == candidate.event]
    return Joined(candidate.event, candidate, comparison, _adds(new, event))


#: the evidence below which a report of an event speaks against the new update joining it
_VETO = 0.0


def _set_apart_events(weighed: list[tuple[Candidate, _Evidence]]) -> frozenset[int]:
    """The events the new update is clearly not: as many of their reports (within the window)
    weigh below ``_VETO`` against it (two cities, two kinds, two targets) as reach the
    threshold with it. Events are built one report at a time, so a report joined through one
    wrong link would draw the next ones in after it: an event is one happening, and most of
    its reports should not contradict the new one. (One contradicting report among several
    that agree is more often the matcher's misreading of a place than another happening.)"""
    tally: dict[int, int] = {}
    for candidate, evidence in weighed:
        vote = -1 if evidence[0] < _VETO else (1 if evidence[0] >= THRESHOLD else 0)
        tally[candidate.event] = tally.get(candidate.event, 0) + vote
    against = {candidate.event for candidate, evidence in weighed if evidence[0] < _VETO}
    return frozenset(event for event in against if tally[event] <= 0)


def _adds(new: Signature, event: list[Signature]) -> Adds:
    highest = max(s.severity for s in event)
    casualties = []
    for category, figure in new.casualties:
        known = [f for s in event if (f := s.casualty(category)) is not None]
        # "no one was hurt" is a figure of 0: nothing to post an escalation for
        if figure and (not known or figure > max(known)):
            casualties.append((category, max(known) if known else None, figure))
    seen: set[str] = set()
    for s in event:
        seen |= s.places
    return Adds(
        severity=new.severity if new.severity > highest else None,
        casualties=tuple(casualties),
        places=new.places - same_place(new.places, seen),
    )
