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
