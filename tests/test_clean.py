import pytest

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


def test_page_debris_in_four_languages():
    from digest.clean import is_call_to_action, is_credit, is_page_debris, is_teaser

    for line in ["À lire aussi : Le Maroc signe six accords", "» Lire aussi Le port de Safi", "Read more: Looted colonial art",
                 "Related: Storm closes the coast road", "Lea también: Impiden ingreso a reportero",
                 "LE PUEDE INTERESAR: La ficha del expresidente", "VEA TAMBIÉN: Entre heces y guaricha",
                 "اقرأ أيضا: الحكومة تعلن عن برنامج"]:
        assert is_teaser(line), line
    for line in ["Crédits photos : Bestimage", "Photo : AFP", "© Reuters", "Foto: EFE", "الصورة: أرشيف",
                 "This article is the copyrighted property of Breaking Belize News.", "Tous droits réservés."]:
        assert is_credit(line), line
    for line in ["Subscribe now to our eNATION edition for the full story.", "Abonnez-vous à notre newsletter",
                 "Síguenos en Telegram, Instagram, Facebook y Twitter", "Pour lire la suite, abonnez-vous",
                 "Follow The Gleaner on Twitter and Instagram", "تابعونا على فيسبوك"]:
        assert is_call_to_action(line), line
    # Sentences that only contain these words are article text.
    for line in ["Il a lu aussi le rapport de la Cour des comptes.", "Mira a su alrededor y decide quedarse.",
                 "The photo credits the agency for its work in the region.", "Le gouvernement a partagé sur Twitter.",
                 "Related companies reported a 12% rise in profits, according to the ministry.",
                 "Suivez le guide : la visite commence à 10 heures."]:
        assert not is_page_debris(line), line


def test_bylines_give_author_and_date_but_sentences_are_not_bylines():
    from digest.clean import parse_byline

    assert parse_byline("6Medias, publié le lundi 06 novembre 2017 à 20h00") == ("6Medias", "lundi 06 novembre 2017 à 20h00")
    assert parse_byline("By Jane Doe | Updated: March 3, 2024") == ("Jane Doe", "March 3, 2024")
    assert parse_byline("Publicado el 14 de marzo de 2024") == (None, "14 de marzo de 2024")
    assert parse_byline("نشر في 5 يوليو 2025") == (None, "5 يوليو 2025")
    assert parse_byline("Publicado el informe anual 2024 sobre el clima.") is None
    assert parse_byline("Le rapport a été publié le 3 mars 2020 par la Cour des comptes, qui s'inquiète.") is None


def test_arabic_and_french_sentences_that_look_like_calls_are_kept():
    from digest.clean import is_page_debris

    for line in ["شارك وزير الخارجية في اجتماع مجلس الأمن يوم الاثنين.", "اشترك في المؤتمر أكثر من 300 خبير.",
                 "Sur le même sujet, le ministre a annoncé un nouveau plan."]:
        assert not is_page_debris(line), line
    assert is_page_debris("Sur le même sujet :") and is_page_debris("تابعونا على تويتر")


def test_byline_with_an_update_keeps_the_publication_date():
    from digest.clean import parse_byline
    from digest.dates import parse_date

    author, when = parse_byline("Publié le 02/07/2025 à 10h15 - Mis à jour le 03/07/2025 à 08h00")
    assert author is None and parse_date(when) == "2025-07-02"
    assert parse_byline("Le rapport, publié le 3 mars 2020, recommande de relever les taux.") is None


@pytest.mark.parametrize("line", [
    "Pour accéder au marché européen, les exportateurs marocains devront respecter de nouvelles normes.",
    "Pour continuer à lire les compteurs, la régie embauche dix agents.",
    "The bakery will use its new ovens to bake 10,000 cookies a day.",
    "Google said it would stop third-party cookies from being used in Chrome next year.",
    "Les cookies tiers utilisés par les annonceurs seront bloqués par défaut.",
    "Copyright law has not kept pace with generative AI, the report says.",
    "Ver más allá de la crisis es la tarea del nuevo gobierno.",
    "Sign up for the new scheme opened on Monday.",
    "Follow the money on this one, said the prosecutor.",
    "Image : le gouvernement tente de redorer son image.",
    "Illustration : les ventes ont bondi de 40 % en un an.",
    "Photo : une pratique qui se répand dans les campagnes.",
    "Voir aussi le rapport de la Cour des comptes, publié mardi.",
    "Lire aussi entre les lignes du budget.",
    "Related: the ministry also cut its growth forecast.",
    "Le puede interesar a los inversores saber que el banco subió las tasas.",
])
def test_sentences_with_boilerplate_words_are_kept(line):
    assert not is_boilerplate(line), line


@pytest.mark.parametrize("line", [
    "Lire aussi : Le Maroc signe six accords", "À lire aussi | Le port de Safi rouvre", "Photo : AFP",
    "Photo : archives", "© Reuters", "Copyright 2024 Reuters", "Abonnez-vous", "Subscribe now",
    "Lea también: Impiden ingreso a reportero", "Pour continuer à lire, abonnez-vous.",
    "Sign up for our newsletter", "We use cookies to improve your experience.", "Accept all cookies",
])
def test_real_boilerplate_is_still_removed(line):
    assert is_boilerplate(line), line


def test_a_short_line_ending_with_a_percentage_is_not_a_heading():
    from digest.clean import looks_like_heading

    assert not looks_like_heading("Le taux de réussite au baccalauréat atteint désormais 81 %")
