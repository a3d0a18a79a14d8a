"""Unit conversion for comparisons: only between units of one dimension with a fixed factor."""

from __future__ import annotations

# unit -> (dimension, factor to the dimension's base unit)
_UNITS: dict[str, tuple[str, float]] = {
    "元": ("money_cny", 1.0),
    "万元": ("money_cny", 1e4),
    "亿元": ("money_cny", 1e8),
    "万亿元": ("money_cny", 1e12),
    "美元": ("money_usd", 1.0),
    "万美元": ("money_usd", 1e4),
    "亿美元": ("money_usd", 1e8),
    "人": ("people", 1.0),
    "名": ("people", 1.0),
    "万人": ("people", 1e4),
    "家": ("organisations", 1.0),
    "万家": ("organisations", 1e4),
    "个": ("items", 1.0),
    "万个": ("items", 1e4),
    "件": ("pieces", 1.0),
    "万件": ("pieces", 1e4),
    "项": ("projects", 1.0),
    "万元/人": ("money_per_person", 1.0),
    "元/人": ("money_per_person", 1e-4),
    "万元/人年": ("money_per_person_year", 1.0),
}


def conversion_factor(from_unit: str | None, to_unit: str | None) -> float | None:
    """Factor ``f`` with ``value_in_to = value_in_from * f``, 1.0 for equal units, None when the
    units are not convertible (different dimensions, unknown units, or one of them missing)."""
    if from_unit == to_unit:
        return 1.0
    a, b = _UNITS.get(from_unit or ""), _UNITS.get(to_unit or "")
    if a is None or b is None or a[0] != b[0]:
        return None
    return a[1] / b[1]
