"""eventwire: structured political event data (PLOVER) from news text, offline."""
from importlib.metadata import PackageNotFoundError, version
from typing import Any

from .api import extract, extract_to
from .batch import extract_many
from .pipeline import Pipeline

try:
    __version__ = version("eventwire")
except PackageNotFoundError:  # running from a source tree
    __version__ = "0.0.0"

__all__ = ["Pipeline", "__version__", "extract", "extract_many", "extract_to", "open_store"]


def __getattr__(name: str) -> Any:
    # the store pulls in SQLAlchemy (~0.3 s): load it only when asked for
    if name == "open_store":
        from .store import open_store

        return open_store
    raise AttributeError(f"module 'eventwire' has no attribute {name!r}")
