"""Duplicate stories: exact, near (same language) and cross-language, never silently."""
from dataclasses import replace

import pytest

from digest.dedup import also_reported_by, anchors, ingest_summary, merge_duplicates, similarity
from digest.ingest import read_file

from .conftest import FIXTURES

DEDUP = FIXTURES / "dedup"


def load(*names):
    out = []
    for name in names:
        articles, problems = read_file(DEDUP / name, name, 1_000_000)
        assert problems == []
        out.extend(articles)
    return out


def test_same_story_in_spanish_and_english_is_one_digest():
    en, es = load("unesco-en.md", "unesco-es.md")
    assert (en.language, es.language) == ("en", "es")
    match = similarity(en, es)
    assert match is not None and match.kind == "cross-language"
    kept, merged, problems = merge_duplicates([es, en])
    assert kept == [en]  # the earliest date is kept, whatever the input order
    assert merged == {en.slug: (es,)}
    [problem] = problems
    assert problem.severity == "info" and problem.path == "unesco-es.md" and "unesco-en.md" in problem.message
    assert also_reported_by(merged[en.slug]) == ("Agencia del Estrecho (es, 2025-07-02)",)


def test_different_stories_from_the_same_site_are_kept_apart():
    # Same site, same language, same template and title, one day apart: two stories.
    monday, tuesday = load("bourse-0701-fr.md", "bourse-0702-fr.md")
    assert monday.title == tuesday.title
    assert similarity(monday, tuesday) is None
    # Same site and day, both about Morocco, one in Spanish: still two stories.
    unesco_es, social_en = load("unesco-es.md", "azerbaijan-en.md")
    assert similarity(unesco_es, social_en) is None
    articles = load("azerbaijan-en.md", "bourse-0701-fr.md", "bourse-0702-fr.md", "unesco-en.md")
    kept, merged, problems = merge_duplicates(articles)
    assert kept == articles and merged == {} and problems == []


def test_exact_and_near_duplicates_and_a_report_for_each():
    en, rewrite, es, other = load("unesco-en.md", "unesco-en-rewrite.md", "unesco-es.md", "azerbaijan-en.md")
    copy = replace(en, path="copy.md", slug="copy", url=None, date="2025-07-03")
    assert similarity(en, copy).kind == "exact"
    near = similarity(en, rewrite)
    assert near.kind == "near" and 0.5 < near.score < 1
    kept, merged, problems = merge_duplicates([copy, other, es, rewrite, en])
    assert kept == [other, en]
    assert [a.path for a in merged[en.slug]] == ["unesco-en-rewrite.md", "unesco-es.md", "copy.md"]
    assert sorted(p.path for p in problems) == ["copy.md", "unesco-en-rewrite.md", "unesco-es.md"]
    assert all(p.severity == "info" and "unesco-en.md" in p.message for p in problems)
    # Nothing is lost: every input is either kept or listed under a kept slug.
    assert len(kept) + sum(len(v) for v in merged.values()) == 5


def test_same_url_is_the_same_article_and_dates_far_apart_are_not():
    en, = load("unesco-en.md")
    updated = replace(en, path="later.md", slug="later", blocks=en.blocks[:2], date="2025-07-02")
    assert similarity(en, updated).reason == "the same URL"
    next_month = replace(en, path="old.md", url=None, date="2025-08-20")
    assert similarity(en, next_month) is None


def test_merge_is_deterministic_and_undated_articles_come_last():
    en, es = load("unesco-en.md", "unesco-es.md")
    undated = replace(en, path="a-undated.md", date=None, url=None)
    kept, merged, _ = merge_duplicates([undated, es, en])
    assert kept == [en]
    assert merge_duplicates([en, es, undated])[1] == merged


def test_anchors_are_language_independent():
    a = anchors("Le Maroc a reçu 1,33 milliard de dollars et 10 000 visiteurs, selon l'UNESCO (www.unesco.org).")
    b = anchors("Morocco received 1.33 billion dollars and 10,000 visitors, according to UNESCO (www.unesco.org).")
    assert {"n:1.33", "n:10000", "a:UNESCO", "url:www.unesco.org"} <= a & b
    assert "w:le" not in a  # sentence openers and stop words are not names


@pytest.mark.parametrize("counts,line", [
    ((5, 1, 2), "digest: 5 articles ingested, 1 merged as duplicates (4 digests), 2 inputs skipped"),
    ((0, 0, 0), "digest: 0 articles ingested, 0 merged as duplicates (0 digests), 0 inputs skipped"),
])
def test_summary_line(counts, line):
    assert ingest_summary(*counts) == line


def _with_body(article, path, body, **changes):
    from digest.model import Block

    blocks = tuple(Block("paragraph", p) for p in body.split("\n\n"))
    return replace(article, path=path, slug=path.removesuffix(".md"), blocks=blocks, **changes)


_BULLETIN = ("Weekly fuel bulletin. Over the week, petrol prices rose by {0} % and diesel by {1} %, while the "
             "share of stations reporting shortages reached {2} %. The ministry of energy said the average price "
             "of a litre stood at {3} dirhams across the country, and that stocks covered {4} days of demand.")


def test_weekly_bulletins_with_the_same_template_are_not_merged():
    en, = load("unesco-en.md")
    week1 = _with_body(en, "w1.md", _BULLETIN.format(1.2, 0.8, 14, 13.45, 32), url=None, date="2025-07-01")
    week2 = _with_body(en, "w2.md", _BULLETIN.format(2.7, 1.9, 21, 14.10, 28), url=None, date="2025-07-08")
    assert similarity(week1, week2) is None
    # Even within the date window, a template filled with other figures is another story.
    assert similarity(week1, replace(week2, date="2025-07-02")) is None
    # The same figures are the same bulletin; four days apart is too far.
    same = _with_body(en, "w1b.md", _BULLETIN.format(1.2, 0.8, 14, 13.45, 32) + " Prices are set on Monday.",
                      url=None, date="2025-07-02")
    assert similarity(week1, same).kind == "near"
    assert similarity(week1, replace(same, date="2025-07-05")) is None


def test_cross_language_market_reports_of_different_days_are_not_merged():
    monday, = load("bourse-0701-fr.md")
    tuesday_en = _with_body(
        monday, "bourse-0702-en.md",
        "The Casablanca Stock Exchange ended Wednesday's session lower, with its main index, the MASI, "
        "losing 0.41% to 18,334.90 points.\n\nTrading volume reached 287.6 million dirhams.\n\n"
        "Attijariwafa Bank fell 1.1% and LafargeHolcim Maroc 0.7%, while Maroc Telecom gained 1.3%.\n\n"
        "Market capitalisation stood at 1,008 billion dirhams at the close.",
        language="en", url=None, date="2025-07-02")
    assert similarity(monday, tuesday_en) is None
    # Names alone are not enough: a cross-language match needs shared figures.
    no_figures = _with_body(
        monday, "bourse-names-en.md",
        "The Casablanca Stock Exchange MASI index moved as Attijariwafa Bank, LafargeHolcim Maroc and "
        "Maroc Telecom traded.", language="en", url=None, date="2025-07-01")
    assert similarity(monday, no_figures) is None


def test_homepage_urls_and_short_placeholders_are_not_exact_duplicates():
    en, other = load("unesco-en.md", "azerbaijan-en.md")
    home = "https://www.example.org/"
    a = replace(en, url=home)
    b = replace(other, url="http://example.org", date=en.date)
    assert similarity(a, b) is None
    first = _with_body(en, "brief1.md", "Plus de détails à suivre.", title="Incendie à Tanger", url=None)
    second = _with_body(en, "brief2.md", "Plus de détails à suivre.", title="Séisme au large d'Agadir", url=None)
    assert similarity(first, second) is None
    kept, merged, _ = merge_duplicates([first, second])
    assert kept == [first, second] and merged == {}


def test_exact_text_needs_enough_words_and_the_date_window_holds_in_long_lists():
    en, = load("unesco-en.md")
    words = " ".join(f"mot{i}" for i in range(30))
    long_a = _with_body(en, "long-a.md", words[:words.index(" mot25")] + " \n", title="A", url=None)
    long_b = _with_body(en, "long-b.md", words[:words.index(" mot25")], title="B", url=None)
    assert similarity(long_a, long_b).reason == "the same text"  # 25 words
    short_a = _with_body(en, "short-a.md", words[:words.index(" mot24")] + " \n", title="A", url=None)
    short_b = _with_body(en, "short-b.md", words[:words.index(" mot24")], title="B", url=None)
    assert similarity(short_a, short_b).kind == "near"  # 24 words: too few for an exact match
    # The same text every other day: each copy is compared with the kept ones still in the window.
    copies = [_with_body(en, f"c{d}.md", words, title=f"C{d}", url=None, date=f"2025-07-{d:02d}")
              for d in range(1, 20, 2)]
    kept, merged, _ = merge_duplicates(copies[::-1])
    assert [a.date[-2:] for a in kept] == ["17", "13", "09", "05", "01"]  # in input order
    assert {slug: [a.date[-2:] for a in items] for slug, items in merged.items()} == {
        "c1": ["03"], "c5": ["07"], "c9": ["11"], "c13": ["15"], "c17": ["19"]}


def test_opener_test_equals_the_end_anchored_regex():
    import re

    from hypothesis import given
    from hypothesis import strategies as st

    from digest.dedup import _opens

    opening = re.compile(r"(?:^|[.!?…؟:;\"«“(\[—–-]\s*)$")

    @given(st.text(st.sampled_from("ab.!:«“([—- \n\t\u00a0\u2009"), max_size=8))
    def check(prefix):
        assert _opens(prefix) == bool(opening.search(prefix))

    check()


def test_anchors_of_urls_handles_elisions_and_arabic_digits():
    text = ("Selon l'UNESCO et d'Addahre, UNESCO's report (www.unesco.org/x) cites 1,33 M$ and ١٬٥٠٠ people.\n"
            "Write to info@unesco.org or @UNESCO_fr #Heritage2025. Le Maroc l'a dit: Rabat et Fès.")
    # "Rabat" follows a colon: capitalised as an opener, not kept as a name.
    assert anchors(text) == {
        "a:UNESCO", "w:addahre", "url:www.unesco.org/x", "n:1.33", "url:info@unesco.org", "url:@unesco_fr",
        "url:#heritage2025", "w:maroc", "w:fes", "n:500"}


def _fingerprint(article) -> str:
    import hashlib

    return hashlib.sha256(repr(article).encode("utf-8")).hexdigest()


def _decide_both(articles, previous):
    """An incremental decision from *previous* and one from scratch, which must be equal."""
    from digest.dedup import decide, features

    fps = [_fingerprint(a) for a in articles]
    asked = []

    def features_of(i):
        asked.append(i)
        return features(articles[i])

    incremental = decide(articles, fps, features_of, previous, incremental_share=1.0)
    loaded = len(asked)
    full = decide(articles, fps, lambda i: features(articles[i]))
    assert incremental == full
    return full, loaded


@pytest.mark.parametrize("seed", range(12))
def test_an_incremental_decision_equals_one_from_scratch_after_random_edits(seed):
    import random

    rng = random.Random(seed)
    stories = load("unesco-en.md", "unesco-es.md", "unesco-en-rewrite.md", "azerbaijan-en.md",
                   "bourse-0701-fr.md", "bourse-0702-fr.md")

    def variant(n: int):
        base = rng.choice(stories)
        blocks = list(base.blocks)
        if rng.random() < 0.4 and len(blocks) > 2:  # a copy cut short, or with a paragraph of its own
            blocks = blocks[: rng.randint(2, len(blocks))]
        if rng.random() < 0.3:
            blocks.append(replace(blocks[0], text=f"Update {rng.randint(0, 9)}: {rng.choice(stories).title}."))
        date = None if rng.random() < 0.1 else f"2025-07-{rng.randint(1, 14):02d}"
        url = rng.choice([None, None, base.url, f"https://news.example/{rng.randint(0, 5)}"])
        return replace(base, path=f"a{n:03d}.md", slug=f"a{n:03d}", date=date, url=url, blocks=tuple(blocks))

    articles = [variant(n) for n in range(40)]
    (_kept, merged, _problems, decisions), _ = _decide_both(articles, ())
    assert merged  # the corpus has duplicates to decide about
    made = len(articles)
    for _round in range(6):
        for _edit in range(rng.randint(1, 3)):
            i = rng.randrange(len(articles))
            kind = rng.choice(["body", "date", "remove", "add", "url"])
            if kind == "body":
                articles[i] = replace(variant(0), path=articles[i].path, slug=articles[i].slug)
            elif kind == "date":
                articles[i] = replace(articles[i], date=f"2025-07-{rng.randint(1, 14):02d}")
            elif kind == "remove":
                articles.pop(i)
            elif kind == "add":
                articles.append(variant(made))
                made += 1
            else:
                articles[i] = replace(articles[i], url=rng.choice(stories).url)
        rng.shuffle(articles)  # the input order never matters
        (_kept, _merged, _problems, decisions), _ = _decide_both(articles, decisions)


def test_an_unchanged_set_of_articles_loads_no_features_and_one_edit_loads_its_window():
    en, = load("unesco-en.md")
    words = " ".join(f"mot{i}" for i in range(40))
    articles = [_with_body(en, f"d{d}-{k}.md", f"{words} jour {d} article {k} " * 3, title=f"T{d}-{k}", url=None,
                           date=f"2025-06-{d:02d}") for d in range(1, 31) for k in range(3)]
    (_, _, _, decisions), loaded = _decide_both(articles, ())
    assert loaded == len(articles)
    _, loaded = _decide_both(articles, decisions)
    assert loaded == 0
    articles[0] = replace(articles[0], title="Edited")  # 1 June: days 1 to 4 are decided again
    _, loaded = _decide_both(articles, decisions)
    assert 0 < loaded <= 3 * 4
