import ctypes.util

from seongdong_gov import checks


def test_checks_silent_on_this_machine():
    # libharfbuzz-subset0 is installed here (README's setup); fonts are shipped, so nothing else is checked
    assert checks.harfbuzz_subset_present(None) == []


def test_missing_harfbuzz_subsetter_warns_with_install_hint(monkeypatch):
    monkeypatch.setattr(ctypes.util, "find_library", lambda name: None)
    (warning,) = checks.harfbuzz_subset_present(None)
    assert (warning.id, warning.hint) == ("seongdong_gov.W001", "apt-get install libharfbuzz-subset0")
