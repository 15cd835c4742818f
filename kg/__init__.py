"""coop-kg: news articles about international cooperation -> an RDF knowledge graph.

The library is usable without the CLI::

    from kg import build, query, extract_file
    report = build(["data/articles"], store_path=".kg/store")
    rows = query("agreements", store_path=".kg/store")

Heavy libraries (rdflib, networkx, matplotlib) are imported only by the functions that need them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:  # pragma: no cover
    from kg.api import build, extract_file, query  # noqa: F401


def __getattr__(name: str) -> Any:
    # Lazy re-exports keep `import kg` (and so `kg --help`) cheap.
    if name in {"build", "query", "extract_file", "extract_text"}:
        from kg import api

        return getattr(api, name)
    raise AttributeError(name)
