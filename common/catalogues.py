"""The translation catalogues as data: checks every shipped catalogue must pass, and the
Serbian Latin catalogue generated from the Cyrillic one.

Serbian is written once, in Cyrillic (`locale/sr`); `locale/sr_Latn` is its
transliteration by cyrtranslit, made by `make messages` and checked by a test, so the two
scripts never say different things.
"""

import re
from dataclasses import dataclass
from pathlib import Path

import cyrtranslit
import polib

# %(name)s, %s, %d, %% ... as Python's %-formatting reads them (gettext's python-format).
PLACEHOLDER = re.compile(r"%(?:\([^)]*\))?[#0\- +]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa%]")


@dataclass(frozen=True)
class Problem:
    catalogue: Path
    msgid: str
    what: str

    def __str__(self) -> str:
        return f"{self.catalogue}: {self.msgid!r}: {self.what}"


def placeholders(text: str) -> list[str]:
    return sorted(p for p in PLACEHOLDER.findall(text) if p != "%%")


def problems(path: Path) -> list[Problem]:
    """Untranslated, fuzzy and placeholder-breaking entries of one .po file."""
    found = []
    for entry in polib.pofile(str(path)):
        if entry.obsolete:
            continue
        if "fuzzy" in entry.flags:
            found.append(Problem(path, entry.msgid, "fuzzy"))
            continue
        pairs = (
            [(entry.msgid, entry.msgstr)]
            if not entry.msgid_plural
            else [
                (entry.msgid if index == 0 else entry.msgid_plural, text)
                for index, text in sorted(entry.msgstr_plural.items())
            ]
        )
        for source, translated in pairs:
            if not translated:
                found.append(Problem(path, entry.msgid, "untranslated"))
            elif "python-format" in entry.flags and not _same_placeholders(
                entry, source, translated
            ):
                found.append(
                    Problem(
                        path,
                        entry.msgid,
                        f"placeholders {placeholders(translated)} "
                        f"instead of {placeholders(source)}",
                    )
                )
    return found


def _same_placeholders(entry: polib.POEntry, source: str, translated: str) -> bool:
    """The translation keeps the original's placeholders. A plural form may leave out the
    count (“one row” for %(count)s rows) or, where a language uses its first form for 21,
    31..., carry the plural's count in it."""
    if not entry.msgid_plural:
        return placeholders(source) == placeholders(translated)
    allowed = set(placeholders(entry.msgid)) | set(placeholders(entry.msgid_plural))
    given = set(placeholders(translated))
    counts = {p for p in allowed if "count" in p or "(n)" in p or p in {"%d", "%s"}}
    return given <= allowed and set(placeholders(source)) - counts <= given


def to_latin(text: str) -> str:
    return cyrtranslit.to_latin(text, "sr") if text else text


def latin_catalogue(cyrillic: polib.POFile) -> polib.POFile:
    """The Serbian Latin catalogue: every translation of `cyrillic`, transliterated."""
    latin = polib.POFile(wrapwidth=cyrillic.wrapwidth)
    latin.metadata = {**cyrillic.metadata, "Language": "sr_Latn"}
    for entry in cyrillic:
        if entry.obsolete:
            continue
        latin.append(
            polib.POEntry(
                msgid=entry.msgid,
                msgid_plural=entry.msgid_plural,
                msgctxt=entry.msgctxt,
                msgstr=to_latin(entry.msgstr),
                msgstr_plural={k: to_latin(v) for k, v in entry.msgstr_plural.items()},
                flags=list(entry.flags),
                occurrences=list(entry.occurrences),
                comment=entry.comment,
                tcomment=entry.tcomment,
            )
        )
    return latin
