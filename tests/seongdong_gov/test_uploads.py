import io

import pytest

from seongdong_gov.uploads import content_matches

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@pytest.mark.parametrize(
    ("ext", "content", "ok"),
    [
        ("pdf", b"%PDF-1.7\n...", True),
        ("pdf", b"MZ\x90\x00", False),  # a Windows executable renamed
        ("PDF", b"%PDF-1.4", True),  # the extension's case does not matter
        ("png", b"\x89PNG\r\n\x1a\n....", True),
        ("png", b"\xff\xd8\xff\xe0", False),  # a JPEG named .png
        ("jpg", b"\xff\xd8\xff\xe0", True),
        ("hwp", OLE + b"\x00" * 8, True),
        ("hwp", b"HWP Document File", False),  # HWP 3.0's text header is not the OLE container
        ("hwpx", b"PK\x03\x04....", True),
        ("xlsx", b"PK\x03\x04....", True),
        ("doc", OLE, True),
        ("txt", "회의 메모\n".encode(), True),
        ("txt", b"ab\x00cd", False),  # binary named .txt
        ("exe", b"MZ", False),  # no signature known: never matches
        ("pdf", b"", False),
    ],
)
def test_content_matches_table(ext, content, ok):
    f = io.BytesIO(content)
    assert content_matches(f, ext) is ok
    assert f.tell() == 0  # left at the start for the storage to read
