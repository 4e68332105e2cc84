"""What an uploaded file's first bytes must be for its extension: the name alone is never trusted."""

from __future__ import annotations

_OOXML = [b"PK\x03\x04"]  # docx, xlsx, pptx, hwpx are ZIP containers
_OLE = [b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"]  # hwp (5.x), doc, xls, ppt are OLE compound files

SIGNATURES: dict[str, list[bytes]] = {
    "pdf": [b"%PDF-"],
    "png": [b"\x89PNG\r\n\x1a\n"],
    "jpg": [b"\xff\xd8\xff"],
    "jpeg": [b"\xff\xd8\xff"],
    "docx": _OOXML,
    "xlsx": _OOXML,
    "pptx": _OOXML,
    "hwpx": _OOXML,
    "hwp": _OLE,
    "doc": _OLE,
    "xls": _OLE,
    "ppt": _OLE,
}


def content_matches(upload, ext: str) -> bool:
    """True when the file's content agrees with its extension (`ext` without the dot, lower case).

    Plain text has no signature: it must hold no NUL byte in its first 4 KiB. Reads from the start and
    leaves the file positioned there."""
    ext = ext.lower().lstrip(".")
    upload.seek(0)
    head = upload.read(4096 if ext == "txt" else 8)
    upload.seek(0)
    if isinstance(head, str):  # a text-mode file object
        head = head.encode()
    if ext == "txt":
        return b"\x00" not in head
    return any(head.startswith(sig) for sig in SIGNATURES.get(ext, []))
