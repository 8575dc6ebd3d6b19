"""Language of the clean text (py3langid); uncertain and very short texts are taken as English."""
from __future__ import annotations

import functools
from typing import Any

from .. import settings


@functools.cache
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> str:
    """ISO 639-1 code; "en" unless the text is long enough and surely in another language.

    Short English news sentences are often guessed as an English-based creole with low confidence,
    and calling them non-English would silently drop their events, so only a sure guess counts.
    """
    sample = text[:settings.LANGUAGE_SAMPLE_CHARS]
    if len(sample.strip()) < settings.MIN_LANGUAGE_CHARS:
        return "en"
    lang, prob = _identifier().classify(sample)
    return str(lang) if lang != "en" and prob >= settings.LANGUAGE_MIN_PROB else "en"
