"""Build hostile and broken "workbooks" in a folder at test time.

Each ``make_<name>(folder)`` writes one trap file into ``folder`` and returns its path, so
that no binary fixture is committed. :data:`HOSTILE_FILES` maps each name to its maker.
The zip bomb is the only slow one (about two seconds, 5 MB on disk); build it once per
session.
"""

from __future__ import annotations

import os
import struct
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

from openpyxl import Workbook

__all__ = ["HOSTILE_FILES", "make_valid_workbook"]

TRANSITIONAL_NAMESPACE = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
STRICT_NAMESPACE = "http://purl.oclc.org/ooxml/spreadsheetml/main"
SHEET_PART = "xl/worksheets/sheet1.xml"
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
OLE2_SECTOR = 512
OLE2_END_OF_CHAIN = 0xFFFFFFFE
OLE2_FAT_SECTOR = 0xFFFFFFFD
OLE2_FREE = 0xFFFFFFFF
ZIP_CENTRAL_HEADER = b"PK\x01\x02"
BOMB_BYTES = 1100 * 1024**2  # just over 1 GiB of XML whitespace
LYING_BOMB_BYTES = 20 * 1024**2
WHITESPACE_CHUNK = b" " * 1024**2


def make_valid_workbook(folder: Path, name: str = "valid.xlsx") -> Path:
    """Write an ordinary workbook with openpyxl: the control case, and a base for traps."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Board"
    sheet.append(["Measure", "Value"])
    sheet.append(["Referrals", 1234])
    path = folder / name
    workbook.save(path)
    return path


def make_empty(folder: Path) -> Path:
    path = folder / "empty.xlsx"
    path.write_bytes(b"")
    return path


def make_missing(folder: Path) -> Path:
    return folder / "missing.xlsx"


def make_folder(folder: Path) -> Path:
    path = folder / "folder.xlsx"
    path.mkdir()
    return path


def make_csv(folder: Path) -> Path:
    path = folder / "csv.xlsx"
    path.write_text("Measure,Value\nReferrals,1234\n", encoding="utf-8")
    return path


def make_html(folder: Path) -> Path:
    path = folder / "html.xlsx"
    path.write_text("<html><body><table><tr><td>1</td></tr></table></body></html>", "utf-8")
    return path


def make_random_bytes(folder: Path) -> Path:
    path = folder / "random.xlsx"
    path.write_bytes(os.urandom(64 * 1024))
    return path


def make_truncated(folder: Path) -> Path:
    """A valid workbook cut in half, as by an interrupted download."""
    data = make_valid_workbook(folder, "whole.xlsx").read_bytes()
    path = folder / "truncated.xlsx"
    path.write_bytes(data[: len(data) // 2])
    return path


def make_corrupt_entry(folder: Path) -> Path:
    """A valid workbook with bytes inside its worksheet's compressed data overwritten."""
    source = make_valid_workbook(folder, "intact.xlsx")
    with zipfile.ZipFile(source) as archive:
        entry = archive.getinfo(SHEET_PART)
    data = bytearray(source.read_bytes())
    name_length, extra_length = struct.unpack_from("<HH", data, entry.header_offset + 26)
    start = entry.header_offset + 30 + name_length + extra_length
    middle = start + entry.compress_size // 2
    data[middle : middle + 8] = b"\xff" * 8
    path = folder / "corrupt_entry.xlsx"
    path.write_bytes(bytes(data))
    return path


def make_legacy_xls(folder: Path) -> Path:
    path = folder / "legacy.xls"
    path.write_bytes(_compound_file(["Root Entry", "Workbook", "\x05SummaryInformation"]))
    return path


def make_encrypted(folder: Path) -> Path:
    """An OLE2 container like Excel's password-protected .xlsx.

    The two encryption streams sit in the directory's second sector, so a guard that
    looks only at the first sector misses them.
    """
    names = ["Root Entry", "\x06DataSpaces", "Version", "DataSpaceMap"]
    names += ["EncryptionInfo", "EncryptedPackage"]
    path = folder / "encrypted.xlsx"
    path.write_bytes(_compound_file(names))
    return path


def make_zip_bomb(folder: Path) -> Path:
    """A well-formed sheet that inflates to over 1 GiB, with true sizes declared."""
    path = folder / "zip_bomb.xlsx"
    _write_whitespace_sheet(path, BOMB_BYTES)
    return path


def make_lying_zip_bomb(folder: Path) -> Path:
    """A 20 MB sheet whose zip headers claim it is 90 KB, under every ratio check."""
    path = folder / "lying_zip_bomb.xlsx"
    _write_whitespace_sheet(path, LYING_BOMB_BYTES)
    _understate_sizes(path, 90 * 1024)
    return path


def make_too_many_parts(folder: Path) -> Path:
    path = make_valid_workbook(folder, "too_many_parts.xlsx")
    with zipfile.ZipFile(path, "a") as archive:
        for number in range(1001):
            archive.writestr(f"xl/media/image{number}.png", b"")
    return path


def make_billion_laughs(folder: Path) -> Path:
    return _with_sheet(folder, "billion_laughs.xlsx", _billion_laughs_sheet().encode())


def make_billion_laughs_utf16(folder: Path) -> Path:
    sheet = _billion_laughs_sheet().replace('encoding="UTF-8"', 'encoding="UTF-16"')
    return _with_sheet(folder, "billion_laughs_utf16.xlsx", sheet.encode("utf-16"))


def make_external_entity(folder: Path) -> Path:
    sheet = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<!DOCTYPE worksheet [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
        + _sheet_with_text("&xxe;")
    )
    return _with_sheet(folder, "external_entity.xlsx", sheet.encode())


def make_strict(folder: Path) -> Path:
    """A workbook in Strict Open XML, which openpyxl opens as one with no sheets."""
    source = make_valid_workbook(folder, "transitional.xlsx")
    path = folder / "strict.xlsx"
    strict = STRICT_NAMESPACE.encode()
    _copy_zip(source, path, lambda _, data: data.replace(TRANSITIONAL_NAMESPACE.encode(), strict))
    return path


def make_docx(folder: Path) -> Path:
    path = folder / "document.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Override PartName="/word/document.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
        )
        archive.writestr("word/document.xml", "<w:document/>")
    return path


def make_plain_zip(folder: Path) -> Path:
    path = folder / "plain_zip.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("notes.txt", "Not a workbook.")
    return path


def make_unusual_compression(folder: Path) -> Path:
    """A workbook re-packed with LZMA, which Excel never writes."""
    source = make_valid_workbook(folder, "deflated.xlsx")
    path = folder / "lzma.xlsx"
    _copy_zip(source, path, lambda _, data: data, compression=zipfile.ZIP_LZMA)
    return path


def make_wrong_suffix(folder: Path) -> Path:
    """A perfectly good workbook, named so that openpyxl would refuse it."""
    return make_valid_workbook(folder, "workbook.zip")


def _compound_file(stream_names: list[str]) -> bytes:
    """Return a minimal OLE2 compound file whose directory lists ``stream_names``.

    Sectors 0 to n-1 hold the directory (four 128-byte entries each); sector n is the FAT.
    """
    entries = b"".join(_directory_entry(name) for name in stream_names)
    entries += bytes(-len(entries) % OLE2_SECTOR)
    directory_sectors = len(entries) // OLE2_SECTOR
    chain = [*range(1, directory_sectors), OLE2_END_OF_CHAIN, OLE2_FAT_SECTOR]
    fat = struct.pack(f"<{OLE2_SECTOR // 4}I", *chain, *[OLE2_FREE] * (128 - len(chain)))
    header = bytearray(OLE2_SECTOR)
    header[:8] = OLE2_MAGIC
    struct.pack_into("<HHHHH", header, 24, 0x3E, 3, 0xFFFE, 9, 6)  # version 3, 512 B sectors
    struct.pack_into("<II", header, 44, 1, 0)  # one FAT sector; the directory starts at 0
    struct.pack_into("<IIIII", header, 56, 4096, OLE2_END_OF_CHAIN, 0, OLE2_END_OF_CHAIN, 0)
    struct.pack_into("<109I", header, 76, directory_sectors, *[OLE2_FREE] * 108)
    return bytes(header) + entries + fat


def _directory_entry(name: str) -> bytes:
    encoded = name.encode("utf-16-le") + b"\0\0"
    entry = bytearray(128)
    entry[: len(encoded)] = encoded
    kind = 5 if name == "Root Entry" else 2  # root storage or stream
    struct.pack_into("<HBBIII", entry, 64, len(encoded), kind, 1, *[OLE2_FREE] * 3)
    return bytes(entry)


def _write_whitespace_sheet(path: Path, size: int) -> None:
    """Write a workbook whose only sheet is ``size`` bytes of XML whitespace, streamed."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        with archive.open(SHEET_PART, "w", force_zip64=True) as sheet:
            sheet.write(f'<worksheet xmlns="{TRANSITIONAL_NAMESPACE}">'.encode())
            for _ in range(size // len(WHITESPACE_CHUNK)):
                sheet.write(WHITESPACE_CHUNK)
            sheet.write(b"<sheetData/></worksheet>")


def _understate_sizes(path: Path, declared: int) -> None:
    """Rewrite the uncompressed size in both headers of a one-entry archive."""
    data = bytearray(path.read_bytes())
    struct.pack_into("<I", data, 22, declared)  # the local header starts the file
    struct.pack_into("<I", data, data.rindex(ZIP_CENTRAL_HEADER) + 24, declared)
    path.write_bytes(bytes(data))


def _billion_laughs_sheet() -> str:
    levels = ['<!ENTITY lol0 "lol">']
    for level in range(1, 10):
        levels.append(f'<!ENTITY lol{level} "{f"&lol{level - 1};" * 10}">')
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f"<!DOCTYPE worksheet [{''.join(levels)}]>\n" + _sheet_with_text("&lol9;")
    )


def _sheet_with_text(text: str) -> str:
    return (
        f'<worksheet xmlns="{TRANSITIONAL_NAMESPACE}"><sheetData><row r="1">'
        f'<c r="A1" t="inlineStr"><is><t>{text}</t></is></c></row></sheetData></worksheet>'
    )


def _with_sheet(folder: Path, name: str, sheet: bytes) -> Path:
    """Copy a valid workbook to ``name`` with its first worksheet replaced by ``sheet``."""
    source = make_valid_workbook(folder, f"base_{name}")
    path = folder / name
    _copy_zip(source, path, lambda part, data: sheet if part == SHEET_PART else data)
    return path


def _copy_zip(
    source: Path,
    target: Path,
    transform: Callable[[str, bytes], bytes],
    compression: int = zipfile.ZIP_DEFLATED,
) -> None:
    """Copy every part of ``source`` to ``target``, passing each through ``transform``."""
    with zipfile.ZipFile(source) as reader, zipfile.ZipFile(target, "w", compression) as writer:
        for entry in reader.infolist():
            writer.writestr(entry.filename, transform(entry.filename, reader.read(entry)))


HOSTILE_FILES: dict[str, Callable[[Path], Path]] = {
    "empty": make_empty,
    "missing": make_missing,
    "folder": make_folder,
    "csv": make_csv,
    "html": make_html,
    "random_bytes": make_random_bytes,
    "truncated": make_truncated,
    "corrupt_entry": make_corrupt_entry,
    "legacy_xls": make_legacy_xls,
    "encrypted": make_encrypted,
    "zip_bomb": make_zip_bomb,
    "lying_zip_bomb": make_lying_zip_bomb,
    "too_many_parts": make_too_many_parts,
    "billion_laughs": make_billion_laughs,
    "billion_laughs_utf16": make_billion_laughs_utf16,
    "external_entity": make_external_entity,
    "strict": make_strict,
    "docx": make_docx,
    "plain_zip": make_plain_zip,
    "unusual_compression": make_unusual_compression,
    "wrong_suffix": make_wrong_suffix,
}


# --- crafted master workbooks: within the file-size limits, costly to parse -----------------
# Each is the blank master workbook with tabs added whose Excel Table is ordinary but whose
# sheet part is generated, streamed into the zip: tiny cells beside the table's rows (every
# one of them parsed), or a table whose range runs far down. The reader must end each one
# with a clear message (or findings with the right counts) within the corpus's bounds.


def make_tiny_cells_in_one_tab(folder: Path) -> Path:
    """One tab of 300,000 tiny cells in the rows of its table (7 MB of XML)."""
    return _crafted_master(folder, "tiny_cells_one_tab.xlsx", [(2_000, 150)])


def make_tiny_cells_in_three_tabs(folder: Path) -> Path:
    """Three tabs of 200,000 tiny cells each: none too many alone, too many together."""
    return _crafted_master(folder, "tiny_cells_three_tabs.xlsx", [(2_000, 100)] * 3)


def make_huge_tab(folder: Path) -> Path:
    """A table of 40,000 rows of 1,000 characters: its tab inflates to 40 MB, more than any
    real tab."""
    return _crafted_master(folder, "huge_tab.xlsx", [(40_000, -1_000)])


def make_long_table(folder: Path) -> Path:
    """A chair's own table of 6,000 rows on a tab of the profile: read up to the
    limit, and reported with its true size."""
    return _crafted_master(folder, "long_table.xlsx", [(6_000, 0)], title="Glossary")


CRAFTED_MASTERS: dict[str, tuple[Callable[[Path], Path], str]] = {
    # name: (maker, what the message must say)
    "tiny_cells_one_tab": (make_tiny_cells_in_one_tab, "holds more than 250,000 cells"),
    "tiny_cells_three_tabs": (make_tiny_cells_in_three_tabs, "holds more than 500,000 cells"),
    "huge_tab": (make_huge_tab, "holds more than 32 MB"),
    "long_table": (make_long_table, "has 6,000 rows"),
}


def _crafted_master(folder: Path, name: str, tabs: list[tuple[int, int]],
                    title: str = "Junk") -> Path:
    """The blank master workbook with one added tab per (rows, extra cells a row): a two-
    column Excel Table over the rows, each row also holding ``extra`` tiny cells. A
    ``title`` that names a tab of the workbook replaces that tab."""
    from openpyxl import load_workbook
    from openpyxl.worksheet.table import Table

    from xl_addin.files.shipped import WORKBOOK_DIR

    base = folder / f"base_{name}"
    workbook = load_workbook(WORKBOOK_DIR / "lscb_master_blank.xlsx")
    parts: dict[str, tuple[int, int]] = {}
    if title in workbook.sheetnames:
        del workbook[title]
    for i, (rows, extra) in enumerate(tabs, start=1):
        sheet = workbook.create_sheet(title if len(tabs) == 1 else f"{title} {i}")
        sheet.append(["Item", "Count"])
        sheet.add_table(Table(displayName=f"tblJunk{i}", ref=f"A1:B{rows + 1}"))
        parts[sheet.title] = (rows, extra)
    workbook.save(base)
    path = folder / name
    names = _sheet_parts(base)
    with zipfile.ZipFile(base) as reader, \
            zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as writer:
        for entry in reader.infolist():
            title = names.get(entry.filename)
            if title in parts:
                with writer.open(entry.filename, "w", force_zip64=True) as stream:
                    for chunk in _tiny_sheet(*parts[title]):
                        stream.write(chunk)
            else:
                writer.writestr(entry.filename, reader.read(entry))
    return path


def _sheet_parts(path: Path) -> dict[str, str]:
    """Sheet part name -> tab name, from the workbook part and its relationships."""
    import re

    with zipfile.ZipFile(path) as archive:
        workbook = archive.read("xl/workbook.xml").decode()
        rels = archive.read("xl/_rels/workbook.xml.rels").decode()
    targets = dict(re.findall(r'Id="(\w+)"[^>]*?Target="/?(?:xl/)?([^"]+)"', rels))
    targets |= {k: v for v, k in re.findall(r'Target="/?(?:xl/)?([^"]+)"[^>]*?Id="(\w+)"', rels)}
    return {f"xl/{targets[rid]}": name
            for name, rid in re.findall(r'<sheet [^>]*?name="([^"]+)"[^>]*?r:id="(\w+)"',
                                        workbook)}


def _tiny_sheet(rows: int, extra: int) -> Iterator[bytes]:
    """The sheet part: ``extra`` tiny cells after each row's table cells (a negative
    ``extra``: one cell of that many characters instead)."""
    from xl_addin.core.raw import column_letter

    letters = [column_letter(c) for c in range(3, 3 + max(extra, 0))]
    text = "x" * -extra if extra < 0 else ""
    yield (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet '
           f'xmlns="{TRANSITIONAL_NAMESPACE}"><sheetData><row r="1">'
           '<c r="A1" t="inlineStr"><is><t>Item</t></is></c>'
           '<c r="B1" t="inlineStr"><is><t>Count</t></is></c></row>').encode()
    batch: list[str] = []
    for r in range(2, rows + 2):
        batch.append(f'<row r="{r}"><c r="B{r}"><v>1</v></c>'
                     + "".join(f'<c r="{x}{r}"><v>1</v></c>' for x in letters)
                     + (f'<c r="C{r}" t="inlineStr"><is><t>{text}</t></is></c>' if text else "")
                     + "</row>")
        if len(batch) >= 2_000:
            yield "".join(batch).encode()
            batch = []
    yield ("".join(batch) + "</sheetData></worksheet>").encode()
