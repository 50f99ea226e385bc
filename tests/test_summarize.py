from digest.summarize import rank_sentences, summarize, terms

SENTENCES = [
    "Le conseil régional a adopté mardi un plan de 3 milliards de dirhams pour l'eau potable.",
    "Le plan prévoit trois usines de dessalement et la rénovation des réseaux d'eau potable.",
    "Il faisait beau ce jour-là.",
    "Les usines de dessalement fourniront l'eau potable de deux millions d'habitants.",
    "La séance a été levée à midi.",
    "Les élus de l'opposition ont voté contre le plan, jugé trop coûteux.",
]


def test_summary_keeps_article_order_and_length():
    summary = summarize(SENTENCES, "fr", max_sentences=2)
    assert len(summary) == 2
    assert summary == sorted(summary, key=SENTENCES.index)
    assert "Il faisait beau ce jour-là." not in summary


def test_summary_prefers_central_sentences_over_filler():
    scores = rank_sentences(SENTENCES, "fr")
    assert scores[3] > scores[4]  # the desalination sentence beats "the session closed at noon"
    assert scores[0] > scores[2]


def test_word_cap_and_edge_cases():
    assert len(summarize(SENTENCES, "fr", max_sentences=3, max_words=20)) == 1
    assert summarize([], "fr") == []
    assert summarize(SENTENCES, "fr", max_sentences=0) == []


def test_terms_drop_stop_words_and_accents():
    assert terms("Les usines de dessalement fourniront l'eau", "fr") == ["usines", "dessale", "fournir", "eau"]
    assert terms("والمياه في المغرب", "ar") == ["مياه", "مغرب"]


def test_word_budget_fits_a_card_and_repeats_are_skipped():
    from digest.summarize import DEFAULT_WORDS
    from digest.text import words

    long = SENTENCES + [SENTENCES[0].replace("mardi", "hier")]  # a near-duplicate of the lead
    summary = summarize(long, "fr", max_sentences=3, max_words=DEFAULT_WORDS)
    assert 1 <= len(summary) <= 3 and sum(len(words(s)) for s in summary) <= DEFAULT_WORDS
    assert not (SENTENCES[0] in summary and long[-1] in summary)
    assert 40 <= DEFAULT_WORDS <= 70


def test_sentences_leaning_on_the_previous_one_are_demoted():
    base = ["Le port de Tanger a traité 9 millions de conteneurs en 2024, un record pour le port.",
            "Il a aussi accueilli des navires plus grands que jamais dans le port de Tanger.",
            "Le port de Tanger vise 12 millions de conteneurs en 2030 selon le plan du port."]
    scores = rank_sentences(base, "fr")
    assert scores[1] < scores[2]


def test_stem_memo_gives_the_stems_computed_afresh(monkeypatch):
    import digest.summarize as module

    fresh = [terms(s, "fr") for s in SENTENCES]
    assert terms("Le plan et les usines", "fr") == ["plan", "usines"]  # stop words dropped, 7 letters kept
    module._stem_memo("fr").clear()
    monkeypatch.setattr(module, "_STEM_MEMO_SIZE", 3)  # the memo empties itself again and again
    assert [terms(s, "fr") for s in SENTENCES] == fresh
    assert len(module._stem_memo("fr")) <= 3
