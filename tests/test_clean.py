from digest.clean import build_blocks, is_boilerplate, is_ticker, looks_like_heading

NB = "\u00a0" * 4


def test_ticker_lines_are_recognised():
    assert is_ticker(f"Premier titre{NB}Second titre{NB}Troisième titre{NB}")
    assert is_ticker(f"Only two{NB}headlines{NB}")
    assert not is_ticker("Une phrase normale, avec des espaces ordinaires.")


def test_notices_footers_and_cookies_in_four_languages():
    for line in ["Merci d'avoir signalé!", "Cette image sera automatiquement bloquée après qu'elle soit signalée.",
                 "Cliquez ici pour lire l'article depuis sa source.", "Thank you for reporting!",
                 "Click here to read the article from its source.", "¡Gracias por informar!",
                 "Haga clic aquí para leer el artículo desde su fuente.", "انقر هنا لقراءة المقال من مصدره",
                 "Nous utilisons des cookies pour améliorer votre expérience. Accepter"]:
        assert is_boilerplate(line), line
    assert not is_boilerplate("Le gouvernement a présenté son budget mercredi.")


def test_blocks_detect_subheadings_and_rejoin_wrapped_lines():
    blocks = build_blocks([
        "Premier paragraphe, assez long pour être un paragraphe.",
        "Un titre intermédiaire",
        "Deuxième paragraphe qui continue",
        "sur la ligne suivante.",
        "Fin",
    ])
    assert [(b.kind, b.text) for b in blocks] == [
        ("paragraph", "Premier paragraphe, assez long pour être un paragraphe."),
        ("heading", "Un titre intermédiaire"),
        ("paragraph", "Deuxième paragraphe qui continue sur la ligne suivante."),
        ("paragraph", "Fin"),
    ]
    assert not looks_like_heading("Une phrase qui finit par un point.")
