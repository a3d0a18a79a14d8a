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


_MULTIPLIERS = (("万亿", 1e12), ("亿", 1e8), ("万", 1e4), ("千", 1e3))


def _dimension(unit: str | None) -> tuple[str, float] | None:
    """(dimension, factor) of a unit: the table above, else a count unit with its multiplier as
    written ("2万家次" -> 家次 x 10,000; "万场" -> 场 x 10,000)."""
    from policyparse.extract.quantities import COUNT_UNITS

    if not unit:
        return None
    if unit in _UNITS:
        return _UNITS[unit]
    if unit in COUNT_UNITS:
        return f"count:{unit}", 1.0
    for mult, factor in _MULTIPLIERS:
        base = unit[len(mult) :]
        if unit.startswith(mult) and base in COUNT_UNITS:
            dim, f = _dimension(base) or (f"count:{base}", 1.0)
            return dim, f * factor
    return None


def conversion_factor(from_unit: str | None, to_unit: str | None) -> float | None:
    """Factor ``f`` with ``value_in_to = value_in_from * f``, 1.0 for equal units, None when the
    units are not convertible (different dimensions, unknown units, or one of them missing)."""
    if from_unit == to_unit:
        return 1.0
    a, b = _dimension(from_unit), _dimension(to_unit)
    if a is None or b is None or a[0] != b[0]:
        return None
    return a[1] / b[1]
