"""Inputs from the ingest review: odd files are reported, never crash, never lose text, stay fast."""
import gzip
import json

from digest.ingest import read_file
from digest.ingest.textdump import parse_dateline

from .conftest import cpu_seconds

NB = "\u00a0" * 4


def read(tmp_path, name, data, max_bytes=5_000_000):
    path = tmp_path / name
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return read_file(path, name, max_bytes)


def test_impossible_values_in_front_matter_are_reported(tmp_path):
    articles, [problem] = read(tmp_path, "a.md", "---\ntitle: Budget\ndate: 2025-02-30\n---\nLe budget.\n")
    assert articles == [] and problem.path == "a.md" and "impossible" in problem.message
    [b], _ = read(tmp_path, "b.md", "---\ntitle: T\ntags: 2025\nsummary: [null]\n---\nBody text here.\n")
    assert b.tags == ("2025",) and b.summary_override is None
    [c], _ = read(tmp_path, "c.md", "---\n---\n# Budget des écoles\n\nLe conseil a adopté le budget.\n")
    assert c.title == "Budget des écoles"


def test_jsonl_odd_records_do_not_lose_the_others(tmp_path):
    lines = [{"title": "T", "body": "Hello there world.", "tags": 7, "source": {"name": "AFP"}},
             {"title": "U", "body": ["x"]}, {"title": "V", "body": "Fine body text.", "corrections": [1]}]
    articles, problems = read(tmp_path, "f.jsonl", "\n".join(json.dumps(x) for x in lines))
    assert [a.title for a in articles] == ["T", "V"] and articles[0].source is None
    assert [p.path for p in problems] == ["f.jsonl:2"]


def test_svg_as_html_and_gzip_bombs_are_reported(tmp_path):
    svg = '<svg xmlns="http://www.w3.org/2000/svg"><title>Logo</title><text>Hello world</text></svg>'
    articles, [problem] = read(tmp_path, "logo.html", svg)
    assert articles == [] and "no article text" in problem.message
    bomb = gzip.compress(b"<html><body><p>" + b"a " * 5_000_000 + b"</p></body></html>")
    start = cpu_seconds()
    articles, [problem] = read(tmp_path, "bomb.html.gz", bomb, max_bytes=1_000_000)
    assert articles == [] and "limit" in problem.message and cpu_seconds() - start < 5


def test_datelines_only_with_a_date_near_the_top():
    assert parse_dateline("Publié dans Aujourd'hui le Maroc le 02 - 07 - 2025") == ("Aujourd'hui le Maroc", "02 - 07 - 2025")
    assert parse_dateline("Published in Nature on Monday, the study shows that sea levels rose.") is None


def test_body_paragraph_starting_published_in_stays_text(tmp_path):
    text = ("The rise of sea levels has accelerated\n\nScientists measured the oceans for ten years.\n"
            "Published in Nature on Monday, the study shows that sea levels rose by 4.5 mm a year.\n"
            "The authors call for more tide gauges.\n")
    [a], _ = read(tmp_path, "sci.txt", text)
    assert a.title == "The rise of sea levels has accelerated" and a.source is None
    assert "Published in Nature on Monday" in a.body


def test_nbsp_typography_in_the_body_is_not_a_ticker(tmp_path):
    text = (f"Titre un{NB}Titre deux{NB}Titre trois{NB}\n\nLe vrai titre\nPublié dans X le 01 - 02 - 2024\n\n"
            "Première phrase.\u00a0 \u00a0Deuxième phrase.\u00a0 \u00a0Troisième phrase.\n"
            "«\u00a0\u00a0Nous devons agir\u00a0\u00a0» a-t-il dit.\n")
    [a], _ = read(tmp_path, "t.txt", text)
    assert a.title == "Le vrai titre" and "Deuxième phrase." in a.body and "Nous devons agir" in a.body
    assert "Titre deux" not in a.body


def test_pathological_lines_stay_fast(tmp_path):
    cases = {
        "dl.txt": "Titre\nPublié dans " + "mot " * 20_000 + "\nCorps du texte ici.\n",
        "fig.txt": "Titre\n\n" + "et la ville reçoit 5 millions de dirhams " * 2_000 + "\n",
        "quote.txt": "Titre\n\n" + "« ouvert " * 5_000 + "\n",
        "word.txt": "Titre\n\n" + "a" * 40_000 + ". Fin.\n",
    }
    from digest.pipeline import annotate

    for name, text in cases.items():
        start = cpu_seconds()
        [article], _ = read(tmp_path, name, text)
        annotate(article)
        assert cpu_seconds() - start < 10, name


def test_numeric_dates_that_read_both_ways_on_english_pages_give_no_date(tmp_path):
    page = "The council met today and approved the harbour budget for next year, officials said.\n"
    [a], [warning] = read(tmp_path, "us.jsonl", json.dumps(
        {"title": "Budget", "body": page, "date": "07/02/2025", "language": "en"}))
    assert a.date is None and "day-first and month-first" in warning.message
    [b], _ = read(tmp_path, "fr.jsonl", json.dumps(
        {"title": "Budget", "body": "Le conseil a voté le budget du port.", "date": "07/02/2025", "language": "fr"}))
    assert b.date == "2025-02-07"
    [c], _ = read(tmp_path, "en13.jsonl", json.dumps(
        {"title": "Budget", "body": page, "date": "13/02/2025", "language": "en"}))
    assert c.date == "2025-02-13"


def test_a_photo_caption_above_the_dateline_is_not_the_title(tmp_path):
    text = ("Le port de Safi double sa capacité\nLe nouveau quai nord, en mars dernier (Photo MAP)\n"
            "Publié dans La Gazette du Sud le 05 - 03 - 2024\n\nLe port de Safi a annoncé un plan.\n")
    [a], _ = read(tmp_path, "cap.txt", text)
    assert a.title == "Le port de Safi double sa capacité"


def test_discover_lists_files_and_links_in_path_order_and_skips_hidden_ones(tmp_path):
    import os

    from digest.pipeline import discover

    root = tmp_path / "articles"
    for name in ("b.md", "a-b.md", "a/b.md", "a/.hidden.md", ".git/config", "deep/er/x.txt", "Z.md"):
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text("x", encoding="utf-8")
    (root / "link.md").symlink_to(root / "b.md")
    (root / "broken.md").symlink_to(root / "missing.md")
    (root / "loop").symlink_to(root, target_is_directory=True)
    os.mkfifo(root / "pipe")
    expected = sorted(p for p in root.rglob("*") if (p.is_file() or p.is_symlink())
                      and not any(part.startswith(".") for part in p.relative_to(root).parts))
    assert discover(root) == expected
    assert [p.relative_to(root).as_posix() for p in discover(root)] == [
        "Z.md", "a/b.md", "a-b.md", "b.md", "broken.md", "deep/er/x.txt", "link.md", "loop"]
