"""Gazetteers: canonical departments, indicators and places, and the matcher that resolves names.

Data lives in the repository's top-level ``gazetteers/`` directory (``departments.yaml`` plus any
``departments_*.yaml``, ``indicators.yaml``, ``places.csv``). :func:`load_gazetteer` finds it in this order:

1. the ``root`` argument;
2. the ``POLICYPARSE_GAZETTEERS`` environment variable;
3. ``<source tree>/gazetteers`` (``Path(__file__).parents[3]``, an editable/dev install);
4. ``policyparse/gazetteer/data`` inside the installed package (copy the three files there when
   building a wheel).

Usage::

    from policyparse.gazetteer import load_gazetteer
    gaz = load_gazetteer()
    m = gaz.match("市工信局", kind="department", city="泰安市")
    m.id, m.entity, m.method          # ('dept.industry_information', '泰安市工业和信息化局', 'rule')
    gaz.match("R&D经费支出与GDP比值", kind="indicator").id   # 'rd_expenditure_gdp_share'
    gaz.place("石河子")                 # Place(adcode='659001000000', name='石河子市', ...)
"""

from __future__ import annotations

import os
import sys
import threading
from pathlib import Path

from policyparse.errors import GazetteerError
from policyparse.gazetteer.loader import (
    DepartmentType,
    Indicator,
    Place,
    department_files,
    load_departments,
    load_indicators,
    load_places,
)
from policyparse.gazetteer.matcher import (
    DEPARTMENT_FUZZY_THRESHOLD,
    FUZZY_MARGIN,
    INDICATOR_FUZZY_THRESHOLD,
    PLACE_FUZZY_THRESHOLD,
    Gazetteer,
    Match,
    extract_one,
)

ENV_VAR = "POLICYPARSE_GAZETTEERS"
FILES = ("departments.yaml", "indicators.yaml", "places.csv")

_lock = threading.Lock()
_cache: dict[Path, Gazetteer] = {}


def default_root() -> Path:
    """Where the gazetteer data is found when no root is given (see module docstring)."""
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env)
    source_tree = Path(__file__).resolve().parents[3] / "gazetteers"
    if (source_tree / FILES[0]).is_file():
        return source_tree
    packaged = Path(__file__).resolve().parent / "data"
    if (packaged / FILES[0]).is_file():
        return packaged
    installed = Path(sys.prefix) / "share" / "policyparse" / "gazetteers"  # pyproject data-files
    if (installed / FILES[0]).is_file():
        return installed
    return source_tree


def load_gazetteer(root: Path | str | None = None) -> Gazetteer:
    """Load (once per directory, cached) and validate the gazetteers under ``root``."""
    root = Path(root) if root is not None else default_root()
    root = root.resolve()
    with _lock:
        gaz = _cache.get(root)
        if gaz is None:
            for name in FILES:
                if not (root / name).is_file():
                    raise GazetteerError(root / name, f"gazetteer file missing (set {ENV_VAR} to the data directory)")
            gaz = Gazetteer(
                load_departments(*department_files(root)),
                load_indicators(root / "indicators.yaml"),
                load_places(root / "places.csv"),
            )
            _cache[root] = gaz
    return gaz


__all__ = [
    "DEPARTMENT_FUZZY_THRESHOLD",
    "FUZZY_MARGIN",
    "INDICATOR_FUZZY_THRESHOLD",
    "PLACE_FUZZY_THRESHOLD",
    "DepartmentType",
    "Gazetteer",
    "Indicator",
    "Match",
    "Place",
    "default_root",
    "extract_one",
    "load_gazetteer",
]
