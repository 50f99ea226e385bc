"""Words of the digest page, in the article's language (en for any other language).

Templates read them as `labels.<key>`; a user's template can still write its own.
Anchors stay the same in every language (#summary, #article), so links keep working.
"""
from __future__ import annotations

LABELS: dict[str, dict[str, str]] = {
    "en": {
        "unknown_source": "Unknown source", "original": "Read the original", "tags": "Tags",
        "summary": "Summary", "fact_box": "Fact box", "figures": "Key figures and dates",
        "people": "People", "organisations": "Organisations", "places": "Places", "quotes": "Quotes",
        "nothing": "No figures, names or quotes were found in this article.",
        "note": "Editor's note", "also": "Also reported by", "article": "Article",
        "glossary": "Glossary", "source": "source",
        "money": "money", "percent": "percent", "count": "count", "date": "date", "period": "period",
    },
    "fr": {
        "unknown_source": "Source inconnue", "original": "Lire l'original", "tags": "Mots-clés",
        "summary": "Résumé", "fact_box": "L'essentiel", "figures": "Chiffres et dates clés",
        "people": "Personnes", "organisations": "Organisations", "places": "Lieux", "quotes": "Citations",
        "nothing": "Aucun chiffre, nom ou citation n'a été trouvé dans cet article.",
        "note": "Note de la rédaction", "also": "Également publié par", "article": "Article",
        "glossary": "Glossaire", "source": "source",
        "money": "montant", "percent": "pourcentage", "count": "nombre", "date": "date", "period": "période",
    },
    "es": {
        "unknown_source": "Fuente desconocida", "original": "Leer el original", "tags": "Etiquetas",
        "summary": "Resumen", "fact_box": "Datos clave", "figures": "Cifras y fechas clave",
        "people": "Personas", "organisations": "Organizaciones", "places": "Lugares", "quotes": "Citas",
        "nothing": "No se encontraron cifras, nombres ni citas en este artículo.",
        "note": "Nota de la redacción", "also": "También publicado por", "article": "Artículo",
        "glossary": "Glosario", "source": "fuente",
        "money": "importe", "percent": "porcentaje", "count": "cantidad", "date": "fecha", "period": "periodo",
    },
    "ar": {
        "unknown_source": "مصدر غير معروف", "original": "اقرأ المقال الأصلي", "tags": "الوسوم",
        "summary": "ملخص", "fact_box": "أهم المعطيات", "figures": "أرقام وتواريخ رئيسية",
        "people": "أشخاص", "organisations": "هيئات", "places": "أماكن", "quotes": "اقتباسات",
        "nothing": "لم يُعثر على أرقام أو أسماء أو اقتباسات في هذا المقال.",
        "note": "ملاحظة التحرير", "also": "نشرته أيضا", "article": "المقال",
        "glossary": "المسرد", "source": "المصدر",
        "money": "مبلغ", "percent": "نسبة", "count": "عدد", "date": "تاريخ", "period": "فترة",
    },
}


def labels_for(language: str) -> dict[str, str]:
    return LABELS.get(language, LABELS["en"])
