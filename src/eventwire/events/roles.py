"""Source and target of an event from the dependency parse, coded through the actor mentions."""
from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from collections.abc import Callable
from functools import cache
from itertools import product
from typing import ClassVar

from spacy.tokens import Token

from ..actors import story_country
from ..actors.dictionary import load as load_actor_dictionary
from ..actors.resolve import FORCE_WORDS
from ..records import Actor, ActorMention, Document, PlaceMention
from ..resources import read_json, read_jsonl
from .triggers import (
    ACTOR_ENTS,
    Trigger,
    causative,
    is_passive,
    is_time,
    predicate_subject,
    word_class,
)

RELATIVE_PRONOUNS = {"that", "which", "who", "whom", "whose"}
RELATIVE_ADVERBS = {"where", "when", "why", "how"}
# Parts of a phrase that are not the participant itself: other conjuncts, clauses about it, punctuation.
AUTHOR_PREPS = {"by", "from"}
PHRASE_CUT = {"conj", "cc", "relcl", "acl", "punct", "advcl", "preconj"}
# Types whose recipient is named by a preposition even when the verb has an object: "landed forces in X",
# "renewed support for X", "expressed concern about X", "called on X to ...".
RECIPIENT_BY_PREP = {"AID", "MOBILIZE", "REQUEST", "SUPPORT", "ACCUSE", "CONSULT", "SANCTION", "CONCEDE", "COOPERATE"}
# Recipients those types also take: "appealed to NATO", "extradited ... to the United States".
MORE_RECIPIENT_PREPS = {"REQUEST": {"to"}, "COOPERATE": {"to"}}
# "called for an Israeli withdrawal": the act asked for, whose doer is the one asked (a further candidate only).
ASKED_ACT_PREPS = {"REQUEST": {"for"}}
# Events two parties do together: "Ethiopia and Eritrea signed a peace agreement" is Ethiopia's with Eritrea.
RECIPROCAL = {"CONSULT", "AGREE", "COOPERATE", "SUPPORT"}
# Where force is used, moved or sent, the place stands for its people when nobody else is named ("bombed villages in
# northern Iraq", "massed troops near the Kuwaiti border", "withdrew from southern Lebanon"); a meeting's or a
# statement's place is only its venue. A protest against nobody named is against the country it is held in
# ("Thousands marched in Belgrade"), as a last resort.
PLACE_TARGETS = {"ASSAULT", "COERCE", "MOBILIZE", "RETREAT", "AID", "SANCTION"}
# A visit's destination is its host: "arrived in Moscow for a state visit", "flew to Tokyo for talks".
VISIT_VERBS = word_class("visit")
# Who does an act nobody is named doing, with that doer's sector: an arrest, a curfew, an expulsion ("was arrested
# in Cairo", "were expelled from Moscow") is the authorities' of the place it happens in; a protest its people's
# ("Renewed protests broke out in Belgrade"); an attack an unidentified armed group's of that country, as ACLED
# codes "Unidentified Armed Group (Iraq)" ("were killed when a car bomb exploded in Baghdad").
UNSTATED_DOERS = {"COERCE": ["GOV"], "SANCTION": ["GOV"], "PROTEST": ["CVL"], "ASSAULT": []}
# Sectors of a state's own agents: a statement or offer of theirs with nobody named is for nobody known (_at_home).
STATE_SECTORS = {"GOV", "MIL", "COP", "JUD", "LEG", "SPY"}
# Acts two sides do to each other: "Indian and Chinese troops clashed" is India's attack on China, "Greece and Turkey
# traded accusations" Greece's accusation of Turkey.
MUTUAL = word_class("mutual")
# Verbs whose subject undergoes the act that the one "from" names does: "Kenya received food aid from the World Bank",
# "faced criticism from Washington", "won the backing of NATO"; and "came under fire from British warships".
RECEIVING = word_class("receiving")
UNDERGOING = word_class("undergoing")
# Verbs whose subject is the victim, as a passive's is: "Three Turkish soldiers died in a PKK attack" (PKK on TUR).
DYING = word_class("dying")
# Sanctions are mostly a foreign state's: only a place the act is done in or from, not the story's country, says whose.
FOREIGN_ACTS = {"SANCTION"}
# Acts whose "of" names the one acted on: "the arrest of three suspects", "the expulsion of two diplomats".
DONE_TO_OF = {"COERCE", "ASSAULT", "SANCTION"}
# Modes of event nouns whose "of" names the force that moves: "the withdrawal of US troops", "the deployment of ...".
MOVING_MODES = {"troops", "withdraw"}
# Types whose object is often the doer's own force, moved rather than acted on ("massed troops near ...").
MOVED_FORCES = {"MOBILIZE", "RETREAT"}
# Prepositions whose object is never the one acted on: the doer, a cause, a time, a comparison.
NOT_TARGET_PREPS = {"by", "of", "after", "before", "during", "since", "until", "despite", "because", "as", "like",
                    "than", "amid", "following", "over", "about"}
# Prepositions that name a party to any event when their object is an actor: "appealed to NATO", "extradited ... to
# the United States", "shared intelligence with Washington", "recalled its ambassador from Caracas", "hurled stones at
# the US embassy".
PARTY_PREPS = {"to", "with", "against", "toward", "towards", "from", "on", "upon", "at", "between"}
OWN_PRONOUNS = {"its", "their", "his", "her", "our"}
# Things a country name modifies to say what they are about ("the Iran nuclear deal", "the Syria crisis"), as it does
# an event noun ("the Iraq war", "the Syria talks"): the country takes no part by that alone.
TOPIC_NOUNS = word_class("topic")

Names = Callable[..., bool]      # whether a token's phrase names a participant (see Roles.pairs)


def _antecedent(tok: Token) -> Token:
    """'the force that Tokayev had requested': a relative pronoun stands for the noun its clause modifies."""
    if tok.lower_ in RELATIVE_PRONOUNS:
        clause = tok.head
        while clause.dep_ != "relcl" and clause.head.i != clause.i:
            clause = clause.head
        if clause.dep_ == "relcl":
            return clause.head
    return tok


def _givers(verb: Token) -> list[Token]:
    """Who does the act the subject undergoes (RECEIVING, UNDERGOING): "received food aid from the World Bank", "won
    the backing of NATO", "came under fire from British warships", "came under Israeli fire", "faced U.S. sanctions"."""
    lemma = verb.lemma_.lower()
    if lemma in RECEIVING:
        undergone = [c for c in verb.children if c.dep_ == "dobj"]
    elif lemma in UNDERGOING:
        undergone = [g for c in verb.children if c.dep_ == "prep" and c.lower_ == "under"
                     for g in c.children if g.dep_ == "pobj"]
        if not undergone:
            return []
    else:
        return []
    out = [g for h in (verb, *undergone) for c in h.children if c.dep_ == "prep" and (
           c.lower_ == "from" or h is not verb and c.lower_ == "by") for g in c.children if g.dep_ == "pobj"]
    out += [g for h in undergone for c in h.children if c.dep_ == "prep" and c.lower_ == "of"
            for g in c.children if g.dep_ == "pobj" and _names_by_itself(g)]
    return out or [c for h in undergone if h.pos_ == "NOUN" for c in h.children
                   if c.dep_ in ("poss", "amod", "compound") and c.ent_type_ in ACTOR_ENTS]


def _names_by_itself(tok: Token) -> bool:
    """A name or a named group ("NATO", "China", "Western governments"), not a thing ("arms", "a ton of rice")."""
    return tok.ent_type_ in ACTOR_ENTS or tok.pos_ == "PROPN" or any(
        c.dep_ in ("amod", "compound") and c.ent_type_ in ACTOR_ENTS for c in tok.children)


def _author(thing: Token) -> Token:
    """"rejected the proposal by NATO", "the plan put forward by Egypt": a statement or plan stands for the one who
    made it; a thing its own modifier names ("the OSCE monitors from Kosovo") stands for itself."""
    if thing.pos_ != "NOUN" or any(c.dep_ in ("poss", "amod", "compound") and (c.pos_ == "PROPN" or c.ent_type_)
                                   for c in thing.children):
        return thing
    preps = [c for c in thing.children if c.dep_ == "prep" and c.lower_ in AUTHOR_PREPS]
    preps += [g for c in thing.children if c.dep_ == "acl" for g in c.children if g.dep_ == "agent"]
    for prep in preps:
        for g in prep.children:
            if g.dep_ == "pobj" and (g.pos_ == "PROPN" or g.ent_type_ or any(     # "the killing ... by Israeli troops"
                    c.dep_ in ("amod", "compound") and c.ent_type_ in ACTOR_ENTS for c in g.children)):
                return g
    return thing


def subject_heads(verb: Token) -> list[Token]:
    """Head tokens of the doer: the subject, the passive agent, or the subject a controlled or conjoined verb shares."""
    undergone = causative(verb)           # "had its licence withdrawn (by police)": no subject does it
    for c in verb.children:
        if c.dep_ in ("nsubj", "csubj") and not undergone:
            return [_antecedent(c)]
        if c.dep_ == "agent":
            return [_antecedent(g) for g in c.children if g.dep_ == "pobj"]
    if undergone or any(c.dep_ == "nsubjpass" for c in verb.children):
        return []
    head = verb.head
    if verb.dep_ == "pcomp" and verb.tag_ == "VBG" and head.dep_ == "prep" and head.head.pos_ in ("VERB", "AUX"):
        return subject_heads(head.head)   # "fired tear gas before arresting dozens": the governing clause's doer
    if verb.dep_ == "acl" and verb.tag_ == "VBD" and head.dep_ == "ROOT" and head.i < verb.i and any(
            c.dep_ == "appos" and c.i < verb.i for c in head.children):
        return [head]                     # "The Iraqi foreign minister, Hoshyar Zebari, called on Turkey ..."
    if head.i == verb.i or head.pos_ not in ("VERB", "AUX"):
        doer = predicate_subject(verb)    # "Militants massed near the town": the parser hung the verb on its doer
        return [doer] if doer is not None else []
    if verb.dep_ == "conj":
        return subject_heads(head)
    if verb.dep_ == "xcomp":
        controller = [c for c in head.children if c.dep_ in ("dobj", "dative")]
        return controller[:1] if controller else subject_heads(head)
    if verb.dep_ == "advcl" and verb.tag_ in ("VBG", "VBN"):
        return subject_heads(head)
    return []


class Roles:
    """Finds source/target heads for a trigger and codes them as Actors."""

    def __init__(self, event_nouns: frozenset[str]) -> None:
        nominal = read_jsonl("events", "nominal.jsonl")
        # "the protests ... chanting": an event is not its own doer; but a noun that tells an event only with a
        # modifier ("an aid convoy", "a joint patrol") is, bare, a party: "ambushed a convoy of U.N. peacekeepers"
        eventful = {r["lemma"] for r in nominal if "modifier" not in r}
        self.event_nouns = frozenset(n for n in event_nouns if n in eventful)
        ctx = read_json("events", "contexts.json")
        self.weapons = frozenset(read_json("events", "classes.json")["weapon"])
        self.target_preps: dict[str, frozenset[str]] = {k: frozenset(v) for k, v in ctx["target_preps"].items()}
        self.noun_source_preps = frozenset(ctx["noun_source_preps"])
        self.noun_target_preps = frozenset(ctx["noun_target_preps"])
        # nouns of forces moving: their "of" is the force that moves ("the withdrawal of US troops"), unlike the one
        # released ("the release of soldiers held by Hezbollah")
        self.moving_nouns = frozenset(r["lemma"] for r in nominal if r.get("mode") in MOVING_MODES)

    def heads(self, trig: Trigger) -> tuple[list[Token], list[Token]]:
        return self._noun_heads(trig) if trig.kind == "noun" else self._verb_heads(trig)

    def _verb_heads(self, trig: Trigger) -> tuple[list[Token], list[Token]]:
        verb = trig.token
        sources = subject_heads(verb)
        if trig.event_type == "ASSAULT" and verb.lemma_.lower() in DYING:
            return [], sources            # the doer is the scene's (`_doers_of_scene`)
        if verb.dep_ == "conj" and sources and all(t.lemma_.lower() in self.event_nouns for t in sources):
            sources = self._nearer_doer(verb) or sources
        targets: list[Token] = []
        if is_passive(verb):
            targets = [_antecedent(c) for c in verb.children if c.dep_ == "nsubjpass"]
        if causative(verb):                   # "Walf TV had its licence withdrawn": the holder is acted on
            targets = [_antecedent(c) for c in verb.head.children if c.dep_ == "nsubj"]
        if not targets:
            objects = [c for c in verb.children if c.dep_ == "dative"] or [c for c in verb.children if c.dep_ == "dobj"]
            targets = [_antecedent(c) for c in objects[:1]]
        if not targets and verb.dep_ == "conj" and is_passive(verb.head) and not sources:
            targets = self._verb_heads(Trigger(verb.head, trig.event_type, None, "verb"))[1]   # "killed and wounded"
        preps = self.target_preps.get(trig.event_type, frozenset())
        more = MORE_RECIPIENT_PREPS.get(trig.event_type, set())      # on the verb only: not "the transfer ... to X"
        # the object's own preposition first: "filed a complaint against Venezuela at the OAS"
        holders = [c for c in verb.children if c.dep_ == "dobj"] + [verb]
        # "at" beside a named object is the venue: "accused Russia at the United Nations"
        venue = {"at"} if any(_names_by_itself(h) for h in holders[:-1]) else set()
        found = [g for h in holders for c in h.children if c.dep_ == "prep" and (
                 c.lower_ in preps or h is verb and c.lower_ in more) and not (h is verb and c.lower_ in venue)
                 for g in c.children if g.dep_ == "pobj" and not is_time(g)]
        if trig.event_type == "ASSAULT":      # "detonated a bomb", "opened fire", "with rockets": the weapon is no target
            targets = [t for t in targets if t.lemma_.lower() not in self.weapons]
            found = [t for t in found if t.lemma_.lower() not in self.weapons]
        found = [t for t in found if not _manner(t)]
        if found and (trig.event_type in RECIPIENT_BY_PREP or not targets):
            targets = found[:1]
        givers = _givers(verb) if trig.mode != "visit" else []    # a call received is the caller's
        if givers and sources:
            return givers[:1], sources
        if trig.mode == "visit" and verb.lemma_.lower() in RECEIVING and sources and targets:
            return targets[:1], sources       # PLOVER's visit: the visitor acts, the host receives
        if not targets and verb.dep_ == "relcl" and not any(c.lower_ in RELATIVE_ADVERBS for c in verb.children):
            targets = [verb.head]             # "the force that Tokayev had requested"
        if not targets:                       # "threatened to retaliate against India": the act's recipient
            for comp in (c for c in verb.children if c.dep_ == "xcomp"):
                targets = self._verb_heads(Trigger(comp, trig.event_type, None, "verb"))[1][:1]
        # "the withdrawal of US troops from Iraq" is no statement: its "from" is the place left, not an author
        return sources, [t if t.lemma_.lower() in self.moving_nouns else _author(t) for t in targets]

    def _nearer_doer(self, verb: Token) -> list[Token]:
        """The parser often joins "protests escalated when protesters stormed … and set them on fire" at the
        wrong verb: when the shared subject is an event, the doer of the nearest verb between the two is meant."""
        for tok in reversed(verb.doc[verb.head.i + 1:verb.i]):
            if tok.pos_ == "VERB":
                doers = [c for c in tok.children if c.dep_ == "nsubj" and c.lemma_.lower() not in self.event_nouns]
                if doers:
                    return [_antecedent(doers[0])]
        return []

    def _noun_heads(self, trig: Trigger) -> tuple[list[Token], list[Token]]:
        noun = trig.token
        sources: list[Token] = []
        targets: list[Token] = []
        # "Clashes erupted in Hebron between stone-throwers and troops": the parties hang on the noun's verb
        scene_of = [c for c in noun.head.children if c.dep_ == "prep" and c.lower_ == "between"] if (
            noun.dep_ == "nsubj" and not any(c.lower_ == "between" for c in noun.children)) else []
        for c in [*noun.children, *scene_of]:
            if c.dep_ == "poss" or (c.dep_ == "compound" and c.pos_ == "PROPN") or (c.dep_ == "amod" and c.ent_type_ in ("NORP", "GPE")):
                sources.append(c)
            elif c.dep_ == "prep" and c.lower_ == "between":
                pobj = [g for g in c.children if g.dep_ == "pobj"]
                sides = [*pobj[:1], *pobj[0].conjuncts] if pobj else []
                if len(sides) == 1:              # "talks between Israeli and Palestinian negotiators"
                    sides = demonym_conjuncts(sides[0]) or sides
                if sides:
                    sources, targets = sides[:1], sides[1:2]
            elif (c.dep_ == "prep" and c.lower_ in self.noun_source_preps and not sources
                  and (c.lower_ != "of" or trig.event_type == "PROTEST")):   # "the withdrawal of its soldiers"
                # "a boycott of the elections": an event or a topic is what is protested, not who protests
                sources += [g for g in c.children if g.dep_ == "pobj" and not (c.lower_ == "of" and (
                    g.lemma_.lower() in TOPIC_NOUNS or g.lemma_.lower() in _event_lemmas()))]
            elif c.dep_ == "prep" and c.lower_ == "of" and not sources and noun.lemma_.lower() in self.moving_nouns:
                # "the withdrawal of US troops from Iraq began": the troops move ("of its troops": the carrier's)
                sources += [g for g in c.children if g.dep_ == "pobj" and g.lemma_.lower() in FORCE_WORDS
                            and not _has_own_pronoun(g)]
            elif c.dep_ == "prep" and (c.lower_ in self.noun_target_preps or c.lower_ == "of" and (
                    trig.event_type in DONE_TO_OF)):
                targets += [g for g in c.children if g.dep_ == "pobj"]
        carrier = trig.light
        if carrier is not None and [s.tag_ for s in sources] == ["PRP$"]:    # "Israel completed its withdrawal"
            sources = []
        if not sources and carrier is not None and noun.dep_ != "nsubj":
            sources = [carrier] if carrier.pos_ in ("NOUN", "PROPN") else subject_heads(carrier)
        return sources, targets

    @staticmethod
    def expand(heads: list[Token]) -> list[Token]:
        """One participant per named conjunct ("Jordan and Britain"); "his family and allies" or a group a number
        counts as one ("18 police and National Guard personnel") stays one participant."""
        out: list[Token] = []
        for h in heads:
            named = [c for c in (h, *h.conjuncts) if c.ent_type_ in ACTOR_ENTS or c.pos_ == "PROPN"]
            peoples = demonym_conjuncts(h)
            if peoples and not h.conjuncts:     # "American and British warplanes": one event, the first named
                out.append(peoples[0])
            elif any(c.dep_ == "nummod" for c in h.children) or len(named) < 1 + len(h.conjuncts):
                out.append(h)
            else:
                out += [h, *[c for c in h.conjuncts if c.i > h.i]]
        return out

    def pairs(self, trig: Trigger, doc: Document | None = None) -> list[tuple[Token | None, Token | None]]:
        """Source-target head pairs; with the coded document, heads chosen by whom they name (`_coded_pairs`)."""
        sources, targets = self.heads(trig)
        if trig.kind == "verb" and not targets and sources and sources[0].lemma_.lower() in self.event_nouns:
            # "Talks between Israeli and Palestinian negotiators resumed": the event noun says who
            inner = self._noun_heads(Trigger(sources[0], trig.event_type, None, "noun"))
            sources, targets = inner if inner[0] else (sources, targets)
        if doc is not None and doc.actors:
            return self._coded_pairs(trig, sources, targets, doc)
        src = [s for s in self.expand(sources) if not is_time(s) and s.lemma_.lower() not in self.event_nouns]
        tgt = [t for t in self.expand(targets) if not is_time(t)]
        return _product(src, tgt)

    @staticmethod
    def code(doc: Document, trig: Trigger, src: Token | None, tgt: Token | None, speaker: Actor | None
             ) -> tuple[Actor | None, Actor | None]:
        """The source and target Actors of one pair: a source no phrase names is the speaker's (a statement's), else
        the doer the act implies (`_unstated`); a pronoun that refers to nobody is of the story's country."""
        target = _contingent(code_role(doc, tgt), tgt, trig) or _unresolved(doc, tgt)
        source = _contingent(code_role(doc, src), src, trig) or speaker or _unstated(doc, trig, target) or (
            _unresolved(doc, src))
        return source, target or _at_home(doc, trig, source)

    def _coded_pairs(self, trig: Trigger, sources: list[Token], targets: list[Token], doc: Document
                     ) -> list[tuple[Token | None, Token | None]]:
        """A first-choice target that names nobody ("bombed targets", "agreed to resume talks") gives way to the
        other party of a joint act, else to the first further candidate that names a country or an international
        body, by an actor phrase before a mere place; an event as doer gives way to the one it names."""
        def names(tok: Token, by_place: bool = False) -> bool:
            actor, by_name = _coded(doc, tok)
            return tok.lemma_.lower() not in self.event_nouns and names_someone(actor) and (by_name or by_place)

        src = [d for s in self.expand(sources) if not is_time(s) for d in self._doers(s, names)]
        if not src and (is_passive(trig.token) or trig.kind == "verb" and trig.token.lemma_.lower() in DYING):
            src = self._doers_of_scene(trig.token, names)
        tgt = [d for t in self.expand(targets) if not is_time(t) for d in self._doers(t, names, t)]
        if not src and trig.event_type in MOVED_FORCES and is_passive(trig.token):
            # "Nigerian troops were deployed to the Niger Delta": the force moved is the one that moves
            src = [c for c in trig.token.children if c.dep_ == "nsubjpass" and c.lemma_.lower() in FORCE_WORDS]
            tgt = [t for t in tgt if t not in src]
        homes = {_coded(doc, s)[0].country for s in src}

        def own(tok: Token) -> bool:        # "released three Iraqi soldiers", "his Turkish counterpart": another's
            foreign = names(tok) and _coded(doc, tok)[0].country not in homes
            return self._own(tok, trig.event_type) and not (foreign and (
                not _has_own_pronoun(tok) or _foreign_demonym(tok, homes)))

        moved = bool(tgt) and all(own(t) for t in tgt)
        if trig.event_type in RECIPROCAL or (trig.kind == "verb" and trig.token.lemma_.lower() in MUTUAL):
            # "Iran and Iraq exchanged prisoners": one party's act with the other, unless a third party is named
            parties = [s for s in src if names(s)]
            if len(parties) == 1:
                parties = self._parties(parties[0], names)
            countries = {_coded(doc, p)[0].country for p in parties}
            # a third party, not the go-between of "an agreement brokered by Norway"
            third = [t for t in tgt if names(t) and _coded(doc, t)[0].country not in countries
                     and t.head.dep_ != "agent"]
            if len(parties) > 1 and not third:
                return [(parties[0], parties[1])]        # one joint act, the first named its source
        if moved or not any(names(t) for t in tgt):
            taken = {s.i for s in src}
            options = [d for t in self.target_options(trig) if not is_time(t) for d in self._doers(t, names, t)
                       if d.i not in taken]
            others = [t for t in options if not own(t)]
            placed = any(names(t, by_place=True) for t in tgt)
            alt = next((t for t in others if names(t)), None)
            if alt is None and (moved or not placed):
                alt = next((t for t in others if names(t, by_place=True)), None)
            if alt is None and not placed:
                alt = next((t for t in options if names(t)), None)
            if alt is None and not placed and (trig.event_type in PLACE_TARGETS or (
                    trig.event_type == "PROTEST" and trig.kind == "verb" and not tgt)):
                origins = _origins(trig.token) if trig.event_type == "ASSAULT" and trig.kind == "verb" else []
                alt = _scene(trig.token, doc, [phrase_bounds(s) for s in [*src, *origins]])
            tgt = [alt] if alt is not None else tgt     # a further candidate is one event, not one per conjunct
        return _product(src, tgt)

    def _doers(self, head: Token, names: Names | None, keep: Token | None = None) -> list[Token]:
        """The doer a role's event stands for: an event is not its own doer, but "Israeli air strikes", "NATO bombing",
        "an army offensive", "attacks by rebels" name theirs; protests "against US air strikes" are against the US.
        Without one, `keep` (or nobody)."""
        fallback = [keep] if keep is not None else []
        if head.lemma_.lower() not in self.event_nouns:
            return [head]
        if names is None:
            return fallback
        mods = [c for c in head.children if c.dep_ in ("poss", "compound", "amod") and names(c)]
        # "the withdrawal of US troops from Iraq": the troops move, and "from" is the place they leave
        moving = head.lemma_.lower() in self.moving_nouns
        authors = {"by"} if moving else AUTHOR_PREPS
        mods += [g for c in head.children if c.dep_ == "prep" and c.lower_ in authors
                 for g in c.children if g.dep_ == "pobj" and names(g)]
        mods += [g for c in head.children if moving and c.dep_ == "prep" and c.lower_ == "of"
                 for g in c.children if g.dep_ == "pobj" and g.lemma_.lower() in FORCE_WORDS and names(g)]
        # "the release of the journalists held in North Korea": whoever holds them
        held = [a for c in head.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children
                if g.dep_ == "pobj" for a in g.children if a.dep_ == "acl" and a.lemma_.lower() == "hold"]
        mods += [w for a in held for c in a.children if c.dep_ in ("agent", "prep") and c.lower_ in ("by", "in")
                 for w in c.children if w.dep_ == "pobj" and names(w)]
        return mods[:1] or fallback

    def _doers_of_scene(self, verb: Token, names: Names) -> list[Token]:
        """A passive without its agent: "were killed in clashes with Israeli troops", "died in an army offensive",
        "was hit with new sanctions by the United States"."""
        for prep in verb.children:
            if prep.dep_ != "prep" or prep.lower_ not in ("in", "during", "after", "at", "with"):
                continue
            for scene in prep.children:
                # "killed in cross-border firing by Indian troops": a scene its "by" names the doer of
                agents = [g for c in scene.children if c.dep_ == "prep" and c.lower_ == "by"
                          for g in c.children if g.dep_ == "pobj" and names(g)] if scene.dep_ == "pobj" else []
                if agents:
                    return agents[:1]
                if scene.dep_ == "pobj" and scene.lemma_.lower() in self.event_nouns:
                    doers = self._doers(scene, names)
                    doers += [g for c in scene.children if c.dep_ == "prep" and c.lower_ == "with"
                              for g in c.children if g.dep_ == "pobj" and names(g)]
                    if doers:
                        return doers[:1]
        return []

    @staticmethod
    def _parties(head: Token, names: Names) -> list[Token]:
        """The parties one subject of a joint act joins: "the government and Muslim rebels signed", "representatives
        of the Afghan government and the Taliban met"."""
        for group in (head, *[g for c in head.children if c.dep_ == "prep" and c.lower_ in ("of", "from")
                              for g in c.children if g.dep_ == "pobj"]):
            conjuncts = [c for c in (group, *group.conjuncts) if names(c)]
            if len(conjuncts) > 1:
                return conjuncts
        # "North and South Korea agreed": conjoined names that modify one head, each its own party
        for mod in (c for c in head.children if c.dep_ in ("nmod", "compound") and c.conjuncts):
            conjuncts = [c for c in (mod, *mod.conjuncts) if names(c)]
            if len(conjuncts) > 1:
                return conjuncts
        return [head]

    def target_options(self, trig: Trigger, depth: int = 0) -> list[Token]:
        """Further target candidates, best first: objects, the type's prepositions, the subject of a reported clause
        ("demanded that Israel release ..."), the target of a purpose clause ("staged a strike to protest against the
        government"), and for force and movement the places named."""
        tok = trig.token
        holders = [tok] + [c for c in tok.children if c.dep_ in ("dobj", "prt", "advmod")]
        if trig.kind == "noun" and trig.light is not None:
            holders += [trig.light] + [c for c in trig.light.children if c.dep_ == "dobj" and c.i != tok.i]
        preps = [c for h in holders for c in h.children if c.dep_ == "prep"]
        # one level down: "put its forces on high alert along the border with India", "pulled out of Bosnia"
        # but not inside a time or a cause: "recalled its ambassador from Tehran after the attack on the Saudi embassy"
        preps += [c for p in preps if p.lower_ not in NOT_TARGET_PREPS for g in p.children if g.dep_ == "pobj"
                  for c in g.children if c.dep_ == "prep"] + [c for p in preps for c in p.children if c.dep_ == "prep"]
        own = self.target_preps.get(trig.event_type, frozenset()) | MORE_RECIPIENT_PREPS.get(trig.event_type, set()) | (
            ASKED_ACT_PREPS.get(trig.event_type, set())) | (self.noun_target_preps if trig.kind == "noun" else set())
        objects = [c for h in holders for c in h.children if c.dep_ in ("dobj", "dative", "nsubjpass")]
        moved = [o for o in objects if self._own(o, trig.event_type)]
        out = [o for o in objects if o not in moved]
        out += [g for p in preps if p.lower_ in own for g in p.children if g.dep_ == "pobj"]
        # "opened fire on a bus carrying Israeli settlers": those a thing carries or houses
        out += [g for o in list(out) for c in o.children if c.dep_ == "acl" for g in c.children if g.dep_ == "dobj"]
        for clause in (c for c in tok.children if c.dep_ in ("ccomp", "xcomp", "advcl")):
            if clause.dep_ == "ccomp":
                out += [c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass") and c.pos_ != "PRON"]
            elif clause.tag_ == "VBG" and trig.event_type == "ASSAULT":    # "opened fire, killing five people"
                out += [c for c in clause.children if c.dep_ == "dobj"]
            elif clause.dep_ == "xcomp" or any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children):
                inner = Trigger(clause, trig.event_type, None, "verb")
                # "threatened to take military action against Turkey": the intended act's own candidates
                out += self._verb_heads(inner)[1] + (self.target_options(inner, depth + 1) if depth < 2 else [])
        if trig.event_type == "THREATEN":       # "threatened a civil war if Henry did not resign": who must yield
            # also under what is threatened: "warned that it would close the Strait if Washington imposed sanctions"
            threatened = [tok] + [c for c in tok.children if c.dep_ in ("ccomp", "xcomp")]
            out += [g for t in threatened for c in t.children if c.dep_ == "advcl" and any(
                m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in c.children)
                for g in c.children if g.dep_ in ("nsubj", "nsubjpass") and g.pos_ != "PRON"]
        located = trig.event_type in PLACE_TARGETS or (trig.kind == "verb" and tok.lemma_.lower() in VISIT_VERBS)
        # "out of": the second word of a two-word preposition takes the first's place
        word = (lambda p: p.head.lower_ if p.head.dep_ == "prep" else p.lower_)
        others = (lambda p: word(p) not in NOT_TARGET_PREPS) if located else (lambda p: word(p) in PARTY_PREPS)
        out += [g for p in preps if p.lower_ not in own and others(p) for g in p.children if g.dep_ == "pobj"]
        out = [t for t in out if not _manner(t)]
        if trig.event_type == "ASSAULT" and trig.kind == "verb":
            origins = {t.i for t in _origins(tok)}
            out = [t for t in out if t.i not in origins]
        return out + moved

    def _own(self, tok: Token, event_type: str) -> bool:
        """"recalled its ambassador", "massed troops", "deployed missiles": the doer's own people, or the force and
        arms it moves, not a party acted on."""
        lemma = tok.lemma_.lower()
        return _has_own_pronoun(tok) or (
            event_type in MOVED_FORCES and (lemma in FORCE_WORDS or lemma in self.weapons))


def _scene_place(tok: Token, doc: Document, skip: list[tuple[int, int]]) -> PlaceMention | None:
    """The first place with a country that the sentence of `tok` names outside the character spans `skip` (the
    doer's own phrase: "China's coast guard"), and not in a name the actor stage read as someone's ("the Delmas
    neighbourhood")."""
    sent = next((s for s in doc.sentences if s.start <= tok.idx < s.end), None)
    if sent is None:
        return None
    for m in doc.places:
        if not (sent.start <= m.start < sent.end and m.place.country) or any(a <= m.start < b for a, b in skip):
            continue
        if not any(a.kind in ("entity", "organisation") and a.start <= m.start < a.end for a in doc.actors):
            return m
    return None


def _scene(tok: Token, doc: Document, skip: list[tuple[int, int]]) -> Token | None:
    """The last resort for force used on nobody named ("Rebels in Sierra Leone ambushed a convoy"): the place the
    sentence names (`_scene_place`), standing for its people."""
    m = _scene_place(tok, doc, skip)
    span = tok.doc.char_span(m.start, m.end) if m is not None else None
    return span.root if span is not None else None


def _manner(tok: Token) -> bool:
    """"responded with force": a bare "force" is how, not whom ("with security forces", "the force" are parties)."""
    return tok.lower_ == "force" and not any(c.dep_ in ("det", "poss", "compound", "nummod") for c in tok.children)


def _origins(verb: Token) -> list[Token]:
    """"fought from Gaza", "fired rockets from southern Lebanon": where an attack comes from, the doer's ground."""
    return [g for h in (verb, *[c for c in verb.children if c.dep_ == "dobj"]) for c in h.children
            if c.dep_ == "prep" and c.lower_ == "from" for g in c.children if g.dep_ == "pobj"]


def _contingent(actor: Actor | None, head: Token | None, trig: Trigger) -> Actor | None:
    """"ambushed U.N. peacekeepers from Bangladesh": an international force "from" a country is that country's
    contingent (docs/event-roles.md), wherever the parser hangs the "from"; not where the force moves or is sent
    away ("withdrew peacekeepers from Congo", "expelled U.N. monitors from Eritrea")."""
    if actor is None or head is None or actor.country is not None or "IGO" not in actor.sector or (
            trig.event_type in PLACE_TARGETS and trig.event_type != "ASSAULT") or head.lemma_.lower() not in FORCE_WORDS:
        return actor
    doc = head.doc
    after = doc[head.right_edge.i + 1] if head.right_edge.i + 1 < len(doc) else None
    preps = [c for c in head.children if c.dep_ == "prep" and c.lower_ == "from"] or (
        [after] if after is not None and after.lower_ == "from" and after.dep_ == "prep" else [])
    countries = load_actor_dictionary().countries
    country = next((countries[g.lower_] for p in preps for g in p.children if g.dep_ == "pobj" and g.pos_ == "PROPN"
                    and g.lower_ in countries), None)
    if country is not None:
        actor.country = country
    return actor


def _has_own_pronoun(tok: Token) -> bool:
    """"its ambassador", "their troops"."""
    return any(c.dep_ == "poss" and c.lower_ in OWN_PRONOUNS for c in tok.children)


def _product(src: list[Token], tgt: list[Token]) -> list[tuple[Token | None, Token | None]]:
    """Every source with every target, nobody as both; a missing role is None."""
    sources: list[Token | None] = [*src] or [None]
    targets: list[Token | None] = [*tgt] or [None]
    return [(s, t) for s, t in product(sources, targets) if s is None or t is None or s.i != t.i]


def demonym_conjuncts(head: Token) -> list[Token]:
    """"Indian and Pakistani foreign secretaries": the conjoined demonyms or country names modifying a noun."""
    countries = load_actor_dictionary().countries
    for c in head.children:
        if c.dep_ in ("amod", "compound", "nmod") and c.conjuncts:
            group = [c, *c.conjuncts]
            if all(g.lower_ in countries for g in group):
                return group
    return []


def _foreign_demonym(head: Token, homes: set[str | None]) -> bool:
    """"his Turkish counterpart": whether a demonym or country name of none of `homes` modifies the head."""
    countries = load_actor_dictionary().countries
    return any(c.dep_ in ("amod", "compound") and c.lower_ in countries and countries[c.lower_] not in homes
               for c in head.children)


def phrase_bounds(head: Token) -> tuple[int, int]:
    """Character span of the participant phrase: the head with its modifiers, without conjuncts and clauses."""
    lo, hi = head.i, head.i
    doc = head.doc
    for c in head.children:
        if c.dep_ in PHRASE_CUT:
            continue
        left = c.left_edge.i
        if c.dep_ == "prep" and c.i > head.i and doc[left - 1].text in ("–", "—", "(", ","):
            continue                           # "the US Secretary of State – in a call with ... –"
        lo, hi = min(lo, left), max(hi, c.right_edge.i)
    while hi > lo and doc[hi].is_punct:
        hi -= 1
    while lo < hi and doc[lo].is_punct:
        lo += 1
    return doc[lo].idx, doc[hi].idx + len(doc[hi].text)


def names_someone(actor: Actor | None) -> bool:
    """Whether a coded role names a participant: a country, or an international or non-governmental body."""
    return actor is not None and (actor.country is not None or bool({"IGO", "NGO"} & set(actor.sector)))


def _unstated(doc: Document, trig: Trigger, target: Actor | None) -> Actor | None:
    """The doer of an act nobody is named doing (UNSTATED_DOERS): of the country of the place the sentence names
    outside the target's phrase, else of the story's; inferred, with no text."""
    sector = UNSTATED_DOERS.get(trig.event_type)
    if sector is None:
        return None
    if trig.event_type in FOREIGN_ACTS:
        place = _place_of_act(trig.token, doc)
        country = place.place.country if place is not None else None
    else:
        place = _scene_place(trig.token, doc, _spans(target))
        country = place.place.country if place is not None else _home(doc)
    return Actor(text="", country=country, sector=list(sector), inferred=True) if country else None


def _place_of_act(verb: Token, doc: Document) -> PlaceMention | None:
    """A place the trigger verb itself governs ("were expelled from Moscow"), not one inside a participant's phrase
    ("the Indian prime minister's visit to Pakistan was cancelled")."""
    for m in doc.places:
        span = verb.doc.char_span(m.start, m.end)
        if span is not None and m.place.country and span.root.head.dep_ == "prep" and span.root.head.head.i == verb.i:
            return m
    return None


def _at_home(doc: Document, trig: Trigger, source: Actor | None) -> Actor | None:
    """An act no phrase names a recipient for, by a party in its own country, is toward that country: its government
    for a party outside the state ("The rebels agreed to a ceasefire", "Workers went on strike in Lagos"). A state's
    own agents act at home where they use force or protest ("Police in Nairobi fired tear gas") or where it names a
    place of theirs outside their own phrase ("Iran rejected the charges in Tehran"); "Norway offered to mediate"
    says nothing of whom for. Inferred."""
    if source is None or source.country is None:
        return None
    if trig.event_type == "ASSAULT" and trig.kind == "verb" and _origins(trig.token):
        return None              # "Hamas fought from Gaza": an attack from home ground is aimed elsewhere
    state = bool(STATE_SECTORS & set(source.sector))
    abroad = state and trig.event_type not in PLACE_TARGETS and trig.event_type != "PROTEST"
    place = _scene_place(trig.token, doc, _spans(source) if abroad else [])
    where = place.place.country if place is not None else (None if abroad else _home(doc))
    if where != source.country:
        return None
    return Actor(text="", country=source.country, sector=[] if state else ["GOV"], inferred=True)


def _spans(actor: Actor | None) -> list[tuple[int, int]]:
    """The character span of a role's phrase, if the text names it."""
    return [(actor.start, actor.end)] if actor is not None and actor.start is not None and actor.end is not None else []


def _unresolved(doc: Document, head: Token | None) -> Actor | None:
    """"He was arrested at his home in Lagos": a pronoun the text gives no referent for is of the story's country."""
    if head is None or head.tag_ != "PRP":
        return None
    country = _home(doc)
    start, end = head.idx, head.idx + len(head.text)
    return Actor(text=head.text, country=country, sector=[], start=start, end=end, inferred=True) if country else None


def code_actor(doc: Document, head: Token | None) -> Actor | None:
    """The Actor for the phrase headed by `head` (see role_of); None for nobody."""
    return role_of(doc, head)[0] if head is not None else None


def code_role(doc: Document, head: Token | None) -> Actor | None:
    """A source or target: as `code_actor`, but a pronoun that refers to nobody is nobody ("He accused ...,
    Chavez said": the speaker the caller falls back on), and a phrase that names no country is of the story's
    ("Hundreds of Kashmiris protested in Srinagar", "UNITA rebels"), as unstated actors are (docs/actors.md)."""
    actor = code_actor(doc, head)
    if actor is None or head is None or names_someone(actor):
        return actor
    if head.pos_ == "PRON" and not actor.sector:
        return None
    actor.country = _home(doc)
    return actor


class _Memo:
    """Role codings of the document being coded: candidates are tried more than once. Holds that one document, with
    its actor mentions by start offset (a role's phrase looks up only those near it)."""
    doc: ClassVar[Document | None] = None
    roles: ClassVar[dict[int, tuple[Actor, bool]]] = {}
    home: ClassVar[list[str | None]] = []
    mentions: ClassVar[list[ActorMention]] = []
    starts: ClassVar[list[int]] = []
    longest: ClassVar[int] = 0


def _memo(doc: Document) -> type[_Memo]:
    if _Memo.doc is not doc:
        _Memo.doc, _Memo.roles, _Memo.home = doc, {}, []
        _Memo.mentions = sorted(doc.actors, key=lambda m: m.start)
        _Memo.starts = [m.start for m in _Memo.mentions]
        _Memo.longest = max((m.end - m.start for m in doc.actors), default=0)
    return _Memo


def _near(doc: Document, start: int, end: int) -> list[ActorMention]:
    """The actor mentions that overlap [start, end), and perhaps a few more just before it."""
    memo = _memo(doc)
    return memo.mentions[bisect_left(memo.starts, start - memo.longest):bisect_left(memo.starts, end)]


def _home(doc: Document) -> str | None:
    """The story's country (actors.story_country), else the one its actors most name; once per document."""
    memo = _memo(doc)
    if not memo.home:
        named = Counter(m.actor.country for m in doc.actors if m.actor.country)
        memo.home.append(story_country(doc) or (named.most_common(1)[0][0] if named else None))
    return memo.home[0]


def role_of(doc: Document, head: Token) -> tuple[Actor, bool]:
    """An Actor for the phrase headed by `head`, and whether an actor phrase names it: a demonym head ("Indian and
    Pakistani officials"), an actor mention in the phrase, or one the head lies in ("US" in "US air strikes"); else
    (False) a capital, or a place in the phrase standing for its people ("a village in northern Uganda")."""
    a, named = _coded(doc, head)
    return Actor(text=a.text, country=a.country, sector=list(a.sector), name=a.name, start=a.start, end=a.end), named


def _coded(doc: Document, head: Token) -> tuple[Actor, bool]:
    """role_of's memo entry itself, for reading only."""
    roles = _memo(doc).roles
    if head.i not in roles:
        roles[head.i] = _code_role(doc, head)
    return roles[head.i]


def _code_role(doc: Document, head: Token) -> tuple[Actor, bool]:
    start, end = phrase_bounds(head)
    text = doc.text[start:end]
    lex = load_actor_dictionary()
    demonym = None
    if head.dep_ in ("amod", "compound", "nmod", "conj"):      # the whole name: "South Sudan" is not Sudan
        compound = any(c.dep_ == "compound" for c in head.children)
        demonym = lex.countries.get(text.lower()) or (None if compound else lex.countries.get(head.lower_))
    if demonym:
        return Actor(text=text, country=demonym, sector=_people_sector(doc, head), start=start, end=end), True
    near = _near(doc, start, end)
    inside = sorted((m for m in near if start <= m.start and m.end <= end and not _topic(head, m.start, m.end)),
                    key=lambda m: m.start - m.end)
    # the head's own mention, else its owner's ("Australia's role in East Timor"), else the nearest that names
    # someone ("an invitation from West Africa's regional bloc ECOWAS", "a team of OSCE monitors from Kosovo")
    owners = [c.idx for c in head.children if c.dep_ in ("poss", "compound", "amod") and c.i < head.i]
    covering = [m for m in inside if m.start <= head.idx < m.end] or [
        m for m in inside if any(m.start <= i < m.end for i in owners)]
    capital = None if covering else _capital_owner(head)
    if capital is not None:                     # "accepted Washington's apology": the government's
        return Actor(text=text, country=capital, sector=["GOV"], start=start, end=end), True
    named = [] if covering else sorted((m for m in inside if names_someone(m.actor)), key=lambda m: _depth(head, m))
    mention = next(iter(covering or named or inside), None)
    if mention is not None:
        a = mention.actor
        # a country named as a place ("a village in northern Uganda") stands for its people; one a thing is sent to
        # or asked from ("apologised to South Korea") for its government
        span = head.doc.char_span(mention.start, mention.end) if mention.kind == "country" and covering else None
        if span is not None and span[-1].pos_ == "PROPN" and not a.sector:
            party = span.root.dep_ == "pobj" and span.root.head.lower_ in PARTY_PREPS
            return Actor(text=text, country=a.country, sector=["GOV" if party else "CVL"], name=a.name,
                         start=start, end=end), True
        # "Burundian peacekeepers of the African Union mission": a contingent is its own country's
        contingent = lex.countries.get(next((c.lower_ for c in head.children if c.dep_ == "amod"), "")) if (
            a.country is None and "IGO" in a.sector and head.pos_ == "NOUN") else None
        # "African Union Commission chairman Moussa Faki": a national who speaks for an international body keeps
        # his country and takes the body's sector
        office = a.country is not None and "IGO" not in a.sector and any(_igo_title(head, m) for m in inside)
        sector = [*a.sector, "IGO"] if office else list(a.sector)
        return Actor(text=text, country=contingent or a.country, sector=sector, name=a.name,
                     start=start, end=end), True
    covering = [m for m in near if m.start <= head.idx < m.end]
    if covering:                 # "US" in "US air strikes"
        a = covering[0].actor
        return Actor(text=text, country=a.country, sector=list(a.sector), name=a.name, start=start, end=end), True
    if head.pos_ == "PROPN" and head.lower_ in lex.capitals:     # "recalled its ambassador from Washington"
        located = head.dep_ == "pobj" and head.head.lower_ not in PARTY_PREPS     # "were killed in Baghdad"
        return Actor(text=text, country=lex.capitals[head.lower_], sector=["CVL" if located else "GOV"],
                     start=start, end=end), False
    place = next((p for p in doc.places if start <= p.start and p.end <= end and p.place.country
                  and not _topic(head, p.start, p.end)), None)
    if place is not None:
        return Actor(text=text, country=place.place.country, sector=["CVL"], start=start, end=end), False
    return Actor(text=text, country=None, sector=[], start=start, end=end), False


def _topic(head: Token, start: int, end: int) -> bool:
    """"Critics of the Iraq war", "the Iran nuclear deal", "the Syria talks": a country name that only modifies an
    event or a topic (TOPIC_NOUNS) tells what it is about, not who takes part; "US air strikes" as the role itself
    still names its doer."""
    span = head.doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    # the actor stage may take in the thing itself ("the Iraq war"): the name is the modifier within
    name = span.root if span.root.pos_ == "PROPN" else next((t for t in span if t.pos_ == "PROPN"), span.root)
    thing = name.head
    if name.dep_ not in ("compound", "nmod") or name.pos_ != "PROPN" or thing.pos_ != "NOUN":
        return False
    lemma = thing.lemma_.lower()
    if thing.i == head.i and lemma in _event_lemmas():     # "US air strikes": the doer
        return False
    return lemma in TOPIC_NOUNS or lemma in _event_lemmas()


@cache
def _event_lemmas() -> frozenset[str]:
    """Every event noun of data/events/nominal.jsonl, those that need a modifier to tell an event included."""
    return frozenset(r["lemma"] for r in read_jsonl("events", "nominal.jsonl"))


def _igo_title(head: Token, mention: ActorMention) -> bool:
    """Whether the mention is an international body named in the title before the head ("U.N. envoy Lakhdar
    Brahimi"), not in a phrase of it ("U.S. ambassador to the U.N. Nikki Haley")."""
    if mention.actor.country is not None or "IGO" not in mention.actor.sector or mention.end > head.idx:
        return False
    span = head.doc.char_span(mention.start, mention.end, alignment_mode="expand")
    tok = span.root if span is not None else head
    while tok.i != head.i and tok.head.i != tok.i:
        if tok.dep_ in ("prep", "pobj"):
            return False
        tok = tok.head
    return tok.i == head.i


def _capital_owner(head: Token) -> str | None:
    """The country of a capital that owns the phrase ("Washington's apology", "New Delhi's offer")."""
    capitals = load_actor_dictionary().capitals
    for c in head.children:
        if c.dep_ == "poss" and c.pos_ == "PROPN" and c.i < head.i:
            name = head.doc[c.left_edge.i:c.i + 1].text.lower()
            return capitals.get(name) or capitals.get(c.lower_)
    return None


def _depth(head: Token, mention: ActorMention) -> int:
    """How many steps below `head` the mention's head word hangs."""
    span = head.doc.char_span(mention.start, mention.end, alignment_mode="expand")
    tok, steps = (span.root, 0) if span is not None else (head, 0)
    while tok.i != head.i and tok.head.i != tok.i:
        tok, steps = tok.head, steps + 1
    return steps


def _people_sector(doc: Document, demonym: Token) -> list[str]:
    """"Indian and Pakistani foreign secretaries": each demonym's people have the role of the noun they modify."""
    first = demonym
    while first.dep_ == "conj" and first.head.i != first.i:
        first = first.head
    noun = first.head
    covering = [m for m in doc.actors if m.start <= noun.idx < m.end]
    return list(covering[0].actor.sector) if covering else []
