"""Questions analysts ask of the store: ``lead``, ``compare``, ``diff``, ``departments``, ``indicators``.

Each function takes a store (path or open connection) and returns a result object with
``to_dict()`` (the JSON the CLI prints); :mod:`policyparse.query.render` turns results into tables
or CSV.
"""

from __future__ import annotations

from policyparse.query.common import ResolvedIndicator, resolve_indicator
from policyparse.query.compare import CompareResult, cagr, compare
from policyparse.query.departments import DepartmentsResult, departments
from policyparse.query.diff import DiffResult, diff
from policyparse.query.indicators import IndicatorsResult, indicators
from policyparse.query.lead import LeadResult, lead

__all__ = [
    "CompareResult", "DepartmentsResult", "DiffResult", "IndicatorsResult", "LeadResult", "ResolvedIndicator", "cagr",
    "compare", "departments", "diff", "indicators", "lead", "resolve_indicator",
]
