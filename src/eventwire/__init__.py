"""eventwire: structured political event data (PLOVER) from news text, offline."""
from importlib.metadata import PackageNotFoundError, version

from .api import extract, extract_to
from .batch import extract_many
from .pipeline import Pipeline

try:
    __version__ = version("eventwire")
except PackageNotFoundError:  # running from a source tree
    __version__ = "0.0.0"

__all__ = ["Pipeline", "__version__", "extract", "extract_many", "extract_to"]
