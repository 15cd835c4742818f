"""Bad input, killed builds, concurrent use and hostile query parameters never lose data."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from tests.conftest import KG, ROOT, SEED


def kg(*args: str, env: dict[str, str], check: bool = False, timeout: int = 600) -> subprocess.CompletedProcess[str]:
    p = subprocess.run(KG + list(args), capture_output=True, text=True, env=env, cwd=ROOT, timeout=timeout)
    if check:
        assert p.returncode == 0, p.stderr
    return p


def counts(env: dict[str, str]) -> dict[str, str]:
    rows = json.loads(kg("query", "stats", "--format", "json", env=env, check=True).stdout)
    return {r["what"]: r["count"] for r in rows}


def agreements(env: dict[str, str]) -> list[str]:
    rows = json.loads(kg("query", "agreements", "--format", "json", env=env, check=True).stdout)
    return sorted(r["agreement"] for r in rows)


BAD_INPUTS = {
    "empty.txt": (b"", "is empty"),
    "scan.pdf.txt": (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3 binary", "is a PDF file"),
    "logo.png.txt": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "is a PNG image"),
    "bad-utf8.txt": ("Hội thảo về tiêu chuẩn".encode("cp1258", errors="replace") + b"\xe0\xff\xfe", "not valid UTF-8"),
    "nothing.html": (b"<html><head><script>var a=1;</script></head><body><nav>Menu</nav></body></html>",
                     "no article text"),
}


def test_each_bad_input_gets_one_line_and_the_rest_is_built(cli_env, tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    for name, (data, _) in BAD_INPUTS.items():
        (docs / name).write_bytes(data)
    with zipfile.ZipFile(docs / "archive.txt", "w") as z:
        z.writestr("a.txt", "x")
    (docs / "utf16.txt").write_bytes(SEED.read_text(encoding="utf-8").encode("utf-16"))  # with BOM: readable
    (docs / "no-entities.txt").write_text("Tin ngắn\nHôm nay trời đẹp.", encoding="utf-8")
    (docs / "loop").mkdir()
    (docs / "loop" / "again").symlink_to(docs, target_is_directory=True)
    (docs / "unreadable.txt").symlink_to("/proc/self/mem")  # reading fails even for root
    p = kg("build", str(docs), str(tmp_path / "missing-folder"), env=cli_env)
    assert p.returncode == 1, p.stderr
    assert "Traceback" not in p.stderr
    for name, (_, message) in BAD_INPUTS.items():
        line = next((ln for ln in p.stderr.splitlines() if name in ln), "")
        assert message in line, (name, p.stderr)
    assert "archive.txt: is a zip archive" in p.stderr
    assert "unreadable.txt: cannot be read" in p.stderr
    assert "missing-folder: does not exist" in p.stderr
    assert "symlink loop" in p.stderr
    assert "2 added" in p.stdout  # the UTF-16 article and the text with no entities
    c = counts(cli_env)
    assert c["documents"] == "2" and int(c["agreements"]) == 6


def test_a_huge_file_is_refused_without_reading_it(cli_env, tmp_path):
    big = tmp_path / "huge.txt"
    with big.open("wb") as fh:
        fh.truncate(100 * 1024 * 1024)
    p = kg("build", str(big), env=cli_env)
    assert p.returncode == 1 and "huge.txt: is 100 MB, over the 50 MB limit" in p.stderr


def test_a_folder_of_ten_thousand_files(cli_env, tmp_path):
    docs = tmp_path / "many"
    docs.mkdir()
    for i in range(10_000):
        (docs / f"n{i:05d}.txt").write_text(f"Tin số {i}\nViện Đo lường Việt Nam (VMI) họp lần {i}.", encoding="utf-8")
    p = kg("build", str(docs), "--quiet", env=cli_env, timeout=900)
    assert p.returncode == 0, p.stderr
    assert "10000 added" in p.stdout
    assert counts(cli_env)["documents"] == "10000"
    again = kg("build", str(docs), "--quiet", env=cli_env, timeout=900)
    assert "10000 unchanged" in again.stdout


def test_kill_9_mid_build_leaves_the_previous_store(cli_env, tmp_path):
    kg("build", str(SEED), env=cli_env, check=True)
    before, before_agreements = counts(cli_env), agreements(cli_env)
    docs = tmp_path / "many"
    docs.mkdir()
    text = SEED.read_text(encoding="utf-8")
    for i in range(400):
        (docs / f"copy{i:03d}.txt").write_text(text.replace("năm 2019", f"năm {1900 + i}"), encoding="utf-8")
    store = Path(cli_env["KG_STORE"])
    proc = subprocess.Popen(KG + ["build", str(docs), "--jobs", "1", "--quiet"], env=cli_env, cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 60
    while time.time() < deadline and not (store / "gen-000002").exists():
        time.sleep(0.05)
    time.sleep(1.0)  # well inside the extraction and loading of 400 documents
    assert proc.poll() is None, "the build finished before it could be killed"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert counts(cli_env) == before
    assert agreements(cli_env) == before_agreements
    # The next build cleans up and works.
    kg("build", str(SEED), env=cli_env, check=True)
    assert not (store / "gen-000002").exists() or (store / "current").resolve().name == "gen-000002"


def test_a_second_writer_is_told_who_builds_and_readers_keep_working(cli_env, tmp_path):
    kg("build", str(SEED), env=cli_env, check=True)
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys, time; from kg.store import KgStore\n"
         "with KgStore(sys.argv[1]).lock():\n    print('locked', flush=True); time.sleep(30)",
         cli_env["KG_STORE"]], cwd=ROOT, env=cli_env, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        p = kg("build", str(SEED), "--full", env=cli_env)
        assert p.returncode == 1
        assert f"is being built by PID {holder.pid}" in p.stderr and "Traceback" not in p.stderr
        assert counts(cli_env)["agreements"] == "6"  # a reader during the "build"
        kg("export", "--format", "nquads", "-o", str(tmp_path / "x.nq"), env=cli_env, check=True)
    finally:
        holder.kill()
        holder.wait()
    waited = kg("build", str(SEED), "--full", "--wait", env=cli_env)
    assert waited.returncode == 0


@pytest.mark.parametrize("value", [
    'STAMEQ" } DROP ALL { "', "x' } ; DELETE WHERE { ?s ?p ?o } #", "{}}}", "line\nbreak", "DROP ALL",
    "<http://example.org/x> } DROP ALL {",
])
def test_hostile_parameters_are_bound_as_terms(cli_env, value):
    if not Path(cli_env["KG_STORE"]).exists():
        kg("build", str(SEED), env=cli_env, check=True)
    before = counts(cli_env)
    p = kg("query", "partners", "--param", f"org={value}", env=cli_env)
    assert "Traceback" not in p.stderr
    assert p.returncode in (0, 2)
    q = kg("query", "-e", "SELECT ?v WHERE { BIND(?v AS ?v) }", "--param", f"v={value}", "--format", "json",
           env=cli_env, check=True)
    rows = json.loads(q.stdout)
    assert rows[0]["v"] in (value, value.strip("<>").split(">")[0]) or rows[0]["v"]
    assert counts(cli_env) == before


def test_update_is_refused_by_query_and_applied_by_update(cli_env):
    kg("build", str(SEED), env=cli_env, check=True)
    p = kg("query", "-e", "DROP ALL", env=cli_env)
    assert p.returncode == 2 and "kg update" in p.stderr
    kg("update", "-e", "INSERT DATA { GRAPH <urn:note> { <urn:a> <urn:b> 'c' } }", env=cli_env, check=True)
    rows = json.loads(kg("query", "-e", "SELECT ?o WHERE { <urn:a> <urn:b> ?o }", "-f", "json", env=cli_env,
                         check=True).stdout)
    assert rows == [{"o": "c"}]


def test_a_full_rebuild_keeps_graphs_added_by_update(cli_env):
    kg("build", str(SEED), env=cli_env, check=True)
    kg("update", "-e", "INSERT DATA { GRAPH <urn:note> { <urn:a> <urn:b> 'c' } }", env=cli_env, check=True)
    before = counts(cli_env)
    kg("build", str(SEED), "--full", env=cli_env, check=True)  # every document replaced: a fresh store
    rows = json.loads(kg("query", "-e", "SELECT ?o WHERE { <urn:a> <urn:b> ?o }", "-f", "json", env=cli_env,
                         check=True).stdout)
    assert rows == [{"o": "c"}]
    assert counts(cli_env) == before


def test_syntax_errors_say_where(cli_env):
    kg("build", str(SEED), env=cli_env, check=True)
    p = kg("query", "-e", "SELECT ?s WHERE {\n ?s ?p \n}", env=cli_env)
    assert p.returncode == 2 and "error at 3:" in p.stderr and "Traceback" not in p.stderr


def test_query_timeout(cli_env):
    kg("build", str(SEED), env=cli_env, check=True)
    p = kg("query", "-e", "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }",
           "--timeout", "1", env=cli_env)
    assert p.returncode == 3 and "did not finish within 1 s" in p.stderr


def test_validate_and_strict_build(cli_env, tmp_path):
    kg("build", str(SEED), env=cli_env, check=True)
    ok = kg("validate", env=cli_env)
    assert ok.returncode == 0 and "conforms" in ok.stdout
    kg("update", "-e", "INSERT DATA { GRAPH <urn:bad> { <urn:agr> a <https://w3id.org/coop-kg/ontology#Agreement> } }",
       env=cli_env, check=True)
    bad = kg("validate", "--format", "csv", env=cli_env)
    assert bad.returncode == 1 and "urn:agr" in bad.stdout and "party" in bad.stdout.lower()
    before = counts(cli_env)
    other = tmp_path / "other.txt"
    other.write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    strict = kg("build", str(other), "--strict", env=cli_env)
    assert strict.returncode == 2 and "SHACL" in strict.stderr
    assert counts(cli_env) == before  # the store was not changed


def _doc_graphs(store_dir: Path) -> set[str]:
    from kg.store import KgStore, document_hashes

    return set(document_hashes(KgStore(store_dir).open_read()))


def test_a_document_that_fails_in_a_full_rebuild_keeps_its_previous_graph(tmp_path):
    from kg.build import build

    docs = tmp_path / "docs"
    docs.mkdir()
    for f in sorted((ROOT / "tests" / "fixtures" / "corpus").glob("*.vi.txt"))[:3]:
        (docs / f.name).write_bytes(f.read_bytes())
    store = tmp_path / "store"
    build([docs], store, jobs=1)
    before = _doc_graphs(store)
    broken = sorted(docs.iterdir())[0]
    broken.write_bytes(b"\xff\xfe\x00")  # every document changes (--full), and this one cannot be read
    report = build([docs], store, jobs=1, full=True)
    assert report.count("skipped") == 1 and report.count("updated") == 2
    assert _doc_graphs(store) == before  # the failed one kept what it had


def test_a_moved_file_keeps_its_document_and_a_second_file_of_the_same_name_is_refused(tmp_path):
    from kg.build import build

    docs = tmp_path / "docs"
    (docs / "sub").mkdir(parents=True)
    src = sorted((ROOT / "tests" / "fixtures" / "corpus").glob("*.vi.txt"))[0]
    (docs / src.name).write_bytes(src.read_bytes())
    store = tmp_path / "store"
    build([docs], store, jobs=1)
    before = _doc_graphs(store)
    (docs / src.name).rename(docs / "sub" / src.name)
    report = build([docs], store, jobs=1, prune=True)
    assert report.count("removed") == 0 and _doc_graphs(store) == before
    (docs / src.name).write_bytes(src.read_bytes())  # the same name again, in another folder
    report = build([docs], store, jobs=1)
    assert any("same name" in p for p in report.problems) and _doc_graphs(store) == before


def test_an_incremental_build_records_the_statements_a_full_count_gives(tmp_path):
    """A build that changes a few documents adds the change of their graphs' sizes to the recorded figure
    instead of counting the store again: the figure must be the one a count gives."""
    from kg.build import build
    from kg.stats import count_graph, recorded_count
    from kg.store import KgStore

    docs = tmp_path / "docs"
    docs.mkdir()
    sources = sorted((ROOT / "tests" / "fixtures" / "corpus").glob("*.txt"))
    for f in sources[:4]:
        (docs / f.name).write_bytes(f.read_bytes())
    store = tmp_path / "store"
    build([docs], store, jobs=1)
    first = recorded_count(KgStore(store).open_read(), "statements")
    changed, removed = sorted(docs.iterdir())[:2]
    changed.write_text(changed.read_text(encoding="utf-8") + "\n\nNgày 5/3/2024, Viện Đo lường Việt Nam và Viện Đo "
                       "lường Quốc gia Đức (PTB) đã ký Biên bản ghi nhớ về hợp tác đo lường.\n", encoding="utf-8")
    removed.unlink()
    (docs / sources[4].name).write_bytes(sources[4].read_bytes())
    report = build([docs], store, jobs=1, prune=True)
    assert (report.count("updated"), report.count("removed"), report.count("added")) == (1, 1, 1)
    current = KgStore(store).open_read()
    recorded = recorded_count(current, "statements")
    assert recorded == count_graph(current)["statements"] and recorded != first
