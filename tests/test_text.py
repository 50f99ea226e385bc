import pytest

from digest.text import normalise, split_sentences, squash_spaces, words


def test_split_keeps_abbreviations_numbers_and_initials():
    text = ("M. Dupont et Mme Martin ont signé le 2.600e accord, soit 1,5 % de plus. "
            "Le Dr. Diaz a cité J. K. Rowling. Ensuite, la séance fut levée.")
    assert split_sentences(text) == [
        "M. Dupont et Mme Martin ont signé le 2.600e accord, soit 1,5 % de plus.",
        "Le Dr. Diaz a cité J. K. Rowling.",
        "Ensuite, la séance fut levée.",
    ]


def test_split_french_quotes_do_not_break_inside_speech():
    text = "« Nous partons. Demain, tout change », a-t-il dit. « Vraiment ? » Oui."
    assert split_sentences(text) == [
        "« Nous partons.",
        "Demain, tout change », a-t-il dit.",
        "« Vraiment ? »",
        "Oui.",
    ]


def test_split_arabic_punctuation():
    assert split_sentences("هل وصل القطار؟ نعم وصل. شكرا") == ["هل وصل القطار؟", "نعم وصل.", "شكرا"]


def test_split_english_and_spanish_abbreviations():
    assert len(split_sentences("Mr. Smith met Sr. Gómez in St. Louis. Then they left.")) == 2
    assert split_sentences("") == []


def test_normalise_nfc_and_line_ends():
    assert normalise("e\u0301\r\nb\u200b\x07") == "é\nb"
    assert squash_spaces("a\u00a0\u00a0 b\t c ") == "a b c"


def test_words_are_unicode_aware():
    assert words("L'État a dépensé 10 000 €; الذكاء") == ["L", "État", "a", "dépensé", "10", "000", "الذكاء"]


def test_split_glued_sentences_from_scraped_text():
    assert split_sentences("pour lui et son épouse.Le chef a parlé. M.Dupont et les U.S.A. restent.") == [
        "pour lui et son épouse.", "Le chef a parlé.", "M.Dupont et les U.S.A. restent."]


def test_split_numbers_and_initials_do_not_break():
    assert split_sentences("Il a dépensé 2.600 euros, soit 1,5 % de plus. Voilà.") == [
        "Il a dépensé 2.600 euros, soit 1,5 % de plus.", "Voilà."]
    assert split_sentences("Selon M. A. B. Diallo, etc. Fin.") == ["Selon M. A. B. Diallo, etc. Fin."]


@pytest.mark.parametrize("line", ["a b c", " a b ", "a  b", "a\tb", "\t", "  ", "", "a \t b", "é b\u00a0c", "a\u3000 b",
                                  "x" * 100 + "  y", "a\nb  c", "a\u2009\tb"])
def test_squash_spaces_skips_the_regex_only_when_it_would_change_nothing(line):
    import re

    spaced = line
    for ch in "\u00a0\u2007\u202f\u2009\u200a\u3000":
        spaced = spaced.replace(ch, " ")
    assert squash_spaces(line) == re.sub(r"[ \t]+", " ", spaced).strip()
