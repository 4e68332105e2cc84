import ctypes.util

from appointments import checks


def test_checks_silent_on_this_machine():
    # fonts-nanum and libharfbuzz-subset0 are installed here (README's setup)
    assert checks.harfbuzz_subset_present(None) == []
    assert checks.korean_serif_present(None) == []


def test_missing_harfbuzz_subsetter_warns_with_install_hint(monkeypatch):
    monkeypatch.setattr(ctypes.util, "find_library", lambda name: None)
    (warning,) = checks.harfbuzz_subset_present(None)
    assert (warning.id, warning.hint) == ("appointments.W001", "apt-get install libharfbuzz-subset0")


def test_missing_korean_font_warns_with_install_hint(monkeypatch, tmp_path):
    monkeypatch.setattr(checks, "NANUM_DIR", tmp_path)
    monkeypatch.setenv("PATH", str(tmp_path))  # no fc-list either
    (warning,) = checks.korean_serif_present(None)
    assert (warning.id, warning.hint) == ("appointments.W002", "apt-get install fonts-nanum")
