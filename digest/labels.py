"""Words and dates of the pages: a digest page in its article's language, site-wide pages
(home, issues, archive, indexes, glossary) in the site's language; English for any other.

Templates read them as `labels.<key>`; a user's template can still write its own.
Anchors stay the same in every language (#summary, #article), so links keep working.
Dates come from Babel's CLDR data, never from the system locale, so builds are repeatable.
"""
from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from babel.dates import format_date, format_skeleton

LABELS: dict[str, dict[str, str]] = {
    "en": {
        "unknown_source": "Unknown source", "original": "Read the original", "tags": "Tags",
        "summary": "Summary", "fact_box": "Fact box", "figures": "Key figures and dates",
        "people": "People", "organisations": "Organisations", "places": "Places", "quotes": "Quotes",
        "nothing": "No figures, names or quotes were found in this article.",
        "note": "Editor's note", "also": "Also reported by", "article": "Article",
        "glossary": "Glossary", "source": "source",
        "story": "The story so far", "related": "Related coverage", "this_digest": "this digest",
        "money": "money", "percent": "percent", "count": "count", "date": "date", "period": "period",
        "measure": "measure", "duration": "duration", "age": "age", "change": "change", "chart": "Compared: {names}",
    },
    "fr": {
        "unknown_source": "Source inconnue", "original": "Lire l'original", "tags": "Mots-clés",
        "summary": "Résumé", "fact_box": "L'essentiel", "figures": "Chiffres et dates clés",
        "people": "Personnes", "organisations": "Organisations", "places": "Lieux", "quotes": "Citations",
        "nothing": "Aucun chiffre, nom ou citation n'a été trouvé dans cet article.",
        "note": "Note de la rédaction", "also": "Également publié par", "article": "Article",
        "glossary": "Glossaire", "source": "source",
        "story": "Le fil de l'histoire", "related": "À lire aussi", "this_digest": "ce digest",
        "money": "montant", "percent": "pourcentage", "count": "nombre", "date": "date", "period": "période",
        "measure": "mesure", "duration": "durée", "age": "âge", "change": "variation", "chart": "Comparaison : {names}",
    },
    "es": {
        "unknown_source": "Fuente desconocida", "original": "Leer el original", "tags": "Etiquetas",
        "summary": "Resumen", "fact_box": "Datos clave", "figures": "Cifras y fechas clave",
        "people": "Personas", "organisations": "Organizaciones", "places": "Lugares", "quotes": "Citas",
        "nothing": "No se encontraron cifras, nombres ni citas en este artículo.",
        "note": "Nota de la redacción", "also": "También publicado por", "article": "Artículo",
        "glossary": "Glosario", "source": "fuente",
        "story": "El hilo de la historia", "related": "Cobertura relacionada", "this_digest": "este digest",
        "money": "importe", "percent": "porcentaje", "count": "cantidad", "date": "fecha", "period": "periodo",
        "measure": "medida", "duration": "duración", "age": "edad", "change": "variación", "chart": "Comparación: {names}",
    },
    "ar": {
        "unknown_source": "مصدر غير معروف", "original": "اقرأ المقال الأصلي", "tags": "الوسوم",
        "summary": "ملخص", "fact_box": "أهم المعطيات", "figures": "أرقام وتواريخ رئيسية",
        "people": "أشخاص", "organisations": "هيئات", "places": "أماكن", "quotes": "اقتباسات",
        "nothing": "لم يُعثر على أرقام أو أسماء أو اقتباسات في هذا المقال.",
        "note": "ملاحظة التحرير", "also": "نشرته أيضا", "article": "المقال",
        "glossary": "المسرد", "source": "المصدر",
        "story": "مسار القصة", "related": "تغطية ذات صلة", "this_digest": "هذا الموجز",
        "money": "مبلغ", "percent": "نسبة", "count": "عدد", "date": "تاريخ", "period": "فترة",
        "measure": "قياس", "duration": "مدة", "age": "عمر", "change": "تغير", "chart": "مقارنة: {names}",
    },
}


def labels_for(language: str) -> dict[str, str]:
    return LABELS.get(language, LABELS["en"])


# Words of the site-wide pages (home, issues, archive, indexes, glossary), in the site's
# language (the theme's `language`). `{date}`, `{month}`, `{n}`, `{name}` are filled in by the caller.
SITE_LABELS: dict[str, dict[str, str]] = {
    "en": {
        "latest": "Latest issues", "issues": "Issues", "all_issues": "All issues",
        "issue_day": "Digest of {date}", "issue_week": "Digest for the week of {date}",
        "issue_month": "Digest for {month}", "previous_issue": "Previous issue", "next_issue": "Next issue",
        "more_in_issue": "{n} more in this issue", "archive": "Archive", "undated": "Undated", "per_day": "Digests per day", "per_month": "Mentions per month",
        "page": "page {n}", "previous_page": "Previous page", "next_page": "Next page",
        "tags": "Tags", "tag": "Tag: {name}", "sources": "Sources", "source": "Source: {name}",
        "entities": "Entities", "people": "People", "organisations": "Organisations", "places": "Places",
        "person": "Person", "organisation": "Organisation", "place": "Place",
        "glossary": "Glossary", "also": "Also:", "see_also": "See also:", "appears_in": "Appears in:",
        "notes": "Editors' notes", "unknown_source": "Unknown source", "feeds": "Feeds",
        "no_digests": "No digests yet: add articles to `content/articles/` and rebuild.",
        "no_terms": "No terms yet: add them to `content/glossary.yml` or `content/glossary/`.",
        "stories": "Stories", "new_story": "New story", "follow_up": "Follow-up", "story_count": "{n} digests",
        "no_stories": "No story has more than one digest yet.",
        "no_notes": "No standalone notes yet.", "no_tags": "No tags yet.", "none": "Nothing yet.",
    },
    "fr": {
        "latest": "Derniers numéros", "issues": "Numéros", "all_issues": "Tous les numéros",
        "issue_day": "Digest du {date}", "issue_week": "Digest de la semaine du {date}",
        "issue_month": "Digest de {month}", "previous_issue": "Numéro précédent", "next_issue": "Numéro suivant",
        "more_in_issue": "{n} de plus dans ce numéro", "archive": "Archives", "undated": "Sans date", "per_day": "Digests par jour", "per_month": "Mentions par mois",
        "page": "page {n}", "previous_page": "Page précédente", "next_page": "Page suivante",
        "tags": "Mots-clés", "tag": "Mot-clé : {name}", "sources": "Sources", "source": "Source : {name}",
        "entities": "Entités", "people": "Personnes", "organisations": "Organisations", "places": "Lieux",
        "person": "Personne", "organisation": "Organisation", "place": "Lieu",
        "glossary": "Glossaire", "also": "Aussi :", "see_also": "Voir aussi :", "appears_in": "Apparaît dans :",
        "notes": "Notes de la rédaction", "unknown_source": "Source inconnue", "feeds": "Flux",
        "no_digests": "Aucun digest pour l'instant : ajoutez des articles dans `content/articles/` et reconstruisez.",
        "no_terms": "Aucun terme pour l'instant : ajoutez-les à `content/glossary.yml` ou `content/glossary/`.",
        "stories": "Histoires suivies", "new_story": "Nouvelle histoire", "follow_up": "Suite",
        "story_count": "{n} digests", "no_stories": "Aucune histoire n'a encore plus d'un digest.",
        "no_notes": "Aucune note pour l'instant.", "no_tags": "Aucun mot-clé pour l'instant.",
        "none": "Rien pour l'instant.",
    },
    "es": {
        "latest": "Últimos números", "issues": "Números", "all_issues": "Todos los números",
        "issue_day": "Digest del {date}", "issue_week": "Digest de la semana del {date}",
        "issue_month": "Digest de {month}", "previous_issue": "Número anterior", "next_issue": "Número siguiente",
        "more_in_issue": "{n} más en este número", "archive": "Archivo", "undated": "Sin fecha", "per_day": "Resúmenes por día", "per_month": "Menciones por mes",
        "page": "página {n}", "previous_page": "Página anterior", "next_page": "Página siguiente",
        "tags": "Etiquetas", "tag": "Etiqueta: {name}", "sources": "Fuentes", "source": "Fuente: {name}",
        "entities": "Entidades", "people": "Personas", "organisations": "Organizaciones", "places": "Lugares",
        "person": "Persona", "organisation": "Organización", "place": "Lugar",
        "glossary": "Glosario", "also": "También:", "see_also": "Véase también:", "appears_in": "Aparece en:",
        "notes": "Notas de la redacción", "unknown_source": "Fuente desconocida", "feeds": "Fuentes web",
        "no_digests": "Todavía no hay digests: añada artículos en `content/articles/` y vuelva a construir.",
        "no_terms": "Todavía no hay términos: añádalos en `content/glossary.yml` o `content/glossary/`.",
        "stories": "Historias", "new_story": "Nueva historia", "follow_up": "Continuación",
        "story_count": "{n} digests", "no_stories": "Todavía ninguna historia tiene más de un digest.",
        "no_notes": "Todavía no hay notas.", "no_tags": "Todavía no hay etiquetas.", "none": "Nada todavía.",
    },
    "ar": {
        "latest": "آخر الأعداد", "issues": "الأعداد", "all_issues": "كل الأعداد",
        "issue_day": "موجز {date}", "issue_week": "موجز الأسبوع الذي يبدأ في {date}",
        "issue_month": "موجز شهر {month}", "previous_issue": "العدد السابق", "next_issue": "العدد التالي",
        "more_in_issue": "{n} أخرى في هذا العدد", "archive": "الأرشيف", "undated": "بدون تاريخ", "per_day": "الملخصات حسب اليوم", "per_month": "الإشارات حسب الشهر",
        "page": "الصفحة {n}", "previous_page": "الصفحة السابقة", "next_page": "الصفحة التالية",
        "tags": "الوسوم", "tag": "الوسم: {name}", "sources": "المصادر", "source": "المصدر: {name}",
        "entities": "الكيانات", "people": "أشخاص", "organisations": "هيئات", "places": "أماكن",
        "person": "شخص", "organisation": "هيئة", "place": "مكان",
        "glossary": "المسرد", "also": "أيضا:", "see_also": "انظر أيضا:", "appears_in": "يرد في:",
        "notes": "ملاحظات التحرير", "unknown_source": "مصدر غير معروف", "feeds": "الخلاصات",
        "no_digests": "لا توجد موجزات بعد: أضف مقالات إلى `content/articles/` ثم أعد البناء.",
        "no_terms": "لا توجد مصطلحات بعد: أضفها إلى `content/glossary.yml` أو `content/glossary/`.",
        "stories": "القصص", "new_story": "قصة جديدة", "follow_up": "متابعة", "story_count": "{n} موجزات",
        "no_stories": "لا توجد قصة بأكثر من موجز بعد.",
        "no_notes": "لا توجد ملاحظات بعد.", "no_tags": "لا توجد وسوم بعد.", "none": "لا شيء بعد.",
    },
}


def site_labels(language: str) -> dict[str, str]:
    return SITE_LABELS.get(language, SITE_LABELS["en"])


def _locale(language: str) -> str:
    """A locale Babel knows; any other language gets English dates, like its labels."""
    return language if language in LABELS else "en"


@lru_cache(maxsize=4096)
def format_day(iso: str, language: str) -> str:
    """'2025-07-02' as the language writes it ('2 juillet 2025'); CLDR data, no system locale."""
    day = dt.date.fromisoformat(iso)
    text = format_date(day, format="long", locale=_locale(language))
    if language == "fr" and day.day == 1:
        text = "1er" + text[1:]  # le 1er juillet
    return text


@lru_cache(maxsize=1024)
def format_month(year: int, month: int, language: str) -> str:
    """'juillet 2025', 'July 2025', 'julio de 2025'."""
    return format_skeleton("yMMMM", dt.date(year, month, 1), locale=_locale(language))


def fill(template: str, language: str, **values) -> str:
    """A site label with its values, French elision included ('de avril' -> "d'avril")."""
    text = template.format(**values)
    if language == "fr":
        text = re.sub(r"\bde ([aeiouyàâéèêîôûAEIOUYÀÂÉÈÊÎÔÛ])", r"d'\1", text)
    return text
