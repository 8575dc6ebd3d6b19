"""Place names that stand for a government ("led by Moscow", "Washington said", "the Kremlin"): actors, not places."""
from __future__ import annotations

import functools

from spacy.tokens import Span, Token

from ..resources import data_path

_LOCATIVE = frozenset({"in", "at", "near", "outside", "inside", "around", "from", "to", "into", "toward", "towards",
                       "across", "through", "beside", "behind", "opposite", "within", "on"})


@functools.cache
def _lexicon() -> tuple[frozenset[str], frozenset[str], dict[str, str]]:
    """Stative verbs, actor nouns and seats of government from data/places/metonymy.tsv."""
    stative, nouns, sites = set(), set(), {}
    path = data_path("places", "metonymy.tsv")
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        word, kind, country = (line.split("\t") + ["", ""])[:3]
        if kind == "stative":
            stative.add(word)
        elif kind == "noun":
            nouns.add(word)
        elif kind == "site":
            sites[word.casefold()] = country
        else:
            raise ValueError(f"{path}:{n}: kind must be stative, noun or site, not {kind!r}")
    return frozenset(stative), frozenset(nouns), sites


def seat_of_government(name: str) -> str | None:
    """ISO3 country whose government a building name stands for ("the Kremlin" → RUS), else None."""
    bare = name[4:] if name.lower().startswith("the ") else name
    return _lexicon()[2].get(bare.casefold())


def is_metonymic(span: Span) -> bool:
    """True when a place name in the parse acts as a government: the subject of a verb that is not
    stative ("Moscow denied", but not "Almaty remained tense"), the agent of a passive ("led by Moscow"),
    the owner or modifier of an actor noun ("Moscow's decision", "US officials"), or a seat of government
    not used as a location."""
    stative, nouns, _ = _lexicon()
    root = _coordination_head(span.root)
    if seat_of_government(span.text) is not None:
        return not _is_locative(root)
    if root.dep_ == "nsubj" and root.head.pos_ in ("VERB", "AUX"):
        verb = root.head.lemma_.lower()
        if verb == "have":                    # "Washington had concerns", not "Kazakhstan has 19 million people"
            return any(c.dep_ == "dobj" and c.lemma_.lower() in nouns for c in root.head.children)
        return verb not in stative
    if root.dep_ == "pobj" and root.head.dep_ == "agent":
        return True
    return root.dep_ in ("poss", "compound", "nmod") and root.head.lemma_.lower() in nouns


def _coordination_head(tok: Token) -> Token:
    """"Russia and China said": China's role is the role of the first conjunct."""
    while tok.dep_ == "conj" and tok.head.i != tok.i:
        tok = tok.head
    return tok


def _is_locative(tok: Token) -> bool:
    return tok.dep_ == "pobj" and tok.head.lower_ in _LOCATIVE
