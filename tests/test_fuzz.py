"""Fuzzing (issue 14): real corpus files of every format, mutated (byte flips, truncation,
duplicated chunks, swapped ZIP members, damaged xref tables), must read and extract or fail with
a :class:`~policyparse.errors.PolicyParseError`, within the document budget; nothing else.

Bounded for CI: a fixed number of examples per format (``FUZZ_EXAMPLES``, env
``POLICYPARSE_FUZZ_EXAMPLES`` to scale it), derandomized (the same examples every run, so CI is
stable; set ``POLICYPARSE_FUZZ_SEED`` to explore others), each under a 20 s / 1 GiB budget. The
example count and time per format are printed. Every distinct failure found became a named fixture
in ``tests/fixtures/bad/`` with a regression test (``tests/readers/test_fuzz_regressions.py``).
"""

from __future__ import annotations

import io
import os
import tempfile
import time
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st

from policyparse import api
from policyparse.budget import Budget
from policyparse.errors import PolicyParseError, ReaderBugError

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
BUDGET = Budget(seconds=20, memory=1024**3)
FUZZ_EXAMPLES = {"txt": 100, "html": 70, "docx": 70, "pdf": 50}
SCALE = float(os.environ.get("POLICYPARSE_FUZZ_EXAMPLES", "1"))
SEED = os.environ.get("POLICYPARSE_FUZZ_SEED")


def _two_page_pdf(path: Path) -> bytes:
    """The first two pages of a real corpus PDF (a whole one takes ~0.5 s per example)."""
    import pypdf

    reader = pypdf.PdfReader(path)
    writer = pypdf.PdfWriter()
    for page in reader.pages[:2]:
        writer.add_page(page)
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


SOURCES = {
    "txt": lambda: (CORPUS / "003_1b4764571c7d463f.txt").read_bytes(),
    "html": lambda: (CORPUS / "003_1b4764571c7d463f.html").read_bytes(),
    "docx": lambda: (CORPUS / "002_101a49cb13188322.docx").read_bytes(),
    "pdf": lambda: _two_page_pdf(CORPUS / "002_101a49cb13188322.pdf"),
}

frac = st.floats(0, 1, allow_nan=False)


def _mutations(fmt: str):
    kinds = [
        st.tuples(st.just("flip"), st.lists(st.tuples(frac, st.integers(0, 255)), min_size=1, max_size=24)),
        st.tuples(st.just("truncate"), frac),
        st.tuples(st.just("duplicate"), frac, st.integers(1, 8192), frac),
        st.tuples(st.just("delete"), frac, st.integers(1, 4096)),
    ]
    if fmt == "docx":
        kinds.append(st.tuples(st.just("swap_members"), st.integers(0, 63), st.integers(0, 63)))
        kinds.append(st.tuples(st.just("member_flip"), st.integers(0, 63),
                               st.lists(st.tuples(frac, st.integers(0, 255)), min_size=1, max_size=8)))
    if fmt == "pdf":
        kinds.append(st.tuples(st.just("damage"), st.sampled_from(["xref", "startxref", "trailer", "obj", "/Length",
                                                                  "stream", "/Root", "/Kids"]),
                               st.integers(0, 9), st.binary(min_size=1, max_size=12)))
    return st.lists(st.one_of(kinds), min_size=1, max_size=3)


def _at(data: bytes, f: float) -> int:
    return min(int(f * len(data)), max(len(data) - 1, 0))


def mutate(data: bytes, ops: list[tuple]) -> bytes:
    """Apply the mutation operations to ``data`` (pure: the same ops give the same bytes)."""
    for op in ops:
        kind = op[0]
        if not data:
            break
        if kind == "flip":
            b = bytearray(data)
            for f, v in op[1]:
                b[_at(data, f)] = v
            data = bytes(b)
        elif kind == "truncate":
            data = data[: _at(data, op[1])]
        elif kind == "duplicate":
            a = _at(data, op[1])
            chunk = data[a : a + op[2]]
            c = _at(data, op[3])
            data = data[:c] + chunk + data[c:]
        elif kind == "delete":
            a = _at(data, op[1])
            data = data[:a] + data[a + op[2] :]
        elif kind in ("swap_members", "member_flip"):
            data = _zip_op(data, op)
        elif kind == "damage":
            _, word, nth, junk = op
            word = word.encode()
            spots = [i for i in range(len(data)) if data.startswith(word, i)][:: max(1, nth + 1)]
            if spots:
                i = spots[nth % len(spots)] + len(word)
                data = data[:i] + junk + data[i + len(junk) :]
    return data


def _zip_op(data: bytes, op: tuple) -> bytes:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            items = [(i.filename, zf.read(i.filename)) for i in zf.infolist()]
    except Exception:
        return data  # already broken by an earlier op: leave it
    if not items:
        return data
    if op[0] == "swap_members":
        i, j = op[1] % len(items), op[2] % len(items)
        (ni, di), (nj, dj) = items[i], items[j]
        items[i], items[j] = (ni, dj), (nj, di)
    else:
        i = op[1] % len(items)
        name, member = items[i]
        if member:
            b = bytearray(member)
            for f, v in op[2]:
                b[_at(member, f)] = v
            items[i] = (name, bytes(b))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, member in items:
            zf.writestr(name, member)
    return out.getvalue()


# Failures the fuzzer found in code this branch may not change (readers/html.py belongs to another
# engineer): (format, exception type, words of its message) -> the fixture that reproduces it.
# They surface as ReaderBugError (a typed error, not a traceback); each has a strict xfail
# regression test, so fixing the reader turns it into a failure that asks to drop the entry here.
KNOWN = {
    ("html", "ValueError", "All strings must be XML compatible"): "html-control-character.html",
    ("html", "ValueError", "Invalid HTML tag name"): "html-invalid-tag-name.html",
}


def known(fmt: str, e: BaseException) -> str | None:
    cause = e.__cause__
    for (f, etype, words), fixture in KNOWN.items():
        if f == fmt and type(cause).__name__ == etype and words in str(cause):
            return fixture
    return None


def check(fmt: str, data: bytes) -> str:
    """Extract ``data`` as a file of format ``fmt``: "ok", the PolicyParseError's type name, or
    "known: FIXTURE"; an AssertionError for anything else (a ReaderBugError included)."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"fuzzed.{fmt}"
        path.write_bytes(data)
        try:
            facts = api.extract(path, budget=BUDGET)
        except ReaderBugError as e:
            fixture = known(fmt, e)
            assert fixture, f"a reader failed unexpectedly: {e!r}"
            return f"known: {fixture}"
        except PolicyParseError as e:
            assert e.path == str(path), f"error does not name the file: {e!r}"
            return type(e).__name__
        assert {"document", "targets", "assignments"} <= set(facts)
        return "ok"


@pytest.mark.parametrize("fmt", list(FUZZ_EXAMPLES))
def test_fuzzed_corpus_files(fmt, capsys):
    source = SOURCES[fmt]()
    check(fmt, source)  # warm: the pipeline loads outside the examples' budget
    outcomes: dict[str, int] = {}
    n = max(1, int(FUZZ_EXAMPLES[fmt] * SCALE))

    @settings(max_examples=n, deadline=None, derandomize=SEED is None, database=None,
              suppress_health_check=list(HealthCheck), print_blob=True)
    @given(ops=_mutations(fmt))
    def run(ops):
        data = mutate(source, ops)
        try:
            what = check(fmt, data)
        except AssertionError:
            raise
        except BaseException as e:  # anything but a PolicyParseError is the failure we hunt
            raise AssertionError(f"{fmt}: {type(e).__name__}: {e} after mutations {ops!r}") from e
        outcomes[what] = outcomes.get(what, 0) + 1

    if SEED is not None:
        run = seed(int(SEED))(run)
    t0 = time.perf_counter()
    run()
    seconds = time.perf_counter() - t0
    with capsys.disabled():
        shown = ", ".join(f"{k} {v}" for k, v in sorted(outcomes.items(), key=lambda kv: -kv[1]))
        print(f"\nfuzz {fmt}: {sum(outcomes.values())} examples in {seconds:.1f} s ({shown})")
