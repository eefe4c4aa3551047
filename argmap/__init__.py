"""argmap: map policy arguments as YAML graphs; validate, query, evaluate and draw them."""

from argmap.errors import ArgmapError, Diagnostic, Location, MapError
from argmap.load import check_map, load_map
from argmap.model import ArgumentMap, Claim, Relation, Text

__version__ = "0.1.0"
__all__ = [
    "ArgmapError",
    "ArgumentMap",
    "Claim",
    "Diagnostic",
    "Location",
    "MapError",
    "Relation",
    "Text",
    "__version__",
    "check_map",
    "load_map",
]
