"""pdfminer's document object with reference loops refused instead of followed for ever.

pdfminer resolves an indirect reference with ``while isinstance(x, PDFObjRef): x = x.resolve()``.
When an object's value is a reference to itself, directly (``5 0 obj 5 0 R endobj``) or through
others (``/Resources 5 0 R`` where 5 holds ``7 0 R`` and 7 holds ``5 0 R``; a stream whose
``/Length`` is such an object), that loop never ends: ``extract`` ran until killed. An object that
needs itself to be parsed (a stream whose ``/Length`` is the stream itself, an object stream
inside itself) recursed until ``RecursionError`` instead.

:class:`LoopSafeDocument` overrides ``getobj`` (the one place every resolution goes through):

* a reference chain is followed to the object it ends at, and a chain that comes back to an object
  already on it, or is longer than :data:`MAX_CHAIN`, raises :class:`PDFReferenceLoop`;
* nested ``getobj`` calls (parsing one object needs another) deeper than :data:`MAX_DEPTH`
  raise it too.

Returning the object at the end of the chain instead of the first reference changes nothing for
pdfminer's callers (they all resolve it with ``resolve1``). :class:`PDFReferenceLoop` is not a
pdfminer syntax error on purpose: pdfminer catches those and goes on with the next xref table or
a missing object, which would turn a broken file into a silently empty page.

:func:`install` makes pdfplumber build its documents with this class (done by the PDF reader).
"""

from __future__ import annotations

from pdfminer.pdfdocument import PDFDocument
from pdfminer.pdftypes import PDFObjRef

MAX_CHAIN = 32  # references followed from one object to a non-reference value
MAX_DEPTH = 64  # objects parsed inside the parsing of another (real files: a few)


class PDFReferenceLoop(Exception):
    """A PDF's indirect references form a loop (or nest implausibly deep)."""


class LoopSafeDocument(PDFDocument):
    _pp_depth = 0

    def getobj(self, objid: int) -> object:
        depth = self._pp_depth
        if depth >= MAX_DEPTH:
            raise PDFReferenceLoop(
                f"object {objid}: reading it needs objects nested more than {MAX_DEPTH} deep "
                "(an object that refers to itself, e.g. a /Length pointing at its own stream)")
        self._pp_depth = depth + 1
        try:
            obj = super().getobj(objid)
            chain = [objid]
            while isinstance(obj, PDFObjRef):
                nxt = obj.objid
                if nxt in chain or len(chain) >= MAX_CHAIN:
                    shown = " -> ".join(f"{n} 0 R" for n in [*chain, nxt])
                    raise PDFReferenceLoop(f"indirect references form a loop: {shown}")
                chain.append(nxt)
                obj = super().getobj(nxt)
            return obj
        finally:
            self._pp_depth = depth


def install() -> None:
    """Make pdfplumber open documents as :class:`LoopSafeDocument` (idempotent)."""
    import pdfplumber.pdf

    if pdfplumber.pdf.PDFDocument is not LoopSafeDocument:
        pdfplumber.pdf.PDFDocument = LoopSafeDocument
