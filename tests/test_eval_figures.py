"""Quality gate for figures: floors pinned on quantulum3's public test sentences (test split, the
dev split is where rules were tuned) and on the hand annotation of the example articles.
Runs everywhere: both data sets are in tests/fixtures/figures/."""
from digest.eval import figures

PUBLIC_FLOORS = {"p": 0.83, "r": 0.62}  # test split, value and unit right
CONTENT_FLOORS = {"p": 0.90, "r": 0.97}


def test_public_test_split_stays_above_its_floors_and_the_baseline():
    result = figures.public("test")
    ours, baseline = result["digest"], result["number + next word"]
    assert ours["gold"] >= 100, ours
    assert ours["p"] >= PUBLIC_FLOORS["p"] and ours["r"] >= PUBLIC_FLOORS["r"], ours
    assert ours["r"] > baseline["r"] and ours["p"] > baseline["p"] and ours["f1"] > baseline["f1"], (ours, baseline)


def test_no_year_is_counted_as_a_figure():
    for split in ("dev", "test"):
        assert figures.public(split)["digest"]["years_predicted"] == 0
    assert figures.content()["years_predicted"] == 0


def test_the_split_is_fixed():
    sentences = figures.public_sentences()
    assert len(sentences) == 121
    assert [s["id"] for s in sentences if s["split"] == "dev"] == list(range(0, 121, 3))


def test_example_articles_match_the_hand_annotation():
    result = figures.content()
    assert result is not None and result["gold"] >= 80
    assert result["p"] >= CONTENT_FLOORS["p"] and result["r"] >= CONTENT_FLOORS["r"], result
    assert result["subject_accuracy"] == 1.0, result


def test_the_scorer_can_fail(tmp_path):
    gold = tmp_path / "gold.json"
    gold.write_text('{"articles": {"hydrogene-vert-tanger.md": ['
                    '{"kind": "money", "text": "7 milliards", "value": 7e9, "unit": "EUR"}]}}', encoding="utf-8")
    result = figures.content(gold)
    assert result["r"] == 0.0 and result["p"] == 0.0 and result["missed"] == ["7 milliards"]
    assert not figures._matches({"kind": "measure", "value": 3, "unit": "km"}, {"value": 3.0, "unit": "mi"})
    assert figures._matches({"kind": "measure", "value": 3, "unit": "l", "low": 3, "high": 4},
                            {"value": 3.5, "unit": "l"})
