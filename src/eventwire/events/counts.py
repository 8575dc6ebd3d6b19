"""Numbers stated for an event: killed, injured, arrested, kidnapped, displaced, participants."""
from __future__ import annotations

import functools
import re

from spacy.tokens import Token

from ..resources import read_json
from .triggers import Trigger, is_passive

CASUALTIES = {"killed", "injured", "arrested", "kidnapped"}
PEOPLE_CLASSES = ("human", "military", "police", "protester")        # word classes in data/events/classes.json
_DIGITS = re.compile(r"^\d{1,3}(?:,\d{3})+$|^\d+(?:\.\d+)?$")


def parse_number(tokens: list[Token]) -> int | None:
    """'more than 3,000' -> 3000, 'a dozen' -> 12, '1.5 million' -> 1500000, 'twenty-six' -> 26; vague plurals -> None."""
    numbers = read_json("events", "numbers.json")
    units, scales = numbers["units"], numbers["scales"]
    words = [t.lower_ for t in tokens if t.lower_ not in ("more", "than", "at", "least", "about", "around", "some",
                                                          "nearly", "almost", "over", "up", "to", "approximately",
                                                          "roughly", "estimated", "an", "just", "under", "fewer", "less")]
    phrase = " ".join(words)
    if phrase in units:
        return int(units[phrase])
    value: float | None = None
    for w in words:
        if _DIGITS.match(w):
            value = float(w.replace(",", ""))
        elif w in scales and value is not None:
            value *= scales[w]
        elif w in scales and w == words[0]:
            return None       # "hundreds", "thousands": no number stated
        elif "-" in w and all(p in units for p in w.split("-")):
            value = float(sum(units[p] for p in w.split("-")))
        elif w in units:
            value = float(units[w]) if value is None else value + units[w]
    return int(value) if value is not None else None


def number_on(head: Token, single: bool = False) -> int | None:
    """The number a participant phrase states: '26 armed criminals', 'about 2,500 personnel', '12 of them';
    with `single`, 'a student' / 'one soldier' counts 1."""
    if head.pos_ == "NUM" or head.like_num:
        return parse_number(list(head.subtree)) if head.lower_ not in ("hundreds", "thousands", "dozens") else None
    for c in head.children:
        if c.dep_ == "nummod":
            return parse_number(list(c.subtree))
    if single and head.tag_ == "NN" and any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in head.children):
        return 1
    return None


@functools.cache
def _people_words() -> frozenset[str]:
    classes = read_json("events", "classes.json")
    return frozenset(w for name in PEOPLE_CLASSES for w in classes[name])


def is_people(head: Token) -> bool:
    """Whether a phrase counts people ('2,500 troops', 'about 300 personnel'), not things ('70 checkpoints')."""
    if head.pos_ == "NUM" or head.like_num:
        return True                                            # "deployed 300 more": the number stands for them
    return head.lemma_.lower() in _people_words() or head.lower_ in _people_words()


def counts_for(trig: Trigger, source: Token | None) -> dict[str, int]:
    """Counts from the numbers on the trigger's own arguments: the patient of 'killed' / 'arrested' / 'deployed',
    the doers of a protest or of troops arriving. A verb that borrows its subject from a conjunct states none."""
    if trig.kind == "noun":
        if trig.count in CASUALTIES:       # "the killing of five protesters", "made 40 arrests"
            n = _noun_patient_count(trig.token)
            return {trig.count: n} if n is not None else {}
        n = number_on(source) if source is not None and trig.event_type == "PROTEST" else None
        return {"participants": n} if n is not None else {}
    verb = trig.token
    patient_dep = "nsubjpass" if is_passive(verb) else "dobj"
    patient = next((c for c in verb.children if c.dep_ == patient_dep), None)
    doer = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    out: dict[str, int] = {}
    patient_key = trig.count or ("participants" if trig.event_type in ("MOBILIZE", "AID") else None)
    if any(c.lower_ == "dead" for c in verb.children):          # "was shot dead"
        patient_key = "killed"
    if patient is not None and patient_key == "participants" and not is_people(patient):
        patient_key = None                                     # "set up 70 checkpoints": not 70 people
    if patient is not None and patient_key:
        n = number_on(patient, single=patient_key in CASUALTIES)
        if n is not None:
            out[patient_key] = n
    doer_counts = trig.event_type == "PROTEST" or (trig.count == "participants" and patient is None)
    if doer is not None and doer_counts and "participants" not in out:
        n = number_on(doer)
        if n is not None:
            out["participants"] = n
    return out


def _noun_patient_count(noun: Token) -> int | None:
    """The number an event noun states of those it befell: 'the arrest of 12 suspected militants', 'the killing of a
    student', or on the noun itself ('carried out 40 arrests'); vague plurals ('dozens of arrests') give none."""
    for c in noun.children:
        if c.dep_ == "prep" and c.lower_ == "of":
            patient = next((g for g in c.children if g.dep_ == "pobj"), None)
            if patient is not None and is_people(patient):
                return number_on(patient, single=True)
            return None
    return number_on(noun)
