"""Load a script of ``scripts/`` as a module (the tests call its functions), once per session."""

from __future__ import annotations

import importlib.util
import sys
from functools import cache
from pathlib import Path
from types import ModuleType

SCRIPTS = Path(__file__).resolve().parents[1] / "scripts"


@cache
def load_script(name: str) -> ModuleType:
    """``scripts/<name>.py`` as the module ``policyparse_scripts_<name>``."""
    spec = importlib.util.spec_from_file_location(f"policyparse_scripts_{name}", SCRIPTS / f"{name}.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod  # dataclasses look their module up there
    spec.loader.exec_module(mod)
    return mod
