"""Scores of the extractor, through the graph, against the gold annotations (`kg eval`)."""

from __future__ import annotations

import pytest

from kg.evaluate import evaluate_dir
from tests.conftest import FIXTURES


def _f1(result, cat):
    return result.total(cat).f1


def test_seed_and_dev_corpus_reach_the_targets(shared):
    for folder in (shared / "corpus", shared / "corpus" / "dev"):
        r = evaluate_dir(folder)
        assert _f1(r, "organizations") >= 0.95, folder
        assert _f1(r, "people") >= 0.95, folder
        assert _f1(r, "roles") >= 0.85, folder
        assert _f1(r, "agreements") >= 0.85, folder
        assert _f1(r, "events") >= 0.70, folder
        assert r.evidence_ratio() >= 0.95


@pytest.mark.skipif(not FIXTURES.is_dir(), reason="no test articles")
def test_unseen_style_articles_score_well():
    r = evaluate_dir(FIXTURES)
    assert _f1(r, "organizations") >= 0.85
    assert _f1(r, "people") >= 0.85
    assert _f1(r, "roles") >= 0.70
    assert _f1(r, "agreements") >= 0.60


@pytest.mark.skipif(not (FIXTURES.parent / "holdout").is_dir(), reason="no held-out articles")
def test_held_out_articles_score_well():
    """A second batch written after the rules, by someone who had not seen them."""
    r = evaluate_dir(FIXTURES.parent / "holdout")
    assert _f1(r, "organizations") >= 0.85
    assert _f1(r, "people") >= 0.90
    assert _f1(r, "roles") >= 0.75
    assert _f1(r, "agreements") >= 0.70
    assert _f1(r, "events") >= 0.70


@pytest.mark.parametrize("batch", [f"holdout{n}" for n in range(2, 64)])
def test_later_held_out_batches_do_not_regress(batch):
    """Batches 3 to 64 were measured before any rule was tuned on them (figures in the issue notes);
    these floors keep later rule changes from losing what they reach now."""
    folder = FIXTURES.parent / batch
    if not folder.is_dir():
        pytest.skip("no such batch")
    r = evaluate_dir(folder)
    assert _f1(r, "organizations") >= 0.85
    assert _f1(r, "people") >= 0.90
    assert _f1(r, "roles") >= 0.65
    assert _f1(r, "agreements") >= 0.75
    assert _f1(r, "events") >= 0.50


@pytest.mark.skipif(not FIXTURES.is_dir(), reason="no test articles")
def test_nfd_and_html_forms_give_the_same_facts_as_plain_text():
    from kg.api import extract_file

    def facts(path):
        e = extract_file(path)
        return (set(e.organizations), {frozenset(a.parties) for a in e.agreements},
                {(m.member, m.role, m.organization) for m in e.memberships})

    assert facts(FIXTURES / "bis-mou-2021.vi.txt") == facts(FIXTURES / "bis-mou-2021.nfd.vi.txt")


def test_optional_roles_and_agreements_are_neither_required_nor_errors(tmp_path):
    """gold-format.md: "optional: true marks borderline items: finding them is not required, and
    extracting them is not an error" — for roles and agreements as for entities."""
    import json

    (tmp_path / "a.en.txt").write_text("Title\n\nOn 5 March 2019 VMI and PTB signed a memorandum of understanding. "
                                       "Dr. Nguyen Van An, Director of VMI, and Dr. Anna Keller, Head of the "
                                       "International Cooperation Department of PTB, spoke.\n", encoding="utf-8")
    gold = {"id": "a", "lang": "en", "source": "a.en.txt",
            "organizations": [{"key": "VMI", "names": ["VMI"]}, {"key": "PTB", "names": ["PTB"]}],
            "people": [{"key": "an", "names": ["Nguyen Van An"]}, {"key": "keller", "names": ["Anna Keller"]}],
            "roles": [{"person": "an", "org": "VMI", "role": ["Director"], "optional": True},
                      {"person": "keller", "org": "PTB", "role": ["Chairman"], "optional": True}],
            "agreements": [{"kind": "mou", "parties": ["VMI", "PTB"], "date": "2019-03-05", "optional": True},
                           {"kind": "mou", "parties": ["VMI", "PTB"], "date": "2015"}]}
    (tmp_path / "a.en.gold.json").write_text(json.dumps(gold), encoding="utf-8")
    r = evaluate_dir(tmp_path)
    roles, agreements = r.total("roles"), r.total("agreements")
    # the optional Director role was found (ignored), the optional Chairman not (not required); Keller's
    # extracted "Head …" role matches no gold role: an error
    assert (roles.n_r, roles.tp_p) == (0, 0) and roles.n_p >= 1
    # the signing found matches the optional gold agreement: ignored; the required 2015 one is missed
    assert (agreements.n_p, agreements.n_r, agreements.tp_r) == (0, 1, 0)


def test_a_fact_matching_a_required_and_an_optional_item_counts_for_the_required_one(tmp_path):
    import json

    (tmp_path / "a.en.txt").write_text("Title\n\nOn 5 May 2023 VMI and PTB signed a memorandum of understanding.\n",
                                       encoding="utf-8")
    gold = {"id": "a", "lang": "en", "source": "a.en.txt",
            "organizations": [{"key": "VMI", "names": ["VMI"]}, {"key": "PTB", "names": ["PTB"]}],
            "agreements": [{"kind": "mou", "parties": ["VMI", "PTB"], "optional": True},
                           {"kind": "mou", "parties": ["VMI", "PTB"], "date": "2023-05-05"}]}
    (tmp_path / "a.en.gold.json").write_text(json.dumps(gold), encoding="utf-8")
    agreements = evaluate_dir(tmp_path).total("agreements")
    assert (agreements.tp_p, agreements.n_p, agreements.tp_r, agreements.n_r) == (1, 1, 1, 1)
