from digest.facts import (acronyms, extract_dates, extract_entities, extract_facts, extract_figures,
                          extract_quotes, rank_facts, to_number)
from digest.model import Sentence


def s(text, i=1, block=0):
    return Sentence(f"s{i}", block, text)


def figures(text, language="fr", currency=None):
    facts, _ = extract_figures(s(text), language, currency)
    return [(f.kind, f.value, f.unit) for f in facts]


def test_numbers_follow_the_language_conventions():
    assert to_number("10 000", "fr") == 10000
    assert to_number("2.600", "fr") == 2600
    assert to_number("2,600", "en") == 2600
    assert to_number("1,5", "fr") == 1.5
    assert to_number("1.5", "en") == 1.5
    assert to_number("un", "fr") == 1


def test_money_percent_and_counts():
    assert figures("Un fonds de 11 milliards de dirhams et la formation de 10 000 ingénieurs.") == [
        ("money", 11e9, "MAD"), ("count", 10000, "ingénieurs")]
    assert figures("Les investissements atteignent un trillion de dollars.") == [("money", 1e12, "USD")]
    assert figures("Moins d'1% des fonds et 1,5 % du PIB.") == [("percent", 1, "%"), ("percent", 1.5, "%")]
    assert figures("The port will cost €1.8 billion and hire 300 workers.", "en") == [
        ("money", 1.8e9, "EUR"), ("count", 300, "workers")]
    assert figures("Una inversión de 280 millones de euros.", "es") == [("money", 280e6, "EUR")]
    assert figures("بكلفة 2.5 مليار درهم", "ar") == [("money", 2.5e9, "MAD")]
    assert figures("Un panel de 40 experts scientifiques.") == [("count", 40, "experts")]


def test_elliptical_amount_takes_currency_and_subject():
    facts, _ = extract_figures(s("Mais les Etats-Unis dépensent 500 milliards, l'Europe moins."), "fr", "USD")
    [fact] = facts
    assert (fact.kind, fact.value, fact.unit, fact.subject) == ("money", 5e11, "USD", "United States")


def test_volumes_are_measures_not_money():
    assert figures("Une usine de 40 millions de mètres cubes par an.", "fr", "EUR") == [("measure", 40e6, "m3/yr")]


def test_years_and_ordinals_are_not_counts():
    assert figures("Lundi 1er juillet 2025, en 2026.") == []


def test_dates_and_periods():
    facts = extract_dates(s("Le 2 juillet 2025, la stratégie 2025-2029 a été lancée ; un sommet en 2027, puis en mars 2028."))
    assert [(f.kind, f.value) for f in facts] == [
        ("period", "2025/2029"), ("date", "2025-07-02"), ("date", "2028-03"), ("date", "2027")]


SENTENCES = [
    s("Lundi, l'Université Mohammed VI Polytechnique (UM6P) de Rabat accueillait Omar Hilale, ambassadeur à l'ONU.", 1),
    s("« Cette asymétrie menace de creuser un fossé technologique », a averti Hilale.", 2),
    s("Washington et Bruxelles divergent, tandis que l'Union européenne impose des règles.", 3),
    s("L'Office des changes a publié ses chiffres à Casablanca.", 4),
]


def test_entities_are_classified_and_merged():
    e = extract_entities(SENTENCES, "fr")
    assert e.people == ("Omar Hilale",)
    # "UM6P" is the university's acronym: one organisation, under its full name.
    assert {"Université Mohammed VI Polytechnique", "ONU", "Union européenne", "Office des changes"} <= set(e.organisations)
    assert "UM6P" not in e.organisations
    assert {"Rabat", "Washington", "Bruxelles", "Casablanca"} <= set(e.places)


def test_acronyms_with_their_expansion():
    assert acronyms(SENTENCES[0].text) == {"UM6P": "Université Mohammed VI Polytechnique"}


def test_quotes_with_speaker_resolved_to_full_name():
    [quote] = extract_quotes(SENTENCES, ("Omar Hilale",))
    assert quote.text == "Cette asymétrie menace de creuser un fossé technologique"
    assert (quote.speaker, quote.sentence) == ("Omar Hilale", "s2")
    english = [s('"We will not stop until the port is safe," said Daniel Okafor on Monday.')]
    assert extract_quotes(english, ("Daniel Okafor",))[0].speaker == "Daniel Okafor"
    assert extract_quotes([s("Des IA « à haut risque » sont visées.")], ()) == []


def test_ranking_puts_money_first_and_dedupes():
    sentences = [s("En 2024, 40 experts ont chiffré le coût à 3 millions d'euros, soit 12 % du budget.", 1),
                 s("Les 3 millions d'euros seront versés en 2025.", 2)]
    facts = rank_facts(extract_facts(sentences, "fr"), {"s1"}, {"s1": 0, "s2": 1})
    assert [f.kind for f in facts] == ["money", "percent", "count", "date", "date"]
    assert facts[0].sentence == "s1"


def test_written_out_numbers_ranges_and_approximations():
    assert figures("The plan will hire five million people.", "en") == [("count", 5e6, "people")]
    assert figures("Une trentaine d'experts et deux nouveaux ports.") == [
        ("count", 30, "experts"), ("count", 2, "nouveaux ports")]
    assert figures("Une hausse de 8 à 10 % des factures.") == [("percent", 8, "%")]
    assert figures("A 140-page report.", "en") == [("count", 140, "page")]
    assert figures("Un homme a vu une femme.") == []  # articles are not counts


def test_arabic_currency_plural_and_glued_conjunction():
    assert figures("كلفة المتر المكعب 5 دراهم و150 منصباً", "ar") == [("money", 5, "MAD"), ("count", 150, "منصباً")]


def test_subject_behind_an_article_and_year_ranges_in_words():
    facts, _ = extract_figures(s("Les Etats-Unis dépensent 500 milliards de dollars."), "fr")
    assert facts[0].subject == "United States"
    periods = extract_dates(s("Formar técnicos entre 2025 y 2027."))
    assert [(f.kind, f.value) for f in periods] == [("period", "2025/2027")]


def test_small_counts_rank_below_figures_that_matter():
    sentences = [s("Deux ministres ont annoncé 300 emplois et 2 % de croissance.", 1)]
    facts = rank_facts(extract_facts(sentences, "fr"), set(), {"s1": 0})
    assert [f.kind for f in facts][-1] == "count" and facts[-1].value == 2


def test_the_spacy_backend_is_off_by_default():
    e = extract_entities(SENTENCES, "fr")
    assert e.people == ("Omar Hilale",)


def test_arabic_places_from_the_gazetteer_with_prefixes():
    sentences = [s("وقعت الوكالة اتفاقية في مدينة الصويرة، وبالرباط وفي الدار البيضاء أيضا.", 1)]
    assert set(extract_entities(sentences, "ar").places) == {"الصويرة", "الرباط", "الدار البيضاء"}


def test_month_and_day_names_are_not_places_or_people():
    sentences = [Sentence("s1", 0, "In February, attackers compromised a portal in Lisbon."),
                 Sentence("s2", 0, "El lunes, el banco abrió en Madrid."),
                 Sentence("s3", 0, "Depuis Mercredi, la grève continue à Casablanca.")]
    for language in ("en", "es", "fr"):
        found = extract_entities(sentences, language)
        names = set(found.people) | set(found.places) | set(found.organisations)
        assert not names & {"February", "lunes", "Mercredi", "El lunes"}, names


def test_arabic_indic_digits_are_read_like_western_ones():
    assert figures("بكلفة ٢٠ مليار درهم", "ar") == [("money", 20e9, "MAD")]
    assert figures("أنفقت و١٥٠ مليون دولار", "ar") == [("money", 150e6, "USD")]
    assert [f.value for f in extract_dates(s("في عام ٢٠٢٥"))] == ["2025"]


def test_arabic_decimal_and_thousands_separators():
    assert figures("بكلفة ٢٫٥ مليار درهم", "ar") == [("money", 2.5e9, "MAD")]
    assert figures("بلغ عدد السكان ٢٬٥٠٠ نسمة", "ar") == [("count", 2500, "نسمة")]
    # Persian digits: a year in them is a date, not a count of 2,025
    assert figures("في عام ۲۰۲۵ بكلفة ۱۵۰ مليون دولار", "ar") == [("money", 150e6, "USD")]
