from hypothesis import given, settings
from hypothesis import strategies as st

from digest.glossary import load_glossary, make_matcher
from digest.model import GlossaryTerm

TERMS = (
    GlossaryTerm("ia", "IA", ("intelligence artificielle", "AI"), "Intelligence artificielle."),
    GlossaryTerm("union-europeenne", "Union européenne", ("UE",), "Union de 27 États."),
    GlossaryTerm("union", "Union", (), "Un mot d'exemple."),
    GlossaryTerm("dessalement", "dessalement", ("تحلية",), "Retirer le sel."),
    GlossaryTerm("start-up", "start-up", (), "Jeune pousse."),
)


def found(text):
    matcher = make_matcher(TERMS)
    return [(text[a:b], t) for a, b, t in matcher.find(text)]


def test_acronyms_keep_case_and_elision_works():
    assert found("l'IA et d'IA, mais pas ia ni via ni IAS.") == [("IA", "ia"), ("IA", "ia")]


def test_longest_match_first_plurals_and_case_insensitive_words():
    assert found("L'Union européenne et l'Union.") == [("Union européenne", "union-europeenne"), ("Union", "union")]
    assert found("Les Start-ups et le Dessalement.") == [("Start-ups", "start-up"), ("Dessalement", "dessalement")]
    assert found("Intelligence Artificielle") == [("Intelligence Artificielle", "ia")]


def test_arabic_prefixes():
    assert found("مشروع لتحلية المياه") == [("لتحلية", "dessalement")]


def test_load_validates_entries(tmp_path):
    path = tmp_path / "glossary.yml"
    path.write_text(
        "- term: IA\n  definition: x\n  aliases: [AI]\n"
        "- term: AI\n  definition: duplicate alias\n"
        "- term: Vide\n"
        "- term: IA\n  definition: same id\n", encoding="utf-8")
    terms, problems = load_glossary(path, "content/glossary.yml")
    assert [t.id for t in terms] == ["ai", "ia"]
    messages = " | ".join(str(p) for p in problems)
    assert "'AI' is already a form of 'ia'" in messages
    assert "no definition" in messages and "used twice" in messages
    assert all(p.path.startswith("content/glossary.yml") for p in problems)


def test_broken_glossary_is_reported_not_raised(tmp_path):
    path = tmp_path / "glossary.yml"
    path.write_text("- term: [oops\n", encoding="utf-8")
    terms, [problem] = load_glossary(path, "glossary.yml")
    assert terms == () and "not valid YAML" in problem.message


def test_glossary_folder_see_also_and_drafts(tmp_path):
    content = tmp_path / "content"
    (content / "glossary").mkdir(parents=True)
    (content / "glossary.yml").write_text(
        "- term: ONU\n  definition: Les Nations unies.\n  see_also: [unesco]\n"
        "- term: UM6P\n  definition: ''\n  draft: true\n", encoding="utf-8")
    (content / "glossary" / "unesco.md").write_text(
        "---\nterm: UNESCO\naliases: [Unesco]\nlanguage: fr\nsee_also: [onu, nope]\n---\n"
        "Agence de l'**ONU** pour l'éducation.\n", encoding="utf-8")
    (content / "glossary" / "empty.md").write_text("---\nterm: Vide\n---\n", encoding="utf-8")
    terms, problems = load_glossary(content / "glossary.yml", "content/glossary.yml", content / "glossary", tmp_path)
    by_id = {t.id: t for t in terms}
    assert set(by_id) == {"onu", "unesco"}
    assert by_id["unesco"].definition == "Agence de l'**ONU** pour l'éducation."
    assert by_id["unesco"].see_also == ("onu",) and by_id["unesco"].language == "fr"
    messages = {(p.path, p.severity, p.message) for p in problems}
    assert ("content/glossary/unesco.md", "error", "see_also names an unknown term 'nope'") in messages
    assert [t.see_also for t in terms if t.id == 'onu'] == [("unesco",)]
    assert any(p.path == "content/glossary/empty.md" and "no definition" in p.message for p in problems)
    assert any(p.severity == "info" and "draft" in p.message for p in problems)


def test_link_markdown_skips_code_links_headings_and_html():
    from digest.glossary import link_markdown

    text = ("# L'IA en titre\n"
            "L'IA et `IA` et [IA](https://x.org) et <span title=\"IA\">IA</span> https://e.org/IA\n"
            "```\nIA dans du code\n```\n"
            "!!! note \"IA\"\n    Encore l'IA.")
    out = link_markdown(text, lambda t: t.replace("IA", "<<IA>>"))
    assert out.splitlines()[0] == "# L'IA en titre"
    assert out.splitlines()[1] == ("L'<<IA>> et `IA` et [IA](https://x.org) et <span title=\"IA\"><<IA>></span> "
                                   "https://e.org/IA")
    assert "IA dans du code" in out and '!!! note "IA"' in out and "Encore l'<<IA>>." in out


def test_link_markdown_setext_indented_code_multiline_html_and_anchors():
    from digest.glossary import link_markdown

    text = ("Intelligence IA\n=====\n\nTexte sur l'IA.\n\n    print('IA')\n\n"
            "- une liste\n    avec l'IA dedans\n\n"
            "<div class=\"x\"\n     title=\"Le rôle de l'IA\">\nApres l'IA.\n"
            "<a href=\"/x\">vers l'IA</a> et \\[IA\\] [Rapport \\[PDF\\] IA](../x.md) fin IA")
    out = link_markdown(text, lambda t: t.replace("IA", "<<IA>>")).splitlines()
    assert out[0] == "Intelligence IA" and out[3] == "Texte sur l'<<IA>>."
    assert out[5] == "    print('IA')"
    assert out[8] == "    avec l'<<IA>> dedans"
    # An unclosed <div> without `markdown` makes the rest raw HTML: Markdown (and a link) is not read there.
    assert out[11] == "     title=\"Le rôle de l'IA\">" and out[12] == "Apres l'IA."
    assert out[13] == ('<a href="/x">vers l\'IA</a> et \\[IA\\] [Rapport \\[PDF\\] IA](../x.md) fin IA')


def _one_alternation(terms, text, matcher):
    """What `Matcher.find` must return: every form in one alternation, longest first, scanned left to right."""
    import re

    from digest.glossary import _form_pattern

    pairs = sorted({(f, t.id) for t in terms for f in t.forms}, key=lambda p: (-len(p[0]), p[0]))
    pattern = re.compile(rf"(?<![^\W_])(?:{'|'.join(_form_pattern(f) for f, _ in pairs)})(?![^\W_])")
    return [(m.start(), m.end(), t) for m in pattern.finditer(text) if (t := matcher._term_of(m.group()))]


def test_find_equals_one_alternation_on_tricky_text():
    terms = TERMS + (
        GlossaryTerm("k", "k", ("K",), "Une lettre."),
        GlossaryTerm("sel", "sel marin", ("s",), "Du sel."),
        GlossaryTerm("hash", "#MeToo", ("C++",), "Un mot-dièse."),
        GlossaryTerm("iran", "İran", (), "Un pays."),
    )
    text = ("L'UE, l'Union  européenne\net l'union_européenne; _IA IA_ \u212a K k ſel marin SEL MARIN "
            "S s #metoo #MeToo ##MeToo +#MeToo C++C++ iran İRAN والتحلية لتحلية start-ups start-upses Dessalementes "
            "intelligence\u00a0artificielle AI-AI AIs")
    matcher = make_matcher(terms)
    assert matcher.find(text) == _one_alternation(terms, text, matcher)
    assert matcher.find(text) == _one_alternation(terms, text, matcher)  # a second time, from the matcher's caches


SIGNS = TERMS + (GlossaryTerm("hash", "#MeToo", ("C++",), "Un mot-dièse."),)
MATCHER = make_matcher(SIGNS)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["IA", "ia", "Union", "union", "européenne", "UE", "ue", "تحلية", "ل", "Start",
                                 "-", "up", "ups", "s", "es", "Intelligence", "artificielle", "AI", "K", "\u212a",
                                 "#", "#MeToo", "C++", "+", " ", "  ", "\n", "'", "_", ".", "é", "x"]),
                max_size=30).map("".join))
def test_find_equals_one_alternation(text):
    assert MATCHER.find(text) == _one_alternation(SIGNS, text, MATCHER)
