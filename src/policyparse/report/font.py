"""A CJK font for the report, embedded as a ``data:`` URL so Chinese renders on any machine, offline.

The report's text (tables and SVG charts alike) uses ``font-family: "PP CJK", <system CJK fonts>``.
``PP CJK`` is Noto Sans CJK SC (SIL Open Font License) subset with fontTools to exactly the
characters the page uses (about 150 KB as WOFF for the corpus), so the page does not depend on
the reader's fonts. When the font file or fontTools is missing the report falls back to the
system fonts and says so in its footer.
"""

from __future__ import annotations

import base64
import io
import logging
import os
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger(__name__)

ENV_VAR = "POLICYPARSE_CJK_FONT"
FAMILY = "PP CJK"
FONT_STACK = (f'"{FAMILY}", "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", '
              '"Microsoft YaHei", "WenQuanYi Micro Hei", sans-serif')
CANDIDATES = (
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJKsc-Regular.otf",
    "/System/Library/Fonts/PingFang.ttc",
)
SC_NAME = "Noto Sans CJK SC"


@dataclass
class EmbeddedFont:
    css: str  # an @font-face rule ("" when no font could be embedded)
    note: str  # a human-readable account of what was embedded (or why not)
    size: int = 0


def find_font() -> Path | None:
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env) if Path(env).is_file() else None
    return next((Path(p) for p in CANDIDATES if Path(p).is_file()), None)


def _open(path: Path):
    from fontTools.ttLib import TTCollection, TTFont

    if path.suffix.lower() in (".ttc", ".otc"):
        coll = TTCollection(str(path), lazy=True)
        index = 0
        for i, f in enumerate(coll.fonts):
            if f["name"].getDebugName(1) == SC_NAME:
                index = i
                break
        return TTFont(str(path), fontNumber=index, lazy=True)
    return TTFont(str(path), lazy=True)


def embed_font(chars: set[str], path: Path | None = None) -> EmbeddedFont:
    """Subset the CJK font to ``chars`` (plus printable ASCII) and return its @font-face rule."""
    path = path or find_font()
    if path is None:
        return EmbeddedFont("", "no CJK font file found (set POLICYPARSE_CJK_FONT or install fonts-noto-cjk); "
                                "Chinese text uses the reader's system fonts")
    try:
        from fontTools import subset
    except ImportError:  # pragma: no cover - fontTools is a dependency
        return EmbeddedFont("", "fontTools is not installed; Chinese text uses the reader's system fonts")
    try:
        font = _open(path)
        opts = subset.Options()
        opts.flavor = "woff"
        opts.layout_features = ["*"]
        opts.hinting = False
        opts.name_IDs = [0, 1, 2, 3, 4, 5, 6]  # keep the names (and the licence pointer, id 0)
        opts.notdef_outline = True
        sub = subset.Subsetter(opts)
        codepoints = {ord(c) for c in chars if c.isprintable()} | set(range(0x20, 0x7F)) | {0x3000}
        sub.populate(unicodes=sorted(codepoints))
        sub.subset(font)
        buf = io.BytesIO()
        font.flavor = "woff"
        font.save(buf)
    except Exception as exc:  # a broken or unexpected font file must not break the report
        log.warning("could not embed CJK font %s: %s", path, exc)
        return EmbeddedFont("", f"could not embed {path.name} ({type(exc).__name__}); "
                                "Chinese text uses the reader's system fonts")
    data = base64.b64encode(buf.getvalue()).decode("ascii")
    css = (f'@font-face{{font-family:"{FAMILY}";src:url(data:font/woff;base64,{data}) format("woff");'
           "font-weight:400 700;font-display:block}")
    return EmbeddedFont(css, f"{SC_NAME} ({path.name}, SIL OFL) subset to {len(codepoints)} characters, "
                             f"embedded ({len(buf.getvalue()) // 1024} KB)", len(buf.getvalue()))
