"""The `kg` command line end to end, on a real on-disk store."""

from __future__ import annotations

import csv
import io
import json
import subprocess

from tests.conftest import KG, ROOT, SEED


def kg(*args: str, env: dict[str, str], check: bool = True) -> subprocess.CompletedProcess[str]:
    p = subprocess.run(KG + list(args), capture_output=True, text=True, env=env, cwd=ROOT, timeout=300)
    if check:
        assert p.returncode == 0, p.stderr
    return p


def test_build_query_export_and_idempotent_rebuild(cli_env, tmp_path):
    out = kg("build", str(SEED), env=cli_env)
    assert "1 added" in out.stdout
    rows = list(csv.DictReader(io.StringIO(kg("query", "agreements", "--format", "csv", env=cli_env).stdout)))
    by_date = {r["signedOn"]: r for r in rows}
    assert "UNMZ" in by_date["2019-04-17"]["parties"] and "STAMEQ" in by_date["2019-04-17"]["parties"]
    assert "ASTM" in by_date["2004-01"]["parties"]
    assert len(rows) == 6

    nq = tmp_path / "graph.nq"
    kg("export", "--format", "nquads", "-o", str(nq), env=cli_env)
    first = sorted(nq.read_text(encoding="utf-8").splitlines())
    assert any("prov#wasDerivedFrom" in line for line in first)

    again = kg("build", str(SEED), env=cli_env)
    assert "1 unchanged" in again.stdout
    kg("build", str(SEED), "--full", env=cli_env)
    kg("export", "--format", "nquads", "-o", str(nq), env=cli_env)
    assert sorted(nq.read_text(encoding="utf-8").splitlines()) == first  # no duplicate triples or nodes

    ttl = tmp_path / "graph.ttl"
    kg("export", "--format", "turtle", "-o", str(ttl), env=cli_env)
    import rdflib

    g = rdflib.Graph().parse(ttl, format="turtle")
    assert len(g) > 100


def test_query_parameters_are_bound_not_pasted(cli_env):
    kg("build", str(SEED), env=cli_env)
    rows = json.loads(kg("query", "partners", "--param", "org=UNMZ", "--format", "json", env=cli_env).stdout)
    assert any(r.get("partnerName") == "STAMEQ" for r in rows)
    hostile = kg("query", "partners", "--param", 'org=x" } DROP ALL { "', env=cli_env, check=False)
    assert hostile.returncode != 0 and "Traceback" not in hostile.stderr
    stats = json.loads(kg("query", "stats", "--format", "json", env=cli_env).stdout)
    assert any(r.get("what") == "agreements" and r.get("count") == "6" for r in stats)


def test_queries_list_and_stats(cli_env):
    listing = kg("queries", "--format", "json", env=cli_env).stdout
    names = {q["name"] for q in json.loads(listing)}
    assert {"organizations", "people-roles", "agreements", "partners", "agreements-by-year", "events",
            "timeline", "units", "evidence", "stats"} <= names


def test_update_is_refused_by_query(cli_env):
    kg("build", str(SEED), env=cli_env)
    p = kg("query", "-e", "DELETE WHERE { ?s ?p ?o }", env=cli_env, check=False)
    assert p.returncode == 2 and "read" in p.stderr.lower() and "Traceback" not in p.stderr


def test_extract_does_not_touch_the_store(cli_env, tmp_path):
    p = kg("extract", str(SEED), "--format", "json", env=cli_env)
    data = json.loads(p.stdout)
    assert any(a["signed_on"] == "2019-04-17" for a in data["agreements"])
    assert not (tmp_path / "store").exists()


def test_bad_documents_are_reported_and_skipped(cli_env, tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "good.txt").write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    (docs / "empty.txt").write_text("", encoding="utf-8")
    (docs / "latin1.txt").write_bytes("Hội thảo".encode("cp1258", errors="replace") + b" \xe0\xff")
    (docs / "fake.txt").write_bytes(b"%PDF-1.4 binary")
    p = kg("build", str(docs), env=cli_env, check=False)
    assert p.returncode == 1
    assert "empty.txt: is empty" in p.stderr
    assert "fake.txt: is a PDF file" in p.stderr
    assert "latin1.txt: is not valid UTF-8" in p.stderr
    assert "Traceback" not in p.stderr
    assert "1 added" in p.stdout
    missing = kg("build", str(tmp_path / "nope"), env=cli_env, check=False)
    assert missing.returncode == 1 and "does not exist" in missing.stderr


def test_eval_names_an_article_it_could_not_process_and_exits_1(cli_env, tmp_path):
    gold = {"id": "a", "lang": "en", "organizations": [{"key": "VMI", "names": ["VMI"]}]}
    (tmp_path / "good.en.txt").write_text("Title\n\nVMI met PTB in Hanoi.\n", encoding="utf-8")
    (tmp_path / "good.en.gold.json").write_text(json.dumps(gold), encoding="utf-8")
    (tmp_path / "empty.en.txt").write_text("", encoding="utf-8")
    (tmp_path / "empty.en.gold.json").write_text(json.dumps(gold), encoding="utf-8")
    p = kg("eval", str(tmp_path), "--format", "json", env=cli_env, check=False)
    assert p.returncode == 1
    assert "empty.en.txt could not be processed" in p.stderr
    assert [s["document"] for s in json.loads(p.stdout)["skipped"]] == ["empty.en.txt"]


def test_a_table_shows_the_first_hundred_rows_and_limit_and_offset_page_any_format(cli_env):
    kg("build", str(SEED), env=cli_env)
    everything = "SELECT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?s ?p ?o"
    rows = list(csv.reader(io.StringIO(kg("query", "-e", everything, "--format", "csv", env=cli_env).stdout)))[1:]
    assert len(rows) > 150  # csv: every row, without --limit
    numbers = "SELECT ?i WHERE { VALUES ?i { " + " ".join(str(i) for i in range(1, 151)) + " } } ORDER BY ?i"
    table = kg("query", "-e", numbers, env=cli_env).stdout
    shown = {int(line.strip("│ ")) for line in table.splitlines() if line.startswith("│")}
    assert "rows 1–100 of 150" in table and {1, 100} <= shown and 101 not in shown and 150 not in shown
    page = list(csv.reader(io.StringIO(kg("query", "-e", everything, "--format", "csv", "--limit", "3", "--offset",
                                          "5", env=cli_env).stdout)))
    assert page[0] == ["s", "p", "o"] and page[1:] == rows[5:8]
    tail = json.loads(kg("query", "-e", everything, "--format", "json", "--offset", str(len(rows) - 2),
                         env=cli_env).stdout)
    assert [[r["s"], r["p"], r["o"]] for r in tail] == rows[-2:]
    whole = kg("query", "-e", everything, "--limit", "0", env=cli_env).stdout
    assert f"{len(rows)} row(s)" in whole
    bad = kg("query", "-e", everything, "--limit", "-1", env=cli_env, check=False)
    assert bad.returncode != 0 and "Traceback" not in bad.stderr
