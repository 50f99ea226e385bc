from digest.notes import load_note, resolve_wiki_links


def test_attached_and_standalone_notes(tmp_path):
    path = tmp_path / "n.md"
    path.write_text("---\ntitle: T\nauthor: Ana\ndate: 2025-04-09\ndigest: [a, b]\n---\nBody **bold**.\n", encoding="utf-8")
    note, problems = load_note(path, "content/notes/n.md", 10_000)
    assert problems == [] and note.digests == ("a", "b") and note.author == "Ana" and note.date == "2025-04-09"
    assert note.body == "Body **bold**.\n"
    path.write_text("---\nauthor: Ana\n---\nNo title and no digest.\n", encoding="utf-8")
    note, [problem] = load_note(path, "content/notes/n.md", 10_000)
    assert note is None and "title" in problem.message


def test_broken_note_front_matter_is_reported(tmp_path):
    path = tmp_path / "n.md"
    path.write_text("---\ntitle: [oops\n---\nx\n", encoding="utf-8")
    note, [problem] = load_note(path, "content/notes/n.md", 10_000)
    assert note is None and problem.path == "content/notes/n.md"


def test_wiki_links():
    text = "See [[alpha]] and [[beta|the other one]] and [[nope]].\n```\n[[alpha]]\n```"
    out, unknown = resolve_wiki_links(text, {"alpha": "Alpha story", "beta": "Beta"}, "../digests/")
    assert out.splitlines()[0] == ("See [Alpha story](../digests/alpha.md) and "
                                   "[the other one](../digests/beta.md) and [[nope]].")
    assert "[[alpha]]" in out.splitlines()[2] and unknown == ["nope"]
