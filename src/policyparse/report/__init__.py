"""The analysts' report: one self-contained HTML file (see :func:`report`)."""

from policyparse.report.build import DEFAULT_OUT, report

__all__ = ["DEFAULT_OUT", "report"]
