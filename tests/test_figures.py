"""Figures (digest/annotate/figures.py) per kind and language, the seed's list, and the fact-box
text in the reader's language (digest/annotate/display.py)."""
import re

import pytest

from digest.annotate.display import figure_value, subject_text
from digest.annotate.figures import extract_figures, to_number
from digest.facts import extract_facts
from digest.model import Fact, Sentence

from .conftest import REPO


def s(text, i=1):
    return Sentence(f"s{i}", 0, text)


def figures(text, language="en", currency=None):
    facts, _ = extract_figures(s(text), language, currency)
    return [(f.kind, f.value, f.unit) for f in facts]


def one(text, language="en", currency=None):
    facts, _ = extract_figures(s(text), language, currency)
    assert len(facts) == 1, facts
    return facts[0]


# --- kinds -----------------------------------------------------------------------------

def test_money_in_every_language_and_script():
    assert figures("The port will cost €1.8 billion.") == [("money", 1.8e9, "EUR")]
    assert figures("I have €10M in savings and $2.174T of debt.") == [("money", 1e7, "EUR"), ("money", 2.174e12, "USD")]
    assert figures("Un fonds de 11 milliards de dirhams.", "fr") == [("money", 11e9, "MAD")]
    assert figures("Una inversión de 2 400 millones de euros.", "es") == [("money", 2.4e9, "EUR")]
    assert figures("بكلفة ٢٫٥ مليار درهم", "ar") == [("money", 2.5e9, "MAD")]
    assert figures("بكلفة ۲۵۰ مليون دولار", "ar") == [("money", 250e6, "USD")]  # Persian digits
    assert figures("I spent 20 million pounds on this!") == [("money", 2e7, "GBP")]
    assert figures("only for $15.4/hour") == [("money", 15.4, "USD/h")]


def test_percentages_and_points():
    assert figures("Moins d'1% des fonds et 1,5 % du PIB.", "fr") == [("percent", 1, "%"), ("percent", 1.5, "%")]
    assert figures("Le chômage a reculé de 0,5 point de pourcentage.", "fr") == [("percent", 0.5, "pp")]
    assert figures("Unemployment rose 2 percentage points.") == [("percent", 2, "pp")]
    assert figures("نمو بنسبة 3 في المائة", "ar") == [("percent", 3, "%")]


def test_counts_of_things():
    assert figures("la formation de 10 000 ingénieurs.", "fr") == [("count", 10000, "ingénieurs")]
    assert figures("In this pit, 50 cars are stored.") == [("count", 50, "cars")]
    assert figures("I have seen 45 and 50 cases.") == [("count", 45, "cases"), ("count", 50, "cases")]
    assert figures("The plan will hire five million people.") == [("count", 5e6, "people")]
    assert figures("Une trentaine d'experts.", "fr") == [("count", 30, "experts")]
    assert figures("Miles de personas y once bancos.", "es") == [("count", 1000, "personas"), ("count", 11, "bancos")]


@pytest.mark.parametrize("text, language, value, unit", [
    ("a tower of 3 miles height", "en", 3, "mi"),
    ("The door is 2 1/2 in thick", "en", 2.5, "in"),
    ("They were given 50 mg ethanol.", "en", 50, "mg"),
    ("Italy covers an area of 301,338 km2.", "en", 301338, "km2"),
    ("4 cubic kilometers of ice", "en", 4, "km3"),
    ("a large 100 cl bottle", "en", 100, "cl"),
    ("The average weight is 10kg.", "en", 10, "kg"),
    ("Une usine de 200 000 tonnes d'hydrogène.", "fr", 200000, "t"),
    ("une puissance de 1,2 gigawatt", "fr", 1.2, "GW"),
    ("une batterie de 80 megavatios hora", "es", 80, "MWh"),
    ("At top speed of 200 kilometres per hour", "en", 200, "km/h"),
    ("Il fait 32 °C à Rabat.", "fr", 32, "°C"),
    ("temperatures near 45 degrees Celsius", "en", 45, "°C"),
    ("un débit de 100 Mbit/s", "fr", 100, "Mbit/s"),
    ("un disque de 2 To", "fr", 2, "TB"),
    ("مساحة 8000 هكتار", "ar", 8000, "ha"),
    ("بقدرة 45 ميغاواط", "ar", 45, "MW"),
    ("de 40 millions de mètres cubes par an", "fr", 40e6, "m3/yr"),
])
def test_measures(text, language, value, unit):
    fact = one(text, language)
    assert (fact.kind, fact.value, fact.unit) == ("measure", value, unit)


def test_durations_and_ages():
    assert figures("running for 3 years, 2 months, 14 days, and 16 hours") == [
        ("duration", 3, "yr"), ("duration", 2, "mo"), ("duration", 14, "d"), ("duration", 16, "h")]
    assert figures("un chantier de 18 mois", "fr") == [("duration", 18, "mo")]
    assert figures("durante seis semanas", "es") == [("duration", 6, "wk")]
    assert figures("Tyrell Jordan, a 41-year-old forward") == [("age", 41, "yr")]
    assert figures("âgé de 63 ans", "fr") == [("age", 63, "yr")]
    assert figures("twice a year and one day") == []  # "a year", "one day": phrases, not figures


def test_ranges_approximations_and_changes():
    fact = one("Une hausse de 8 à 10 % des factures.", "fr")
    assert (fact.kind, fact.value, fact.low, fact.high, fact.unit) == ("percent", 8, 8, 10, "%")
    fact = one("They were given between 44 and 50 mg ethanol.")
    assert (fact.value, fact.low, fact.high, fact.unit) == (44, 44, 50, "mg")
    fact = one("entre 3 et 5 % du PIB", "fr")
    assert (fact.low, fact.high, fact.unit) == (3, 5, "%")
    fact = one("The budget is 2 to 3 million dollars.")
    assert (fact.kind, fact.low, fact.high, fact.unit) == ("money", 2e6, 3e6, "USD")
    assert one("près de 6 milliards d'euros", "fr").approx == "~"
    assert one("about 300 workers").approx == "~"
    assert one("unos 35 bancos", "es").approx == "~"
    assert one("plus de 40 experts", "fr").approx == ">"
    assert one("Prices rose +12 %").change == "+"
    assert one("une baisse de 3 % des ventes", "fr").change == "-"
    assert [(f.kind, f.value, f.unit) for f in extract_figures(s("Exports have doubled."), "en")[0]] == [("change", 2, "×")]
    assert [(f.kind, f.value) for f in extract_figures(s("Sales fell by a third."), "en")[0]] == [("percent", -33.3)]


def test_arabic_written_numbers_and_groups():
    text = "استمر الإضراب ثلاثة أيام وشارك فيه عشرات الآلاف من المتظاهرين، وخمسة ملايين درهم"
    assert figures(text, "ar") == [("duration", 3, "d"), ("count", 10000, "المتظاهرين"), ("money", 5e6, "MAD")]
    assert figures("des dizaines de milliers de manifestants", "fr") == [("count", 10000, "manifestants")]


def test_written_numbers():
    assert to_number("twenty-one", "en") == 21
    assert to_number("a hundred and two", "en") == 102
    assert to_number("two and a half", "en") == 2.5
    assert to_number("one-half", "en") == 0.5
    assert to_number("quatre-vingts", "fr") == 80
    assert to_number("٢٫٥", "ar") == 2.5
    assert to_number("1,500,000", "fr") == 1500000
    assert to_number("2.48×10−5", "en") == pytest.approx(2.48e-5)
    assert to_number("a twenty", "en") == 20  # the article, not one more
    assert to_number("a hundred", "en") == 100


def test_units_of_recipes_pressure_electricity_and_short_times():
    assert figures("Add ½ tbsp of salt, 2 teaspoons of sugar and 3 cups of flour.") == [
        ("measure", 0.5, "tbsp"), ("measure", 2, "tsp"), ("measure", 3, "cup")]
    assert figures("Pressure fell to 980 hPa; tyres at 32 psi.") == [("measure", 980, "hPa"), ("measure", 32, "psi")]
    assert figures("a 400 kV line, 5 volts and 85 dB") == [("measure", 400, "kV"), ("measure", 5, "V"), ("measure", 85, "dB")]
    assert figures("The density is 5.5 kg/cm³, 4 light-years away, in 30 milliseconds.") == [
        ("measure", 5.5, "kg/cm3"), ("measure", 4, "ly"), ("duration", 30, "ms")]
    assert figures("un diamant de 3 carats, 2 tasses de farine", "fr") == [("measure", 3, "ct"), ("measure", 2, "cup")]
    assert figures("a twenty pound bag of rice") == [("measure", 20, "lb")]


def test_an_arabic_list_inherits_magnitude_currency_and_takes_its_subjects():
    text = "تنفق الولايات المتحدة ٥٠٠ مليار دولار، والاتحاد الأوروبي ۲۰۰، والصين ١٣٨."
    facts, _ = extract_figures(s(text), "ar")
    assert [(f.value, f.unit, subject_text(f.subject, "ar")) for f in facts] == [
        (500e9, "USD", "الولايات المتحدة"), (200e9, "USD", "الاتحاد الأوروبي"), (138e9, "USD", "الصين")]


def test_an_abbreviation_outside_the_tables_counts_nothing():
    assert figures("I want 1cds in this room, 66 Ma ago, reached 5 fb of data.") == []
    assert figures("12 people and 3 ships") == [("count", 12, "people"), ("count", 3, "ships")]


def test_what_is_not_a_figure():
    assert figures("Lundi 1er juillet 2025, en 2026.", "fr") == []
    assert figures("The bank robbery began at 2pm and ended at 14:30.") == []
    assert figures("Call +33 1 23 45 67 89 or 05 22 33 44 55.") == []
    assert figures("He finished 3rd, the 21st edition, ranked No. 1.") == []
    assert figures("Le rendez-vous est à 18 heures.", "fr") == []
    assert figures("The strategy 2025-2029 and the 2013-14 season.") == []
    assert figures("galaxy cluster MACS J1149.5+6663 and SCP 06F6") == []


# --- the seed: a list that inherits magnitude, currency and subject ------------------------

SEED = ("Mais la répartition de cette manne est abyssale : les Etats-Unis dépensent 500 milliards, "
        "l'Union européenne 200, la Chine 138, tandis que l'Afrique lutte pour décrocher moins d'1% de ces fonds.")


def test_a_list_inherits_magnitude_and_currency_from_its_first_figure():
    sentences = [s("En 2025, les investissements mondiaux en IA atteignent un trillion de dollars.", 1), s(SEED, 2)]
    money = [f for f in extract_facts(sentences, "fr") if f.kind == "money" and f.sentence == "s2"]
    assert [(f.text, f.value, f.unit, f.subject) for f in money] == [
        ("500 milliards", 500e9, "USD", "United States"),
        ("200", 200e9, "USD", "Union européenne"),
        ("138", 138e9, "USD", "China")]
    assert [figure_value(f, "fr") for f in money] == [
        "500 milliards de dollars", "200 milliards de dollars", "138 milliards de dollars"]
    assert [subject_text(f.subject, "fr") for f in money] == ["États-Unis", "Union européenne", "Chine"]


def test_the_seed_page_shows_the_three_amounts(seed_path, tmp_path):
    import shutil

    from digest.config import make_config
    from digest.pipeline import build

    content = tmp_path / "content"
    (content / "articles").mkdir(parents=True)
    shutil.copy(seed_path, content / "articles" / seed_path.name)
    result = build(make_config({"content_dir": str(content)}, tmp_path))
    [page] = [text for path, text in result.pages.items() if path.startswith("digests/")]
    assert page.count('<svg class="digest-chart"') == 1 and "Comparaison : États-Unis, Union européenne, Chine" in page
    for line in ("**500 milliards** = 500 milliards de dollars (États-Unis)",
                 "**200** = 200 milliards de dollars (Union européenne)",
                 "**138** = 138 milliards de dollars (Chine)"):
        assert line in page


# --- in the reader's language -----------------------------------------------------------------

@pytest.mark.parametrize("fact, fr, es, en, ar", [
    (Fact("money", "", 6e9, "EUR", "s1"), "6 milliards d'euros", "6.000 millones de euros", "6 billion euros",
     "6 مليارات يورو"),
    (Fact("money", "", 2.4e9, "EUR", "s1"), "2,4 milliards d'euros", "2.400 millones de euros", "2.4 billion euros",
     "2.4 مليار يورو"),
    (Fact("count", "", 10000, "ingénieurs", "s1"), "10 000 ingénieurs", "10.000 ingénieurs", "10,000 ingénieurs",
     "10 آلاف ingénieurs"),
    (Fact("money", "", 1e12, "USD", "s1"), "1 000 milliards de dollars", "1 billón de dólares", "1 trillion dollars",
     "1 تريليون دولار"),
    (Fact("money", "", 5, "MAD", "s1"), "5 dirhams", "5 dírhams", "5 dirhams", "5 دراهم"),
    (Fact("measure", "", 27, "km", "s1"), "27 km", "27 km", "27 km", "27 كم"),
    (Fact("duration", "", 3, "d", "s1"), "3 jours", "3 días", "3 days", "3 أيام"),
    (Fact("percent", "", 12, "%", "s1", change="+"), "+12\u202f%", "+12\u00a0%", "+12%", "+12%"),
    (Fact("percent", "", 8, "%", "s1", low=8, high=10), "8–10\u202f%", "8–10\u00a0%", "8–10%", "8–10%"),
    (Fact("money", "", 2e6, "USD", "s1", approx="~"), "≈ 2 millions de dollars", "≈ 2 millones de dólares",
     "≈ 2 million dollars", "≈ 2 مليون دولار"),
])
def test_figures_in_the_readers_language(fact, fr, es, en, ar):
    got = {lang: figure_value(fact, lang).replace("\u202f", " ").replace("\u00a0", " ")
           for lang in ("fr", "es", "en", "ar")}
    want = {lang: text.replace("\u202f", " ").replace("\u00a0", " ")
            for lang, text in (("fr", fr), ("es", es), ("en", en), ("ar", ar))}
    assert got == want


ENGLISH_WORDS = re.compile(r"\b(?:billion|million|trillion|thousand|dollars?|euros? |pounds?|percent|years?|days?|"
                           r"months?|hours?|weeks?|United States|China|Spain|Tangier|Africa|Morocco)\b")


def test_no_english_word_in_a_french_spanish_or_arabic_fact_box():
    from digest.config import make_config
    from digest.pipeline import build

    result = build(make_config({}, REPO))
    checked = 0
    for d in result.digests:
        if d.article.language == "en":
            continue
        page = result.pages[f"digests/{d.slug}.md"]
        box = page[page.index('<div class="digest-facts"'):]
        for line in box[:box.index("</div>")].splitlines():
            if line.strip().startswith("- **") and "](#" in line:
                shown = line.split("**", 2)[2]  # what digest wrote: the value, subject and label
                assert not ENGLISH_WORDS.search(shown), (d.slug, line)
                checked += 1
    assert checked >= 20


def test_subjects_in_the_readers_language():
    assert subject_text("United States", "fr") == "États-Unis"
    assert subject_text("United States", "es") == "Estados Unidos"
    assert subject_text("Morocco", "ar") == "المغرب"
    assert subject_text("Africa", "fr") == "Afrique"
    assert subject_text("Tangier", "fr", "Un consortium mise 6 milliards d'euros à Tanger.") == "Tanger"
    assert subject_text("Union européenne", "fr") == "Union européenne"


def test_output_is_deterministic():
    text = SEED + " Le port de 600 mètres et 3 000 emplois, près de 12 %."
    first = extract_figures(s(text), "fr", "USD")
    assert all(extract_figures(s(text), "fr", "USD") == first for _ in range(3))


# --- charts ---------------------------------------------------------------------------------

def test_figures_that_compare_get_an_inline_bar_chart():
    from digest.charts import bar_chart, comparison

    sentences = [s("En 2025, les investissements mondiaux en IA atteignent un trillion de dollars.", 1), s(SEED, 2),
                 s("Le Maroc a investi 11 milliards de dirhams.", 3)]
    compared = comparison(extract_facts(sentences, "fr"))
    assert [f.subject for f in compared] == ["United States", "Union européenne", "China"]
    svg = bar_chart(compared, "fr", "Comparaison : <États-Unis>")
    assert svg.startswith("<svg") and svg.endswith("</svg>") and "\n" not in svg
    assert svg.count("<rect") == 3 and "Chine" in svg and "200 milliards de dollars" in svg
    assert "&#60;États-Unis&#62;" in svg and "<script" not in svg and "<É" not in svg
    assert bar_chart(compared, "fr") == bar_chart(compared, "fr")  # the same bytes every build
    widths = [int(w) for w in re.findall(r'<rect x="\d+" y="\d+" width="(\d+)"', svg)]
    assert widths == sorted(widths, reverse=True) and widths[0] > 3 * widths[-1]
    assert comparison([f for f in extract_facts(sentences, "fr") if f.subject != "China"][:2]) == []


def test_one_figure_per_subject_draws_no_chart():
    from digest.charts import bar_chart, comparison

    facts = extract_facts([s("Le Maroc a investi 11 milliards de dirhams et 40 experts.", 1)], "fr")
    assert comparison(facts) == [] and bar_chart([], "fr") == ""
