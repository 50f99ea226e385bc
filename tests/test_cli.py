import json

from click.testing import CliRunner

from digest.cli import INSPECT_KEYS, main

from .conftest import REPO


def test_inspect_json_contract(monkeypatch):
    monkeypatch.chdir(REPO)
    result = CliRunner().invoke(main, ["inspect", "content/articles", "--json", "--summary-sentences", "2"])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(records) == 6
    for r in records:
        assert tuple(r) == INSPECT_KEYS
        assert len(r["summary"]) == 2
        assert r["date"] is None or len(r["date"]) == 10
        assert len(r["language"]) == 2
        assert set(r["entities"]) == {"people", "organisations", "places"}
        for fact in r["facts"]:
            assert tuple(fact) == ("kind", "text", "value", "unit", "sentence", "subject", "approx", "low", "high",
                                   "change") and fact["sentence"] in r["body"]
        assert all(set(q) == {"text", "speaker"} for q in r["quotes"])
    by_slug = {r["slug"]: r for r in records}
    assert "ia" in by_slug["hydrogene-vert-tanger"]["terms"]
    assert by_slug["hydrogene-vert-tanger"]["language"] == "fr"
    assert by_slug["tahlia-miyah"]["language"] == "ar"


def test_inspect_seed(seed_path):
    result = CliRunner().invoke(main, ["inspect", str(seed_path), "--json"])
    record = json.loads(result.stdout)
    assert record["title"].startswith("IA mondiale") and record["date"] == "2025-07-02"
    assert record["source"] == "InfoMagazine" and record["language"] == "fr" and record["url"] is None
    assert len(record["summary"]) == 3
    assert "Merci d'avoir" not in record["body"] and "Cliquez ici" not in record["body"]
    assert "\n\n" in record["body"]
    assert {"kind": "money", "value": 11_000_000_000, "unit": "MAD"}.items() <= next(
        f for f in record["facts"] if f["unit"] == "MAD").items()
    assert "Omar Hilale" in record["entities"]["people"]
    assert any(q["speaker"] == "Omar Hilale" for q in record["quotes"])


def test_inspect_reports_bad_files(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    result = CliRunner().invoke(main, ["inspect", str(tmp_path / "empty.txt"), "--json"])
    assert result.exit_code == 1 and "empty.txt" in result.stderr


def test_export_is_deterministic(monkeypatch, tmp_path):
    monkeypatch.chdir(REPO)
    runner = CliRunner()
    for out in ("a", "b"):
        result = runner.invoke(main, ["export", str(tmp_path / out)])
        assert result.exit_code == 0, result.output
    files_a = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*.md"))
    files_b = sorted(p.relative_to(tmp_path / "b") for p in (tmp_path / "b").rglob("*.md"))
    assert files_a == files_b and len(files_a) > 10
    for rel in files_a:
        assert (tmp_path / "a" / rel).read_bytes() == (tmp_path / "b" / rel).read_bytes()


def test_check_exit_codes(project, monkeypatch):
    monkeypatch.chdir(project)
    assert CliRunner().invoke(main, ["check"]).exit_code == 0
    (project / "content/articles/empty.txt").write_bytes(b"")
    result = CliRunner().invoke(main, ["check"])
    assert result.exit_code == 1 and "empty.txt" in result.stderr


def test_export_reads_the_site_language_and_env_site_url_like_mkdocs(project, monkeypatch):
    """`digest export` and `mkdocs build` must write the same pages from the same mkdocs.yml."""
    monkeypatch.chdir(project)
    monkeypatch.setenv("SITE_URL", "https://user.github.io/repo/")
    result = CliRunner().invoke(main, ["export", "out"])
    assert result.exit_code == 0, result.output
    feed = json.loads((project / "out" / "feed.json").read_text(encoding="utf-8"))
    assert feed["home_page_url"] == "https://user.github.io/repo/"
    assert "Derniers numéros" in (project / "out" / "index.md").read_text(encoding="utf-8")
    monkeypatch.delenv("SITE_URL")
    result = CliRunner().invoke(main, ["export", "out2"])
    assert json.loads((project / "out2" / "feed.json").read_text())["home_page_url"] == "https://digest.example.org/"
