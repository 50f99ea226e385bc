from digest.overrides import load_overrides, validate


def test_validate_reports_each_mistake_with_the_file():
    clean, problems = validate({"title": "New", "summary": "One.", "tags": ["B", "a"], "language": "ES",
                                "date": "2025-01-02", "unpublish": True, "hide_facts": ["12 %"],
                                "facts": [{"kind": "money", "text": "3 M€", "value": 3e6, "unit": "EUR"}]},
                               "content/overrides/x.yml")
    assert problems == []
    assert clean["summary"] == ("One.",) and clean["tags"] == ("a", "b") and clean["language"] == "es"
    assert clean["facts"][0].value == 3e6 and clean["facts"][0].sentence == ""
    _clean, problems = validate({"titel": "x", "date": "31/02/2025", "language": "french", "unpublish": "yes",
                                 "facts": [{"kind": "weird", "text": "x"}]}, "content/overrides/x.yml")
    assert len(problems) == 5 and all(p.path == "content/overrides/x.yml" for p in problems)


def test_load_overrides(tmp_path):
    folder = tmp_path / "content" / "overrides"
    folder.mkdir(parents=True)
    (folder / "good.yml").write_text("title: Better title\n", encoding="utf-8")
    (folder / "bad.yml").write_text("title: [oops\n", encoding="utf-8")
    (folder / "notes.txt").write_text("x", encoding="utf-8")
    overrides, problems = load_overrides(folder, tmp_path)
    assert set(overrides) == {"good"} and overrides["good"].values == {"title": "Better title"}
    assert sorted(p.path for p in problems) == ["content/overrides/bad.yml", "content/overrides/notes.txt"]
