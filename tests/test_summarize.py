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
