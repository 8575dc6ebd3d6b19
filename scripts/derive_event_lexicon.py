"""Derive src/eventwire/data/events/petrarch_verbs.json from the PETRARCH2 verb dictionary (MIT).

Usage: python scripts/derive_event_lexicon.py [../shared/data]

Reads petrarch2/CAMEO.2.0.txt (synonym sets, verb synsets, patterns) and cameo2plover_2021.csv, and writes
one JSON file: `verbs` (lemma -> synset names), `phrasal` (lemma -> particle/preposition -> code) and
`synsets` (name -> default code and patterns). Every CAMEO code is mapped to PLOVER here, so the runtime
never sees CAMEO. CAMEO 01 (public statement) is dropped as in PLOVER; CAMEO 02 (appeal) is coded REQUEST
like CAMEO 10, because PLOVER's REQUEST covers "all requests, demands and orders".
"""
from __future__ import annotations

import csv
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src" / "eventwire" / "data" / "events" / "petrarch_verbs.json"
APPEAL_MODES = {"021": "assist", "022": "assist", "023": "assist", "024": "change", "025": "yield",
                "026": "meet", "027": "meet", "028": "meet"}
PLOVER_TYPES = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
                "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}


def plover_table(path: Path) -> dict[str, tuple[str, str | None]]:
    table: dict[str, tuple[str, str | None]] = {}
    with path.open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if row["plover_event"] in PLOVER_TYPES:
                table.setdefault(row["cameo"], (row["plover_event"], row["mode"] or None))
    return table


def to_plover(code: str, table: dict[str, tuple[str, str | None]], modes: set[str]) -> list[str | None] | None:
    """[type, mode] for a CAMEO code, or None when PLOVER drops it; modes outside the taxonomy become None."""
    code = code.split(":")[0] or code.split(":")[-1]
    if not code or code.startswith(("-", "01", "00")):
        return None
    if code.startswith("02"):
        return ["REQUEST", APPEAL_MODES.get(code[:3])]
    for key in (code, code[:3], code[:2]):
        if key in table:
            kind, mode = table[key]
            return [kind, mode if f"{kind}:{mode}" in modes else None]
    if code.startswith("20"):
        return ["ASSAULT", None]
    return None


def words(name: str) -> list[str]:
    return [w for w in name.strip("_").lower().split("_") if w]


def parse(path: Path, table: dict[str, tuple[str, str | None]], modes: set[str]) -> dict:
    lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    sets: dict[str, list[str]] = {}
    i = 0
    while "VERB PATTERNS" not in lines[i]:
        line = lines[i].split("#")[0].strip()
        if line.startswith("&"):
            name = line.rstrip("_")
            sets[name] = []
            current = sets[name]
        elif line.startswith("+") and sets:
            current.append(" ".join(words(line[1:])))
        i += 1

    def alternatives(tok: str) -> list[str]:
        if tok.startswith("&"):
            return sorted({p.split()[-1] for p in sets.get(tok.rstrip("_"), [])})
        return [w for w in words(tok)[-1:]]

    def items(text: str) -> list[dict]:
        """Pattern text -> required dependents: {"w": alternatives} or {"p": prep, "w": alternatives}."""
        out: list[dict] = []
        text = re.sub(r"[$^%+@]", " ", text)
        for group in re.finditer(r"\(([^)]*)\)|\{([^}]*)\}|(\S+)", text):
            paren, brace, word = group.groups()
            if paren is not None:
                toks = re.sub(r"[{}]", " ", paren).split()
                if toks:
                    out.append({"p": toks[0].lower(), "w": alternatives(toks[-1]) if len(toks) > 1 else []})
            elif brace is not None:
                toks = brace.split()
                if toks:
                    out.append({"w": alternatives(toks[-1])})
            elif word not in ("-", "*"):
                out.append({"w": alternatives(word)})
        return [x for x in out if x.get("w") or x.get("p")]

    verbs: dict[str, list[str]] = {}
    phrasal: dict[str, dict[str, list[str | None] | None]] = {}
    synsets: dict[str, dict] = {}
    synset = None
    for raw in lines[i:]:
        line = re.split(r"[#;]", raw)[0].rstrip()     # "#" and ";" (dated editor notes) start comments
        if line.startswith("~"):                       # transformation rules, not verbs
            continue
        head = re.match(r"^---\s+(\S+)\s+\[([^\]]*)\]", line)
        if head:
            synset = head.group(1)
            synsets[synset] = {"code": to_plover(head.group(2), table, modes), "patterns": []}
            continue
        if synset is None or not line.strip():
            continue
        code_m = re.search(r"\[([^\]]*)\]", line)
        code = code_m.group(1) if code_m else None
        body = line[:code_m.start()] if code_m else line
        if line.startswith("-"):
            if code is None:
                continue
            before, _, after = body[1:].partition("*")
            synsets[synset]["patterns"].append({"subject": items(before), "after": items(after),
                                                "code": to_plover(code, table, modes)})
        else:
            name = re.sub(r"\{[^}]*\}", "", body).strip().lstrip("+")
            parts = words(name)
            if not parts:
                continue
            verb_code = to_plover(code, table, modes) if code else synsets[synset]["code"]
            if len(parts) == 1:
                verbs.setdefault(parts[0], [])
                if synset not in verbs[parts[0]]:
                    verbs[parts[0]].append(synset)
                if code:
                    phrasal.setdefault(parts[0], {})[""] = verb_code
            elif len(parts) == 2:
                phrasal.setdefault(parts[0], {})[parts[1]] = verb_code
    return {"verbs": verbs, "phrasal": phrasal, "synsets": synsets}


def build(shared: Path) -> str:
    """The file's text, derived from the shared data folder."""
    taxonomy = json.loads((shared / "plover_taxonomy.json").read_text(encoding="utf-8"))
    modes = {f"{k}:{m['mode']}" for k, v in taxonomy["events"].items() for m in v["modes"]}
    table = plover_table(shared / "cameo2plover_2021.csv")
    lexicon = parse(shared / "petrarch2" / "CAMEO.2.0.txt", table, modes)
    lexicon["_source"] = ("Derived by scripts/derive_event_lexicon.py from PETRARCH2 CAMEO.2.0.txt "
                          "(MIT, Open Event Data Alliance) and the CAMEO->PLOVER table (CC BY-SA 4.0).")
    return json.dumps(lexicon, sort_keys=True, separators=(",", ":")) + "\n"


def main(shared: Path) -> None:
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(build(shared), encoding="utf-8")
    print(f"{OUT}: written")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "data")
