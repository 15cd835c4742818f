from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEED = ROOT / "data" / "articles" / "stameq-2019-highlights.vi.txt"
FIXTURES = ROOT / "tests" / "fixtures" / "corpus"
KG = [sys.executable, "-m", "kg.cli"]


@pytest.fixture(scope="session")
def shared() -> Path:
    if not (SHARED / "corpus").is_dir():
        pytest.skip("../shared/corpus is not beside the repository")
    return SHARED


@pytest.fixture(scope="session")
def seed_store(tmp_path_factory) -> Path:
    """A store built from the seed article, shared by read-only tests."""
    from kg.build import build

    path = tmp_path_factory.mktemp("seed") / "store"
    report = build([SEED], path, jobs=1)
    assert report.count("added") == 1
    return path


@pytest.fixture
def cli_env(tmp_path) -> dict[str, str]:
    env = dict(os.environ)
    env["KG_STORE"] = str(tmp_path / "store")
    env["PYTHONPATH"] = str(ROOT)
    return env
