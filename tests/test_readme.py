"""The README's Python example runs as written (store redirected to a temporary file)."""

import os
import re
from pathlib import Path

ROOT = Path(__file__).parents[1]


def test_readme_python_example_runs(tmp_path, capsys):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    (code,) = re.findall(r"```python\n(.*?)```", readme, flags=re.S)
    code = code.replace("outputs/policyparse.sqlite", str(tmp_path / "store.sqlite"))
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        namespace: dict = {}
        exec(compile(code, "README.md", "exec"), namespace)  # noqa: S102 - the README's own example
    finally:
        os.chdir(cwd)
    out = capsys.readouterr().out
    assert "市科技局" in out  # lead of the R&D share in 陇南市
    assert "临沂市" in out and "1600" in out  # compare of high-tech enterprises
    assert namespace["g"].number_of_nodes() > 0
