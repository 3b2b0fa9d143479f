"""Pre-parse guard: refuse files that openpyxl cannot read, or should not be asked to.

:func:`check_package` runs before openpyxl touches a file and decides from cheap inspection
only: the file's type, size and first bytes, the zip central directory, and a bounded
stream through each part. Each refusal is an :class:`~xl_addin.core.errors.UnreadableWorkbook`
whose message is one plain-English sentence naming the file and saying what to do.

The limits follow Apache POI's ``ZipSecureFile`` defaults. A master workbook is under 1 MB
and the largest genuine workbook in the test corpus expands to 7 MB, so all leave a wide
margin:

- ``MAX_FILE_BYTES`` (100 MB on disk) bounds every read the guard itself makes;
- ``MAX_ENTRIES`` (1,000 parts) is POI's ``MAX_FILE_COUNT``; real workbooks have tens;
- ``MAX_RATIO`` (100:1) for parts over ``GRACE_ENTRY_BYTES`` (100 KB) are POI's
  ``MIN_INFLATE_RATIO`` and ``GRACE_ENTRY_SIZE``: genuine corpus files reach 43:1, zip
  bombs thousands to one;
- ``MAX_ENTRY_BYTES`` (100 MB a part) and ``MAX_TOTAL_BYTES`` (200 MB in all) stop parts
  that compress modestly but add up to far more than openpyxl should parse.

Declared sizes can lie, so each part is inflated in ``CHUNK_BYTES`` chunks, stopping as
soon as its real size passes the limit (zipfile checks CRCs on the way). XML parts are
scanned for ``<!DOCTYPE``/``<!ENTITY``, which Excel never writes and which entity-expansion
and external-entity (XXE) attacks need; openpyxl's defusedxml is a second layer. Strict
Open XML is refused because openpyxl opens it as a workbook with no sheets, silently.

Accepted: .xlsx, .xlsm (macros are never run) and the templates .xltx and .xltm, which
openpyxl reads alike.
"""

from __future__ import annotations

import stat
import struct
import zipfile
import zlib
from collections.abc import Collection
from pathlib import Path
from typing import BinaryIO
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from defusedxml import ElementTree as SafeElementTree

from xl_addin.core.errors import UnreadableWorkbook

__all__ = ["check_package", "describe_size"]

MAX_FILE_BYTES = 100 * 1024**2
MAX_ENTRIES = 1_000
GRACE_ENTRY_BYTES = 100 * 1024
MAX_RATIO = 100
MAX_ENTRY_BYTES = 100 * 1024**2
MAX_TOTAL_BYTES = 200 * 1024**2
CHUNK_BYTES = 64 * 1024
MAX_CONTENT_TYPES_BYTES = 1024**2  # a real [Content_Types].xml is a few KB
WORKBOOK_HEAD_BYTES = 64 * 1024  # the root element, with its namespace, comes first
MAX_OLE2_DIRECTORY_SECTORS = 64  # an encrypted package's directory fills three

SUPPORTED_SUFFIXES = (".xlsx", ".xlsm", ".xltx", ".xltm")
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
OLE2_HEADER_BYTES = 512
OLE2_HEADER_FAT_SECTORS = 109
OLE2_FIRST_MARKER = 0xFFFFFFFA  # sector numbers from here up end a chain
ENCRYPTION_STREAMS = ("EncryptionInfo", "EncryptedPackage")  # an encrypted OOXML package
ZIP_MAGIC = b"PK"
ZIP_ENCRYPTED_FLAG = 0x1
OOXML_COMPRESSION = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)  # all that Office writes
CONTENT_TYPES_PART = "[Content_Types].xml"
DEFAULT_WORKBOOK_PART = "/xl/workbook.xml"
WORKBOOK_CONTENT_TYPES = (  # in the order openpyxl tries them
    "application/vnd.ms-excel.template.macroEnabled.main+xml",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml",
    "application/vnd.ms-excel.sheet.macroEnabled.main+xml",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
)
OTHER_DOCUMENT_KINDS = (  # (a word in a content type, what a package holding it is)
    ("word", "a Word document"),
    ("presentation", "a PowerPoint presentation"),
    ("sheet.binary", "an Excel Binary Workbook (.xlsb)"),
)
XML_PART_SUFFIXES = (".xml", ".rels", ".vml")
SIZE_UNITS = ("bytes", "KB", "MB", "GB", "TB")

# What zipfile and zlib raise for a damaged archive ("zip file version 11.8" is a
# NotImplementedError). UnreadableWorkbook is deliberately not among them.
DAMAGED_ZIP_ERRORS = (
    zipfile.BadZipFile,
    zlib.error,
    EOFError,
    OSError,
    ValueError,
    struct.error,
    NotImplementedError,
)

SAVE_AS_XLSX = "open it in Excel and save it as an Excel Workbook (.xlsx)"
REFUSED_AS_UNSAFE = "so it was refused as unsafe; check you chose the right file"


def _encodings(text: str) -> tuple[bytes, ...]:
    """Return ``text`` as the byte strings it can appear as in an OOXML part."""
    return tuple(text.encode(codec) for codec in ("utf-8", "utf-16-le", "utf-16-be"))


ENTITY_MARKERS = _encodings("<!DOCTYPE") + _encodings("<!ENTITY")
STRICT_MARKERS = _encodings("http://purl.oclc.org/ooxml/spreadsheetml/main")
ENCRYPTION_STREAM_NAMES = tuple(name.encode("utf-16-le") for name in ENCRYPTION_STREAMS)


def describe_size(n: int) -> str:
    """Return a byte count the way Windows shows it, e.g. ``"512 bytes"``, ``"1.5 MB"``."""
    if n == 1:
        return "1 byte"
    power = min((max(n, 1).bit_length() - 1) // 10, len(SIZE_UNITS) - 1)
    if power == 0:
        return f"{n:,} bytes"
    return f"{n / 1024**power:,.1f}".removesuffix(".0") + f" {SIZE_UNITS[power]}"


def check_package(path: Path) -> None:
    """Raise :class:`UnreadableWorkbook` unless ``path`` is safe to hand to openpyxl."""
    name = _printable(path.name)
    _check_regular_file(path, name)
    try:
        with path.open("rb") as handle:
            _check_contents(handle, name)
    except PermissionError as error:
        raise _refusal(
            name,
            "permission to open it was denied; close it if it is open in Excel, "
            "check you have access to it and try again",
        ) from error
    except OSError as error:
        raise _refusal(
            name,
            f"it could not be opened ({error.strerror}); copy it to a folder on this computer "
            "and try again",
        ) from error
    if path.suffix.lower() not in SUPPORTED_SUFFIXES:
        raise _refusal(
            name,
            "its name must end in .xlsx or .xlsm for Excel to open it; "
            f"rename it, or {SAVE_AS_XLSX}",
        )


def _refusal(name: str, reason: str) -> UnreadableWorkbook:
    return UnreadableWorkbook(f"Cannot read {name}: {reason}.")


def _printable(text: str) -> str:
    """Replace control characters, so that a name cannot break the one-line message."""
    return "".join(c if c.isprintable() else "?" for c in text)


def _check_regular_file(path: Path, name: str) -> None:
    """Refuse anything that is not an ordinary file of plausible, non-zero size."""
    try:
        status = path.stat()
    except (FileNotFoundError, NotADirectoryError) as error:
        raise _refusal(name, "there is no such file; check the folder and file name") from error
    except OSError as error:
        raise _refusal(
            name, f"its details could not be read ({error.strerror}); check you have access to it"
        ) from error
    if stat.S_ISDIR(status.st_mode):
        raise _refusal(name, "it is a folder; choose a workbook file in it")
    if not stat.S_ISREG(status.st_mode):
        raise _refusal(name, "it is not an ordinary file; choose a saved .xlsx file")
    if status.st_size == 0:
        raise _refusal(
            name,
            "the file is empty (0 bytes), perhaps because saving or copying did not finish; "
            "open the original in Excel and save it again",
        )
    if status.st_size > MAX_FILE_BYTES:
        raise _refusal(
            name,
            f"at {describe_size(status.st_size)} it is far larger than a master workbook "
            f"(the limit is {describe_size(MAX_FILE_BYTES)}); check you chose the right file",
        )


def _check_contents(handle: BinaryIO, name: str) -> None:
    """Tell the file's format from its first bytes, then check a zip package in full."""
    magic = handle.read(len(OLE2_MAGIC))
    if magic == OLE2_MAGIC and _has_encryption_streams(handle):
        raise _refusal(
            name,
            "it is password-protected; open it in Excel, remove the password (File > Info > "
            "Protect Workbook > Encrypt with Password) and save it again",
        )
    if magic == OLE2_MAGIC:
        raise _refusal(name, f"it is an old Excel 97-2003 workbook (.xls); {SAVE_AS_XLSX}")
    if not magic.startswith(ZIP_MAGIC):
        raise _refusal(
            name,
            "its contents are not in Excel workbook format (it may be a CSV, text or web page "
            f"file); {SAVE_AS_XLSX}",
        )
    _check_zip_package(handle, name)


def _has_encryption_streams(handle: BinaryIO) -> bool:
    """Tell whether an OLE2 compound file's directory lists an encrypted OOXML package.

    Follows the directory's sector chain through the FAT sectors that the header lists, for
    at most ``MAX_OLE2_DIRECTORY_SECTORS`` sectors, so that a damaged chain cannot loop.
    """
    handle.seek(0)
    header = handle.read(OLE2_HEADER_BYTES)
    if len(header) < OLE2_HEADER_BYTES:
        return False
    (sector_shift,) = struct.unpack_from("<H", header, 30)
    if sector_shift not in (9, 12):  # 512- or 4096-byte sectors
        return False
    sector_size = 1 << sector_shift
    (sector,) = struct.unpack_from("<I", header, 48)
    fat_sectors = struct.unpack_from(f"<{OLE2_HEADER_FAT_SECTORS}I", header, 76)
    for _ in range(MAX_OLE2_DIRECTORY_SECTORS):
        if sector >= OLE2_FIRST_MARKER:
            return False
        handle.seek((sector + 1) * sector_size)
        directory = handle.read(sector_size)
        if any(stream_name in directory for stream_name in ENCRYPTION_STREAM_NAMES):
            return True
        fat_index, slot = divmod(sector, sector_size // 4)
        if fat_index >= OLE2_HEADER_FAT_SECTORS or fat_sectors[fat_index] >= OLE2_FIRST_MARKER:
            return False
        handle.seek((fat_sectors[fat_index] + 1) * sector_size + slot * 4)
        next_sector = handle.read(4)
        if len(next_sector) < 4:
            return False
        (sector,) = struct.unpack("<I", next_sector)
    return False


def _check_zip_package(handle: BinaryIO, name: str) -> None:
    """Check the zip container, then that it holds an ordinary (Transitional) workbook."""
    try:
        with zipfile.ZipFile(handle) as archive:
            entries = archive.infolist()
            _check_declared_sizes(entries, name)
            inflated = 0
            for entry in entries:
                inflated += _scan_entry(archive, entry, name, MAX_TOTAL_BYTES - inflated)
            workbook_part = _find_workbook_part(archive, name)
            workbook_head = _read_head(archive, workbook_part, WORKBOOK_HEAD_BYTES)
    except DAMAGED_ZIP_ERRORS as error:
        raise _refusal(
            name,
            "the file is damaged or incomplete, perhaps because a copy or download was cut "
            "short; open it in Excel to repair it and save it again",
        ) from error
    if any(marker in workbook_head for marker in STRICT_MARKERS):
        raise _refusal(
            name,
            "it is saved as a Strict Open XML Spreadsheet, which this tool cannot read; "
            "open it in Excel and save it as an ordinary Excel Workbook (.xlsx)",
        )


def _entry_limit(entry: zipfile.ZipInfo) -> int:
    """Return the most bytes ``entry`` may inflate to: POI's ratio rule, capped per part."""
    return min(MAX_ENTRY_BYTES, max(GRACE_ENTRY_BYTES, MAX_RATIO * entry.compress_size))


def _unsafe_part(name: str, entry: zipfile.ZipInfo, problem: str) -> UnreadableWorkbook:
    return _refusal(name, f"its part '{_printable(entry.filename)}' {problem}, {REFUSED_AS_UNSAFE}")


def _check_declared_sizes(entries: list[zipfile.ZipInfo], name: str) -> None:
    """Refuse from the central directory alone: too many parts, or declared sizes too large."""
    if len(entries) > MAX_ENTRIES:
        raise _refusal(
            name,
            f"it holds {len(entries):,} parts, far more than a workbook needs "
            f"(the limit is {MAX_ENTRIES:,}), {REFUSED_AS_UNSAFE}",
        )
    for entry in entries:
        limit = _entry_limit(entry)
        if entry.file_size > limit:
            raise _unsafe_part(name, entry, f"expands to more than {describe_size(limit)}")
        if entry.flag_bits & ZIP_ENCRYPTED_FLAG or entry.compress_type not in OOXML_COMPRESSION:
            raise zipfile.BadZipFile(f"{entry.filename}: encrypted or unusual compression")
    if sum(entry.file_size for entry in entries) > MAX_TOTAL_BYTES:
        total = describe_size(MAX_TOTAL_BYTES)
        raise _refusal(name, f"its parts add up to more than {total}, {REFUSED_AS_UNSAFE}")


def _scan_entry(archive: zipfile.ZipFile, entry: zipfile.ZipInfo, name: str, budget: int) -> int:
    """Inflate one part chunk by chunk and return its real size.

    Stops as soon as the part passes its own limit or the ``budget`` left for the whole
    package, and refuses an XML part that declares a DOCTYPE or entities.
    """
    limit = min(_entry_limit(entry), budget)
    markers = ENTITY_MARKERS if entry.filename.lower().endswith(XML_PART_SUFFIXES) else ()
    overlap = max(map(len, ENTITY_MARKERS)) - 1
    inflated = 0
    tail = b""
    with archive.open(entry) as stream:
        while chunk := stream.read(CHUNK_BYTES):
            inflated += len(chunk)
            if inflated > limit:
                raise _unsafe_part(name, entry, f"expands to more than {describe_size(limit)}")
            window = tail + chunk
            if any(marker in window for marker in markers):
                raise _unsafe_part(name, entry, "declares XML entities, which Excel never writes")
            tail = window[-overlap:]
    return inflated


def _find_workbook_part(archive: zipfile.ZipFile, name: str) -> str:
    """Return the zip name of the workbook part, found as openpyxl finds it: by content type."""
    part_names = set(archive.namelist())
    if CONTENT_TYPES_PART not in part_names:
        raise _not_a_workbook(name, ())
    content_types = _read_head(archive, CONTENT_TYPES_PART, MAX_CONTENT_TYPES_BYTES)
    try:  # a part longer than the limit is cut short, so it fails to parse too
        root = SafeElementTree.fromstring(content_types)
    except (ParseError, DefusedXmlException) as error:
        raise zipfile.BadZipFile(f"{CONTENT_TYPES_PART} is damaged or too long") from error
    overrides = {
        element.get("ContentType", ""): element.get("PartName", "")
        for element in root
        if element.tag.endswith("}Override")
    }
    defaults = {element.get("ContentType") for element in root if element.tag.endswith("}Default")}
    declared = [overrides[kind] for kind in WORKBOOK_CONTENT_TYPES if kind in overrides]
    if not declared and defaults.intersection(WORKBOOK_CONTENT_TYPES):
        declared = [DEFAULT_WORKBOOK_PART]
    if not declared:
        raise _not_a_workbook(name, overrides.keys())
    part_name = declared[0].removeprefix("/")
    if part_name not in part_names:
        raise zipfile.BadZipFile(f"the workbook part {part_name} is missing")
    return part_name


def _not_a_workbook(name: str, content_types: Collection[str]) -> UnreadableWorkbook:
    """Refuse a package without a workbook, saying what it holds if Office made it."""
    kind = next(
        (kind for word, kind in OTHER_DOCUMENT_KINDS if any(word in t for t in content_types)),
        "a zip archive",
    )
    return _refusal(
        name, f"it is {kind}, not an Excel workbook; choose the master workbook, or {SAVE_AS_XLSX}"
    )


def _read_head(archive: zipfile.ZipFile, part_name: str, limit: int) -> bytes:
    """Return at most ``limit`` bytes from the start of a part."""
    with archive.open(part_name) as stream:
        return stream.read(limit)
