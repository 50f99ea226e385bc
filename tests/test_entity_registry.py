"""One canonical entity per real-world one: the registry, the editor's entities.yml, the pages,
and the floor on the multilingual wire corpus (`python -m digest.eval archive`)."""
import re
import shutil

import pytest

from digest.config import make_config
from digest.entities.editor import load_entities
from digest.entities.pages import digest_links, entity_pages
from digest.entities.registry import Mentions, build_registry, entity_slug, fold
from digest.eval.archive import CORPUS, run
from digest.model import Article, Digest, Entities
from digest.pipeline import Session, build


def item(slug, language="fr", people=(), orgs=(), places=(), aliases=()):
    return Mentions(slug, language, Entities(tuple(people), tuple(orgs), tuple(places), tuple(aliases)))


def pages_of(registry, *names):
    """The page path of each (slug, kind, name)."""
    return [registry.entity(*n).path for n in names]


# --------------------------------------------------------------------------- names and slugs

def test_slugs_keep_every_script_and_latin_names_as_before():
    assert entity_slug("Nasser Bourita") == "nasser-bourita"
    assert entity_slug("Union européenne", "organisations") == "union-europeenne"
    assert entity_slug("المغرب", "places") == "المغرب"  # never the lossy "lmgrb"
    assert entity_slug("ناصر بوريطة") == "ناصر-بوريطة"
    assert entity_slug("index", "places") == "index-place"
    assert fold("الأردن") == fold("الاردن") and fold("Côte d’Ivoire") == fold("cote d'ivoire")


# --------------------------------------------------------------------------- built-in tables

def test_a_country_is_one_place_in_every_language_titled_in_the_site_language():
    items = [item("a", "fr", places=["Maroc"]), item("b", "en", places=["Morocco"]),
             item("c", "es", places=["Marruecos"]), item("d", "ar", places=["المغرب", "بالمغرب"]),
             item("e", "fr", orgs=["Maroc"])]  # recognition calling the country an organisation
    registry = build_registry(items, (), "fr")
    [morocco] = {registry.entity(i.slug, k, n).key for i in items for k in ("organisations", "places")
                 for n in getattr(i.entities, k)}
    entity = registry.entities[morocco]
    assert (entity.kind, entity.title, entity.path) == ("places", "Maroc", "entities/places/maroc.md")
    assert entity.digests == ("a", "b", "c", "d", "e")
    english = build_registry(items, (), "en").entity("a", "places", "Maroc")
    assert (english.title, english.path) == ("Morocco", "entities/places/morocco.md")
    assert build_registry(items, (), "ar").entity("a", "places", "Maroc").path == "entities/places/المغرب.md"


def test_international_organisations_by_any_of_their_names():
    items = [item("a", "fr", orgs=["UE", "Union européenne", "ONU"]), item("b", "en", orgs=["EU", "European Union"]),
             item("c", "es", orgs=["Unión Europea", "Naciones Unidas"]), item("d", "ar", orgs=["الاتحاد الأوروبي"]),
             item("e", "en", people=["United Nations"])]  # a person, says recognition
    registry = build_registry(items, (), "fr")
    eu = {registry.entity(i.slug, "organisations", n).path for i in items for n in i.entities.organisations
          if n not in ("ONU", "Naciones Unidas")}
    assert eu == {"entities/organisations/union-europeenne.md"}
    un = pages_of(registry, ("a", "organisations", "ONU"), ("c", "organisations", "Naciones Unidas"),
                  ("e", "people", "United Nations"))
    assert len(set(un)) == 1 and registry.entity("a", "organisations", "ONU").title == "Organisation des Nations unies"
    assert build_registry(items, (), "es").entity("b", "organisations", "EU").title == "Unión Europea"


def test_acronyms_expanded_anywhere_in_the_archive():
    items = [item("a", orgs=["Atlas Hydrogène Maroc", "AHM"], aliases=[("AHM", "Atlas Hydrogène Maroc")]),
             item("b", "en", orgs=["AHM"]),
             item("c", orgs=["FMIS", "Fonds marocain d'investissement stratégique"]),  # initials, no brackets
             item("d", orgs=["FMIS"])]
    registry = build_registry(items, (), "fr")
    ahm = registry.entity("b", "organisations", "AHM")
    assert ahm is registry.entity("a", "organisations", "Atlas Hydrogène Maroc")
    assert (ahm.title, ahm.path) == ("Atlas Hydrogène Maroc", "entities/organisations/atlas-hydrogene-maroc.md")
    assert ahm.spellings == ("AHM", "Atlas Hydrogène Maroc") and ahm.digests == ("a", "b")
    assert len({registry.entity(s, "organisations", n).key for s, n in
                [("c", "FMIS"), ("c", "Fonds marocain d'investissement stratégique"), ("d", "FMIS")]}) == 1


def test_a_fact_box_names_one_entity_once_by_its_fuller_name():
    items = [item("a", orgs=["AHM", "Nordhy Maghreb", "Atlas Hydrogène Maroc"], aliases=[("AHM", "Atlas Hydrogène Maroc")])]
    registry = build_registry(items, (), "fr")

    class Shown:
        slug = "a"
        entities = items[0].entities

    links = digest_links(registry, Shown)["organisations"]
    assert [entry["name"] for entry in links] == ["Atlas Hydrogène Maroc", "Nordhy Maghreb"]
    assert links[0]["path"] == "entities/organisations/atlas-hydrogene-maroc.md"


def test_entities_that_share_words_stay_apart():
    items = [item("psg", people=["Luis Enrique", "Paris Saint-Germain"], orgs=["PSG"], places=["Paris"]),
             item("gwu", "en", orgs=["George Washington University"], places=["Washington"]),
             item("water", "en", places=["Jordan"]),
             item("coach", "en", people=["Tyrell Jordan"], places=["Jordan"]),  # "Jordan, 41, signed…"
             item("farm", people=["Ahmed Benali", "Benali"]),
             item("fish", "es", people=["Karima Benali", "Benali"]),
             item("alone", people=["Benali"])]
    registry = build_registry(items, (), "fr")
    psg = registry.entity("psg", "organisations", "PSG")
    assert psg is registry.entity("psg", "people", "Paris Saint-Germain") and psg.kind == "organisations"
    assert registry.entity("psg", "places", "Paris").path == "entities/places/paris.md" != psg.path
    assert registry.entity("gwu", "places", "Washington").path != registry.entity(
        "gwu", "organisations", "George Washington University").path
    assert registry.entity("water", "places", "Jordan").path == "entities/places/jordanie.md"
    coach = registry.entity("coach", "places", "Jordan")
    assert coach is registry.entity("coach", "people", "Tyrell Jordan") and coach.kind == "people"
    ahmed, karima = registry.entity("farm", "people", "Benali"), registry.entity("fish", "people", "Benali")
    assert ahmed.path == "entities/people/ahmed-benali.md" and karima.path == "entities/people/karima-benali.md"
    assert registry.entity("alone", "people", "Benali").path == "entities/people/benali.md"


def test_names_of_one_slug_still_share_a_page_named_after_the_most_frequent_spelling():
    items = [item("a", orgs=["Le Matin"]), item("b", orgs=["le matin"]), item("c", orgs=["Le Matin"])]
    entity = build_registry(items, (), "fr").entity("b", "organisations", "le matin")
    assert (entity.title, entity.path, entity.digests) == ("Le Matin", "entities/organisations/le-matin.md",
                                                           ("a", "b", "c"))


def test_the_same_digests_in_another_order_give_the_same_entities():
    items = [item("a", orgs=["UE", "AHM"], places=["Tanger"]), item("b", "en", orgs=["Atlas Hydrogène Maroc (x)"]),
             item("c", "es", places=["Tánger"], orgs=["AHM", "Atlas Hydrogène Maroc"])]
    one, two = build_registry(items, (), "fr"), build_registry(items[::-1], (), "fr")
    assert {k: (e.title, e.path, set(e.digests)) for k, e in one.entities.items()} == \
           {k: (e.title, e.path, set(e.digests)) for k, e in two.entities.items()}


# --------------------------------------------------------------------------- the editor's file

ENTITIES_YML = """\
- id: amman
  name: {fr: Amman, es: Amán, ar: عمّان}
  type: place
  aliases: [Amán]
- id: bourita
  name: Nasser Bourita
  type: person
  aliases: [ناصر بوريطة]
- name: Janvier
  not_entity: true
- name: Royaume
  type: place
  aliases: [Maroc]
"""


def test_the_editor_file_merges_drops_renames_and_absorbs(tmp_path):
    path = tmp_path / "entities.yml"
    path.write_text(ENTITIES_YML, encoding="utf-8")
    editor, problems = load_entities(path, "content/entities.yml")
    assert problems == [] and [e.id for e in editor] == ["amman", "bourita", "janvier", "royaume"]
    items = [item("a", "en", places=["Amman", "Janvier"]), item("b", "es", places=["Amán", "Marruecos"]),
             item("c", "ar", people=["ناصر بوريطة"]), item("d", people=["Nasser Bourita"])]
    registry = build_registry(items, editor, "fr")
    amman = registry.entity("b", "places", "Amán")
    assert amman is registry.entity("a", "places", "Amman") and amman.path == "entities/places/amman.md"
    assert registry.dropped("a", "places", "Janvier") and registry.entity("a", "places", "Janvier") is None
    assert registry.entity("c", "people", "ناصر بوريطة") is registry.entity("d", "people", "Nasser Bourita")
    # "Maroc" is an alias of the editor's entry: the CLDR country and all its names join it.
    assert registry.entity("b", "places", "Marruecos").title == "Royaume"
    # Renaming the entry keeps its URL: the id holds it.
    path.write_text(ENTITIES_YML.replace("name: Nasser Bourita", "name: Nasser Bourita (ministre)").replace(
        "[ناصر بوريطة]", "[Nasser Bourita, ناصر بوريطة]"), encoding="utf-8")
    renamed = build_registry(items, load_entities(path, "x")[0], "fr").entity("d", "people", "Nasser Bourita")
    assert renamed.path == "entities/people/bourita.md" and renamed.title == "Nasser Bourita (ministre)"
    links = digest_links(registry, Digest(Article("a.md", "a", "T", None, None, "en", None, ()), (), (), (),
                                          items[0].entities, ()))
    assert links["places"] == [{"name": "Amman", "path": "entities/places/amman.md"}]  # Janvier has no link


@pytest.mark.parametrize(("text", "message"), [
    ("- name: X\n", "'X' has no 'type'"),
    ("- name: X\n  type: thing\n", "no valid 'type'"),
    ("- type: place\n", "has no 'name'"),
    ("- {name: X, type: place}\n- {name: Y, id: x, type: place}\n", "the id 'x' is used twice"),
    ("- {name: X, type: place}\n- {name: Y, type: place, aliases: [x]}\n", "'x' is already a name in"),
    ("- {name: X, type: place, colour: red}\n", "unknown key 'colour'"),
    ("- [a list]\n", "not a mapping"),
    ("name: X\n", "must be a list"),
    ("- {name: [unclosed\n", "entities file"),
])
def test_bad_entries_are_reported_with_the_file_and_entry(tmp_path, text, message):
    path = tmp_path / "entities.yml"
    path.write_text(text, encoding="utf-8")
    _editor, problems = load_entities(path, "content/entities.yml")
    assert problems and message in str(problems[-1]) and str(problems[-1]).startswith("content/entities.yml")
    assert problems[-1].hint


# --------------------------------------------------------------------------- through the build

ARTICLE = """---
title: {title}
source: Agence
date: {date}
language: {language}
slug: {slug}
---
{body}
"""


def content(tmp_path):
    folder = tmp_path / "content"
    (folder / "articles").mkdir(parents=True)
    stories = [("a", "2025-04-08", "fr", "Le consortium Atlas Hydrogène Maroc (AHM) investit à Tanger, au Maroc. "
                                          "Le ministre Nasser Bourita a salué le projet."),
               ("b", "2025-04-09", "en", "AHM signed a loan with the World Bank. Morocco welcomed the deal in Tangier."),
               ("c", "2025-04-10", "ar", "وقع المغرب اتفاقا جديدا في طنجة.")]
    for slug, date, language, body in stories:
        (folder / "articles" / f"{slug}.md").write_text(
            ARTICLE.format(title=f"Story {slug}", date=date, language=language, slug=slug, body=body), encoding="utf-8")
    return folder


def config(folder, **options):
    return make_config({"content_dir": str(folder), "workers": 1, "site_language": "fr", **options}, folder.parent)


def test_the_site_has_one_page_per_entity_and_fact_boxes_link_to_it(tmp_path):
    result = build(config(content(tmp_path)))
    pages = result.pages
    morocco = pages["entities/places/maroc.md"]
    assert morocco.startswith('---\ntitle: "Maroc"') and "Autres graphies: <bdi>Morocco</bdi>, <bdi>المغرب</bdi>" \
        in morocco
    assert re.findall(r"digests/(\w)\.md", morocco) == ["c", "b", "a"]  # newest first
    assert "## Souvent cité avec" in morocco and "(../../entities/places/tangier.md) (3)" in morocco
    assert "[AHM](../entities/organisations/atlas-hydrogene-maroc.md)" in pages["digests/b.md"]
    assert "[المغرب](../entities/places/maroc.md)" in pages["digests/c.md"]
    assert not [p for p in pages if p.startswith("entities/places/") and "lmgrb" in p]
    for page, text in pages.items():  # every entity link points at a page
        for link in re.findall(r"\]\(((?:\.\./)+entities/[^)]+\.md)", text):
            assert re.sub(r"^(\.\./)+", "", link) in pages, (page, link)


def test_a_changed_entities_file_changes_the_pages_it_affects_with_a_cache(tmp_path):
    folder = content(tmp_path)
    cfg = config(folder, cache_dir=str(tmp_path / "cache"))
    session = Session()
    first = build(cfg, session)
    (folder / "entities.yml").write_text("- {id: hydrogene, name: Consortium AHM, type: organisation, "
                                         "aliases: [Atlas Hydrogène Maroc]}\n- {name: Nasser Bourita, not_entity: true}\n",
                                         encoding="utf-8")
    for again in (build(cfg, session), build(cfg), build(config(folder))):  # session, disk cache, none
        assert again.problems == first.problems
        assert "entities/organisations/hydrogene.md" in again.pages
        assert "entities/organisations/atlas-hydrogene-maroc.md" not in again.pages
        assert "(../entities/organisations/hydrogene.md)" in again.pages["digests/b.md"]
        assert "Nasser Bourita" not in again.pages["entities/index.md"]
        assert "entities.yml" in again.inputs
    assert build(cfg).pages == build(config(folder)).pages


def test_check_reports_a_bad_entities_file_and_the_site_still_builds(tmp_path):
    folder = content(tmp_path)
    (folder / "entities.yml").write_text("- {name: Maroc}\n", encoding="utf-8")
    result = build(config(folder))
    [problem] = [p for p in result.problems if "entities.yml" in p.path]
    assert problem.path == "content/entities.yml (entry 1)" and "type" in problem.hint
    assert "entities/places/maroc.md" in result.pages


def test_entity_pages_list_related_entities_most_frequent_first():
    items = [item("a", places=["Maroc", "Tanger"], orgs=["UE"]), item("b", places=["Maroc", "Tanger"]),
             item("c", places=["Maroc"], orgs=["UE"]), item("d", places=["Maroc"], people=["X Y"])]
    registry = build_registry(items, (), "fr")
    pages = {p["name"]: p for p in entity_pages(registry, {})}
    assert [(r["name"], r["count"]) for r in pages["Maroc"]["related"]] == \
           [("Tanger", 2), ("Union européenne", 2), ("X Y", 1)]


# --------------------------------------------------------------------------- the wire corpus

def test_the_wire_corpus_floor():
    """24 wire stories (fr, en, es, ar) with their truth: measured, then pinned.

    `wire` depends on recognition (digest/entities, rewritten separately): 29 of 30 entities
    on exactly one right page with it (16 with the earlier rules), the registry's own limit
    below (Amman/Amán).
    `wire_oracle` gives the registry the true names: 29 of 30 (Amman/Amán, which no built-in
    table knows, needs entities.yml).
    """
    result = run()
    assert result["wire"]["merged"] == [] and result["wire_oracle"]["merged"] == []
    assert result["wire"]["percent"] >= 93 and result["wire"]["missed"] == [] and result["wire"]["wrong_type"] == []
    assert result["wire_oracle"]["percent"] >= 95 and result["wire_oracle"]["split"] == [
        "amman: entities/places/aman.md, entities/places/amman.md"]


def test_the_wire_corpus_with_an_entities_file_mends_what_tables_cannot(tmp_path):
    from digest.eval.archive import build_corpus

    corpus = tmp_path / "wire"
    shutil.copytree(CORPUS, corpus)
    (tmp_path / "entities.yml").write_text("- {id: amman, name: Amman, type: place, aliases: [Amán]}\n", "utf-8")
    result, registry = build_corpus(corpus, entities_file=tmp_path / "entities.yml")
    assert registry.entity("es-jordania-refugiados", "places", "Amán").path == "entities/places/amman.md"


# --------------------------------------------------------------------------- digest entities suggest

def test_entities_suggest_lists_and_writes_drafts(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from digest.cli import main

    folder = content(tmp_path)
    (folder / "articles" / "d.md").write_text(ARTICLE.format(
        title="Story d", date="2025-04-11", language="en", slug="d",
        body="Foreign minister Bourita met the press. The port handled 9,000 TEU in March."), encoding="utf-8")
    existing = "# kept as written\n- {id: tanger, name: Tanger, type: place}\n"
    (folder / "entities.yml").write_text(existing, encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text("site_name: T\ndocs_dir: content\ntheme: {name: material, language: fr}\n"
                                         "plugins:\n  - digest\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    listed = runner.invoke(main, ["entities", "suggest"])
    assert listed.exit_code == 0, listed.output
    assert re.search(r"merge +surname +person +Nasser Bourita = Bourita +\(d\)", listed.output)
    assert re.search(r"merge +country +place +Maroc = Morocco, المغرب", listed.output)
    assert "Tanger" not in listed.output  # the editor has it already
    wrong = runner.invoke(main, ["entities", "suggest", "--write", "--pick", "Nobody"])
    assert wrong.exit_code != 0 and "not among the suggestions: Nobody" in wrong.output
    written = runner.invoke(main, ["entities", "suggest", "--write", "--pick", "Bourita"])
    assert "appended 1 draft entries" in written.output
    text = (folder / "entities.yml").read_text("utf-8")
    assert text.startswith(existing) and '- name: "Nasser Bourita"\n  type: person\n  aliases: ["Bourita"]\n  draft: true' \
        in text
    checked = runner.invoke(main, ["check"])
    assert "info: content/entities.yml (entry 2): 'Nasser Bourita' is a draft" in checked.output
    assert "Bourita" not in runner.invoke(main, ["entities", "suggest"]).output  # never suggested twice
