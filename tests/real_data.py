"""Where the real government documents are: ``../shared/real`` from the repository root.

They are data collected from public portals, not the project's work, so they are not in the
repository; tests that read them skip (with :data:`SKIP_REASON`) when the folder is absent, as in a
user's fresh clone. A git worktree under ``<repo>/../wt/<name>`` finds the same folder one level
further up; ``POLICYPARSE_REAL`` names another place.
"""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def find_real() -> Path | None:
    given = os.environ.get("POLICYPARSE_REAL")
    candidates = [Path(given)] if given else [p / "shared" / "real" for p in ROOT.parents[:2]]
    return next((c for c in candidates if c.is_dir()), None)


REAL = find_real()
SKIP_REASON = "real documents not found (../shared/real from the repository root; a fresh clone does not have them)"
