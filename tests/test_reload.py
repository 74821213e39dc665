"""`mkdocs serve` runs an edited package: the hook forgets the package's modules once its code changes."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import pytest

from studyguide import reload


def test_no_change_no_reload(tmp_path: Path) -> None:
    (tmp_path / "a.py").write_text("x = 1\n", encoding="utf-8")
    assert reload.changed_since_import(tmp_path, time.time() + 10) == []


def test_an_edited_file_is_a_change(tmp_path: Path) -> None:
    edited = tmp_path / "sub" / "b.py"
    edited.parent.mkdir()
    edited.write_text("x = 2\n", encoding="utf-8")
    (tmp_path / "a.py").write_text("x = 1\n", encoding="utf-8")
    past = time.time() - 100
    os.utime(tmp_path / "a.py", (past, past))
    assert reload.changed_since_import(tmp_path, time.time() - 50) == [edited]


def test_reload_forgets_the_package_and_only_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reload, "changed_since_import", lambda: [Path("x.py")])
    fake = {"studyguide.fake": object(), "studyguidex": object(), "other": object()}
    for name, module in fake.items():
        monkeypatch.setitem(sys.modules, name, module)
    saved = {n: m for n, m in sys.modules.items() if n == "studyguide" or n.startswith("studyguide.")}
    try:
        assert reload.reload_if_changed() is True
        assert "studyguide.fake" not in sys.modules and "studyguide" not in sys.modules
        assert "studyguidex" in sys.modules and "other" in sys.modules
    finally:
        sys.modules.update(saved)  # the rest of the session keeps the modules it imported


def test_unchanged_package_is_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reload, "changed_since_import", lambda: [])
    assert reload.reload_if_changed() is False
    assert "studyguide.reload" in sys.modules
