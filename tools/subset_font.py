"""Rebuild the kit's Chinese font, ``crmkit/fonts/CrmkitSansSC-Regular.otf`` (中文字体子集).

The kit ships a subset of Noto Sans CJK SC (SIL Open Font License 1.1) so that charts in Chinese
work on any machine, with no system font and no font-cache rebuild. The subset holds:

* every Chinese character, CJK punctuation mark and full-width form used in ``crmkit/**/*.py``
  (labels, class names, action texts), the translation catalogues (``locale/``, ``crmkit/locale/``:
  the Chinese edition), the English notebooks, the course's pages and the glossary -- rerun this script after adding labels with new characters
  (``tests/test_fonts.py`` fails until you do);
* the 3,755 first-level characters of GB2312 (一级汉字, bytes 0xB0A1-0xD7F9), the common hanzi,
  so that a student's own chart titles work too;
* printable ASCII, Latin-1 signs, CJK symbols and punctuation (U+3000-U+303F), full-width forms
  (U+FF01-U+FF5E), and the signs money and numbers need: ¥ ￥ − – — … · × ÷ ° ‰ “ ” ‘ ’.

Source: the Simplified Chinese face (``fontNumber`` 2) of ``NotoSansCJK-Regular.ttc`` from
Debian's ``fonts-noto-cjk`` package (``apt-get install fonts-noto-cjk``). Because the OFL asks
that a Modified Version not be confused with the original (and "Noto" is a trademark of Google),
the subset is renamed "Crmkit Sans SC"; its copyright and licence fields are kept.

    python tools/subset_font.py                   # from the repository root
    python tools/subset_font.py --source path/to/NotoSansCJK-Regular.ttc
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "crmkit" / "fonts" / "CrmkitSansSC-Regular.otf"
DEBIAN_SOURCE = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
SC_FACE = 2  # 0 JP, 1 KR, 2 SC, 3 TC, 4 HK in Noto's collection
FAMILY = "Crmkit Sans SC"
POSTSCRIPT = "CrmkitSansSC-Regular"

#: Characters that count as "Chinese" when collecting the kit's own text.
CJK = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]")
EXTRA = "¥￥−–—…·×÷°‰“”‘’•→←↑↓≈≤≥±"


def gb2312_level1() -> str:
    """The 3,755 first-level hanzi of GB2312 (rows 0xB0-0xD7; row 0xD7 stops at 0xF9)."""
    chars = []
    for hi in range(0xB0, 0xD8):
        for lo in range(0xA1, 0xFF):
            if hi == 0xD7 and lo > 0xF9:
                break
            chars.append(bytes([hi, lo]).decode("gb2312"))
    return "".join(chars)


def kit_files(root: Path = ROOT) -> list[Path]:
    """The files whose Chinese the font must draw: the kit's Python sources, the translation catalogues
    (the Chinese edition's prose, questions and pages), the English notebooks (their glosses), the
    course's pages and the glossary."""
    files = sorted((root / "crmkit").rglob("*.py")) + sorted((root / "crmkit").rglob("*.po"))
    files += sorted((root / "locale").rglob("*.po")) + sorted((root / "notebooks").glob("*.ipynb"))
    files += sorted((root / "datasets").glob("*.md")) + sorted((root / "datasets").glob("glossary.csv"))
    files += sorted(root.glob("*.md"))
    return files


def kit_characters(root: Path = ROOT) -> set[str]:
    """Every Chinese character and CJK sign in the kit's sources, catalogues, notebooks and pages."""
    found: set[str] = set()
    for path in kit_files(root):
        found.update(CJK.findall(path.read_text(encoding="utf-8")))
    return found


def wanted_characters(root: Path = ROOT) -> str:
    chars = set(gb2312_level1()) | kit_characters(root) | set(EXTRA)
    chars |= {chr(c) for c in range(0x20, 0x7F)}  # printable ASCII
    chars |= {chr(c) for c in range(0xA0, 0x100)}  # Latin-1 signs and letters
    chars |= {chr(c) for c in range(0x3000, 0x3040)}  # CJK symbols and punctuation
    chars |= {chr(c) for c in range(0xFF01, 0xFF5F)}  # full-width forms
    return "".join(sorted(chars))


def build(source: Path, out: Path = OUT) -> Path:
    from fontTools import subset
    from fontTools.ttLib import TTFont

    options = subset.Options()
    options.font_number = SC_FACE
    options.layout_features = ["*"]  # keep kerning, vertical forms, punctuation width features
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.recalc_timestamp = False  # a rebuild from the same source gives the same bytes
    options.drop_tables += ["BASE"]
    font = TTFont(source, fontNumber=SC_FACE, lazy=False, recalcTimestamp=False)
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=wanted_characters())
    subsetter.subset(font)
    _rename(font)
    out.parent.mkdir(parents=True, exist_ok=True)
    font.save(out)
    return out


def _rename(font) -> None:
    """A Modified Version under the OFL: a name of its own; copyright and licence fields kept."""
    name = font["name"]
    version = name.getDebugName(5) or ""
    new = {
        1: FAMILY,
        2: "Regular",
        3: f"{POSTSCRIPT};subset of Noto Sans CJK SC {version.split(';')[0].removeprefix('Version ')}",
        4: FAMILY,
        6: POSTSCRIPT,
        16: FAMILY,
        17: "Regular",
    }
    for rec in list(name.names):
        if rec.nameID in (1, 3, 4, 6, 16, 17, 18, 21, 22) or rec.nameID == 7:
            name.removeNames(nameID=rec.nameID, platformID=rec.platformID, platEncID=rec.platEncID,
                             langID=rec.langID)
    for nid, text in new.items():
        name.setName(text, nid, 3, 1, 0x409)
        name.setName(text, nid, 1, 0, 0)
    name.setName("Subset of Noto Sans CJK SC made for the CRM course kit (crmkit); see crmkit/fonts/README.md.",
                 10, 3, 1, 0x409)
    cff = font["CFF "].cff
    cff.fontNames = [POSTSCRIPT]
    top = cff.topDictIndex[0]
    for attr, value in (("FullName", FAMILY), ("FamilyName", FAMILY)):
        if hasattr(top, attr):
            setattr(top, attr, value)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--source", type=Path, default=DEBIAN_SOURCE,
                    help="NotoSansCJK-Regular.ttc (Debian: apt-get install fonts-noto-cjk)")
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args(argv)
    if not args.source.is_file():
        print(f"No {args.source}: install Debian's fonts-noto-cjk, or pass --source.", file=sys.stderr)
        return 1
    out = build(args.source, args.out)
    print(f"{out.relative_to(ROOT) if out.is_relative_to(ROOT) else out}: {len(wanted_characters())} characters asked, "
          f"{out.stat().st_size / 2**20:.2f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
