"""Unit tables of the figure extractor (fr, en, es, ar): written forms -> unit code.

Unit codes are short symbols (``km``, ``kg``, ``°C``, ``MWh``, ``GB``, ``km/h``, ``yr``); each
maps to its kind (``measure`` or ``duration``) and to the CLDR unit Babel formats it with in the
reader's language (``length-kilometer``: "27 km", "27 kilomètres"). Written forms are matched
after a number: symbols with their case ("MW" is not "mW", "m" is not "M"), words ignoring case.
The table was written from the units news uses, not from an evaluation set.
"""
from __future__ import annotations

# code -> (kind, CLDR unit id or None, dimension)
CODES: dict[str, tuple[str, str | None, str]] = {
    # length
    "km": ("measure", "length-kilometer", "length"), "m": ("measure", "length-meter", "length"),
    "cm": ("measure", "length-centimeter", "length"), "mm": ("measure", "length-millimeter", "length"),
    "µm": ("measure", "length-micrometer", "length"), "nm": ("measure", "length-nanometer", "length"),
    "mi": ("measure", "length-mile", "length"), "in": ("measure", "length-inch", "length"),
    "ft": ("measure", "length-foot", "length"), "yd": ("measure", "length-yard", "length"),
    "nmi": ("measure", "length-nautical-mile", "length"),
    # area
    "km2": ("measure", "area-square-kilometer", "area"), "m2": ("measure", "area-square-meter", "area"),
    "ha": ("measure", "area-hectare", "area"), "mi2": ("measure", "area-square-mile", "area"),
    "ft2": ("measure", "area-square-foot", "area"), "acre": ("measure", "area-acre", "area"),
    # volume
    "l": ("measure", "volume-liter", "volume"), "cl": ("measure", "volume-centiliter", "volume"),
    "ml": ("measure", "volume-milliliter", "volume"), "hl": ("measure", "volume-hectoliter", "volume"),
    "m3": ("measure", "volume-cubic-meter", "volume"), "km3": ("measure", "volume-cubic-kilometer", "volume"),
    "gal": ("measure", "volume-gallon", "volume"), "bbl": ("measure", "volume-barrel", "volume"),
    # mass
    "t": ("measure", "mass-tonne", "mass"), "kt": ("measure", None, "mass"), "Mt": ("measure", None, "mass"),
    "Gt": ("measure", None, "mass"), "kg": ("measure", "mass-kilogram", "mass"),
    "g": ("measure", "mass-gram", "mass"), "mg": ("measure", "mass-milligram", "mass"),
    "µg": ("measure", "mass-microgram", "mass"), "lb": ("measure", "mass-pound", "mass"),
    "oz": ("measure", "mass-ounce", "mass"),
    # energy
    "J": ("measure", "energy-joule", "energy"), "kJ": ("measure", "energy-kilojoule", "energy"),
    "MJ": ("measure", None, "energy"), "GJ": ("measure", None, "energy"),
    "Wh": ("measure", None, "energy"), "kWh": ("measure", "energy-kilowatt-hour", "energy"),
    "MWh": ("measure", None, "energy"), "GWh": ("measure", None, "energy"), "TWh": ("measure", None, "energy"),
    "kcal": ("measure", "energy-kilocalorie", "energy"), "cal": ("measure", "energy-calorie", "energy"),
    "eV": ("measure", "energy-electronvolt", "energy"), "keV": ("measure", None, "energy"),
    "MeV": ("measure", None, "energy"), "GeV": ("measure", None, "energy"), "TeV": ("measure", None, "energy"),
    "BTU": ("measure", "energy-british-thermal-unit", "energy"),
    # power
    "W": ("measure", "power-watt", "power"), "kW": ("measure", "power-kilowatt", "power"),
    "MW": ("measure", "power-megawatt", "power"), "GW": ("measure", "power-gigawatt", "power"),
    "TW": ("measure", None, "power"), "hp": ("measure", "power-horsepower", "power"),
    # speed
    "km/h": ("measure", "speed-kilometer-per-hour", "speed"), "mph": ("measure", "speed-mile-per-hour", "speed"),
    "m/s": ("measure", "speed-meter-per-second", "speed"), "kn": ("measure", "speed-knot", "speed"),
    # temperature
    "°C": ("measure", "temperature-celsius", "temperature"), "°F": ("measure", "temperature-fahrenheit", "temperature"),
    "K": ("measure", "temperature-kelvin", "temperature"), "°": ("measure", "temperature-generic", "temperature"),
    # data
    "bit": ("measure", "digital-bit", "data"), "B": ("measure", "digital-byte", "data"),
    "kB": ("measure", "digital-kilobyte", "data"), "MB": ("measure", "digital-megabyte", "data"),
    "GB": ("measure", "digital-gigabyte", "data"), "TB": ("measure", "digital-terabyte", "data"),
    "PB": ("measure", "digital-petabyte", "data"), "EB": ("measure", None, "data"),
    "kbit": ("measure", "digital-kilobit", "data"), "Mbit": ("measure", "digital-megabit", "data"),
    "Gbit": ("measure", "digital-gigabit", "data"),
    "kbit/s": ("measure", None, "data rate"), "Mbit/s": ("measure", None, "data rate"),
    "Gbit/s": ("measure", None, "data rate"),
    # frequency
    "Hz": ("measure", "frequency-hertz", "frequency"), "kHz": ("measure", "frequency-kilohertz", "frequency"),
    "MHz": ("measure", "frequency-megahertz", "frequency"), "GHz": ("measure", "frequency-gigahertz", "frequency"),
    # durations
    "yr": ("duration", "duration-year", "time"), "mo": ("duration", "duration-month", "time"),
    "wk": ("duration", "duration-week", "time"), "d": ("duration", "duration-day", "time"),
    "h": ("duration", "duration-hour", "time"), "min": ("duration", "duration-minute", "time"),
    "s": ("duration", "duration-second", "time"), "decade": ("duration", "duration-decade", "time"),
    "century": ("duration", "duration-century", "time"),
}

# Symbols, matched with their case, right after the number (with or without a space).
SYMBOLS: dict[str, str] = {
    "km": "km", "m": "m", "cm": "cm", "mm": "mm", "µm": "µm", "μm": "µm", "nm": "nm", "mi": "mi",
    "ft": "ft", "yd": "yd", "NM": "nmi", "nmi": "nmi",
    "km²": "km2", "km2": "km2", "m²": "m2", "m2": "m2", "ha": "ha", "sq mi": "mi2", "sq km": "km2",
    "sq ft": "ft2", "mi²": "mi2",
    "l": "l", "L": "l", "cl": "cl", "cL": "cl", "ml": "ml", "mL": "ml", "hl": "hl", "hL": "hl",
    "m³": "m3", "m3": "m3", "km³": "km3", "km3": "km3", "gal": "gal", "bbl": "bbl",
    "t": "t", "kt": "kt", "Mt": "Mt", "Gt": "Gt", "kg": "kg", "Kg": "kg", "KG": "kg", "g": "g",
    "mg": "mg", "µg": "µg", "μg": "µg", "lb": "lb", "lbs": "lb", "oz": "oz",
    "J": "J", "kJ": "kJ", "MJ": "MJ", "GJ": "GJ", "Wh": "Wh", "kWh": "kWh", "KWh": "kWh", "kwh": "kWh",
    "MWh": "MWh", "GWh": "GWh", "TWh": "TWh", "kcal": "kcal", "eV": "eV", "keV": "keV", "MeV": "MeV",
    "GeV": "GeV", "TeV": "TeV", "BTU": "BTU", "Btu": "BTU",
    "W": "W", "kW": "kW", "KW": "kW", "MW": "MW", "MWc": "MW", "MWp": "MW", "GW": "GW", "GWc": "GW",
    "TW": "TW", "hp": "hp", "CV": "hp", "ch": "hp",
    "km/h": "km/h", "km/hr": "km/h", "kmh": "km/h", "kph": "km/h", "mph": "mph", "m/s": "m/s",
    "°C": "°C", "ºC": "°C", "° C": "°C", "℃": "°C", "°F": "°F", "ºF": "°F", "° F": "°F", "°": "°", "º": "°",
    "kB": "kB", "KB": "kB", "Ko": "kB", "ko": "kB", "MB": "MB", "Mo": "MB", "GB": "GB", "Go": "GB",
    "TB": "TB", "To": "TB", "PB": "PB", "Po": "PB", "EB": "EB",
    "kbit": "kbit", "Mbit": "Mbit", "Gbit": "Gbit", "kb": "kbit", "Mb": "Mbit", "Gb": "Gbit",
    "bpd": "bbl/d", "b/d": "bbl/d", "tpd": "t/d", "kbps": "kbit/s", "Mbps": "Mbit/s", "Gbps": "Gbit/s", "kbit/s": "kbit/s", "Mbit/s": "Mbit/s",
    "Gbit/s": "Gbit/s", "Mb/s": "Mbit/s", "Gb/s": "Gbit/s", "Mo/s": "MB", "Hz": "Hz", "kHz": "kHz",
    "MHz": "MHz", "GHz": "GHz",
    "h": "h", "hr": "h", "hrs": "h", "min": "min", "mn": "min", "sec": "s", "yrs": "yr", "yr": "yr",
    "كلم": "km", "كم": "km", "سم": "cm", "ملم": "mm", "كلغ": "kg", "كغ": "kg", "ملغ": "mg",
}


def _plural(*words: str) -> list[str]:
    out = []
    for w in words:
        out.append(w)
        if not w.endswith(("s", "x")) and w.isascii() or w[-1] in "eéoa" and w.isalpha():
            out.append(w + "s")
    return out


# Written names, matched ignoring case. Plurals are listed or added by _plural.
_NAMES: dict[str, list[str]] = {
    "km": _plural("kilomètre", "kilometre", "kilometer", "kilómetro", "kilometro") + ["كيلومتر", "كيلومترات", "كيلومترا"],
    "m": _plural("mètre", "metre", "meter", "metro") + ["متر", "مترا", "أمتار", "امتار"],
    "cm": _plural("centimètre", "centimetre", "centimeter", "centímetro") + ["سنتيمتر", "سنتيمترات"],
    "mm": _plural("millimètre", "millimetre", "millimeter", "milímetro") + ["مليمتر", "ملليمتر"],
    "µm": _plural("micromètre", "micrometre", "micrometer", "micrón", "micron") + ["microns", "micras"],
    "nm": _plural("nanomètre", "nanometre", "nanometer", "nanómetro"),
    "mi": ["mile", "miles", "milla", "millas", "statute mile", "statute miles", "ميل", "أميال"],
    "in": ["inch", "inches", "pouce", "pouces", "pulgada", "pulgadas", "بوصة"],
    "ft": ["foot", "feet", "pied", "pieds", "pie", "pies", "قدم", "أقدام"],
    "yd": ["yard", "yards", "yarda", "yardas"],
    "nmi": ["nautical mile", "nautical miles", "mille nautique", "milles nautiques", "milla náutica",
            "millas náuticas", "ميل بحري", "أميال بحرية"],
    "km2": ["square kilometre", "square kilometres", "square kilometer", "square kilometers",
            "kilomètre carré", "kilomètres carrés", "kilómetro cuadrado", "kilómetros cuadrados",
            "كيلومتر مربع", "كيلومترات مربعة", "كلم مربع", "كيلومترا مربعا"],
    "m2": ["square metre", "square metres", "square meter", "square meters", "mètre carré", "mètres carrés",
           "metro cuadrado", "metros cuadrados", "متر مربع", "أمتار مربعة", "مترا مربعا"],
    "mi2": ["square mile", "square miles"], "ft2": ["square foot", "square feet"],
    "ha": _plural("hectare", "hectárea") + ["هكتار", "هكتارا", "هكتارات"],
    "acre": ["acre", "acres"],
    "l": _plural("litre", "liter", "litro") + ["لتر", "لترا", "لترات"],
    "cl": _plural("centilitre", "centiliter", "centilitro"), "ml": _plural("millilitre", "milliliter", "mililitro"),
    "hl": _plural("hectolitre", "hectoliter", "hectolitro"),
    "m3": ["cubic metre", "cubic metres", "cubic meter", "cubic meters", "mètre cube", "mètres cubes",
           "metro cúbico", "metros cúbicos", "متر مكعب", "أمتار مكعبة", "مترا مكعبا", "ملايين متر مكعب"],
    "km3": ["cubic kilometre", "cubic kilometres", "cubic kilometer", "cubic kilometers", "kilomètre cube",
            "kilomètres cubes", "kilómetro cúbico", "kilómetros cúbicos"],
    "gal": ["gallon", "gallons", "galón", "galones"],
    "bbl": ["barrel", "barrels", "baril", "barils", "barril", "barriles", "برميل", "براميل"],
    "t": ["tonne", "tonnes", "ton", "tons", "metric ton", "metric tons", "tonelada", "toneladas", "طن", "أطنان", "طنا"],
    "Mt": ["mégatonne", "mégatonnes", "megatonne", "megatonnes", "megaton", "megatons", "megatonelada", "megatoneladas"],
    "kg": _plural("kilogramme", "kilogram", "kilogramo", "kilo") + ["كيلوغرام", "كيلوغراما", "كيلوجرام", "كيلو"],
    "g": _plural("gramme", "gram", "gramo") + ["غرام", "غراما", "جرام"],
    "mg": _plural("milligramme", "milligram", "miligramo") + ["مليغرام", "ملغرام"],
    "µg": _plural("microgramme", "microgram", "microgramo"),
    "lb": ["pound", "pounds"], "oz": ["ounce", "ounces", "onza", "onzas"],
    "J": _plural("joule"), "kJ": _plural("kilojoule"), "MJ": _plural("mégajoule", "megajoule"),
    "kWh": ["kilowattheure", "kilowattheures", "kilowatt-heure", "kilowatts-heure", "kilowatt-hour",
            "kilowatt-hours", "kilowatt hour", "kilowatt hours", "kilovatio hora", "kilovatios hora",
            "كيلوواط ساعة"],
    "MWh": ["mégawattheure", "mégawattheures", "mégawatt-heure", "mégawatts-heure", "megawatt-hour",
            "megawatt-hours", "megawatt hour", "megawatt hours", "megavatio hora", "megavatios hora",
            "ميغاواط ساعة"],
    "GWh": ["gigawattheure", "gigawattheures", "gigawatt-heure", "gigawatts-heure", "gigawatt-hour",
            "gigawatt-hours", "gigawatt hour", "gigawatt hours", "gigavatio hora", "gigavatios hora",
            "جيغاواط ساعة"],
    "TWh": ["térawattheure", "térawattheures", "térawatt-heure", "térawatts-heure", "terawatt-hour",
            "terawatt-hours", "terawatt hour", "terawatt hours", "teravatio hora", "teravatios hora"],
    "kcal": _plural("kilocalorie", "kilocaloría"), "cal": ["calorie", "calories", "caloría", "calorías"],
    "eV": _plural("électronvolt", "electronvolt", "electron volt"),
    "BTU": ["british thermal unit", "british thermal units"],
    "W": ["watt", "watts", "vatio", "vatios", "واط"],
    "kW": ["kilowatt", "kilowatts", "kilovatio", "kilovatios", "كيلوواط"],
    "MW": ["mégawatt", "mégawatts", "megawatt", "megawatts", "megavatio", "megavatios", "ميغاواط", "ميجاواط",
           "ميغاوات", "ميجاوات"],
    "GW": ["gigawatt", "gigawatts", "gigavatio", "gigavatios", "جيغاواط", "جيجاواط", "غيغاواط", "جيغاوات"],
    "TW": ["térawatt", "térawatts", "terawatt", "terawatts", "teravatio", "teravatios"],
    "hp": ["horsepower", "chevaux-vapeur", "cheval-vapeur", "caballos de fuerza", "caballos de vapor"],
    "km/h": ["kilomètres par heure", "kilomètres à l'heure", "kilomètres-heure", "kilometres per hour",
             "kilometers per hour", "kilometres an hour", "kilometers an hour", "kilómetros por hora",
             "kilómetros/hora", "كيلومتر في الساعة", "كلم في الساعة", "كيلومترا في الساعة"],
    "mph": ["miles per hour", "miles an hour", "millas por hora"],
    "m/s": ["mètres par seconde", "metres per second", "meters per second", "metros por segundo"],
    "kn": ["knot", "knots", "nœud", "nœuds", "noeuds", "nudo", "nudos", "عقدة"],
    "°C": ["degrés celsius", "degré celsius", "degrees celsius", "degree celsius", "degrees centigrade",
           "grados celsius", "grado celsius", "grados centígrados", "grado centígrado", "celsius",
           "درجة مئوية", "درجات مئوية", "درجة مئوية", "درجة سيلسيوس"],
    "°F": ["degrés fahrenheit", "degré fahrenheit", "degrees fahrenheit", "degree fahrenheit", "fahrenheit",
           "grados fahrenheit", "درجة فهرنهايت"],
    "K": ["kelvin", "kelvins"],
    "°": ["degrés", "degré", "degrees", "degree", "grados", "grado", "درجة", "درجات"],
    "B": ["byte", "bytes", "octet", "octets"],
    "kB": ["kilobyte", "kilobytes", "kilooctet", "kilooctets", "kilo-octet", "kilo-octets"],
    "MB": ["megabyte", "megabytes", "mégaoctet", "mégaoctets", "méga-octet", "méga-octets", "megaocteto", "megaoctetos"],
    "GB": ["gigabyte", "gigabytes", "gigaoctet", "gigaoctets", "giga-octet", "giga-octets", "gigaocteto", "gigaoctetos",
           "غيغابايت", "جيجابايت"],
    "TB": ["terabyte", "terabytes", "téraoctet", "téraoctets", "téra-octet", "téra-octets", "teraocteto", "teraoctetos",
           "تيرابايت"],
    "PB": ["petabyte", "petabytes", "pétaoctet", "pétaoctets"], "EB": ["exabyte", "exabytes", "exaoctet", "exaoctets"],
    "bit": ["bit", "bits"], "kbit": ["kilobit", "kilobits"], "Mbit": ["megabit", "megabits", "mégabit", "mégabits"],
    "Gbit": ["gigabit", "gigabits"],
    "Hz": ["hertz"], "MHz": ["mégahertz", "megahertz"], "GHz": ["gigahertz"],
    "yr": ["an", "ans", "année", "années", "year", "years", "año", "años", "سنة", "سنوات", "عام", "أعوام", "عاما", "سنين"],
    "mo": ["mois", "month", "months", "mes", "meses", "شهر", "أشهر", "شهور", "شهرا"],
    "wk": ["semaine", "semaines", "week", "weeks", "semana", "semanas", "أسبوع", "أسابيع", "أسبوعا"],
    "d": ["jour", "jours", "journée", "journées", "day", "days", "día", "días", "dia", "dias", "يوم", "أيام", "يوما"],
    "h": ["heure", "heures", "hour", "hours", "hora", "horas", "ساعة", "ساعات"],
    "min": ["minute", "minutes", "minuto", "minutos", "دقيقة", "دقائق"],
    "s": ["seconde", "secondes", "second", "seconds", "segundo", "segundos", "ثانية", "ثوان", "ثوانٍ"],
    "decade": ["décennie", "décennies", "decade", "decades", "década", "décadas"],
    "century": ["siècle", "siècles", "century", "centuries", "siglo", "siglos", "قرن", "قرون"],
}
WORDS: dict[str, str] = {name.lower(): code for code, names in _NAMES.items() for name in names}

# Currencies: written forms (ignoring case) -> ISO 4217 code.
CURRENCIES: dict[str, str] = {
    "$": "USD", "us$": "USD", "usd": "USD", "dollar": "USD", "dollars": "USD", "dólar": "USD",
    "dólares": "USD", "dollars américains": "USD", "dollars us": "USD", "us dollars": "USD",
    "dólares estadounidenses": "USD", "دولار": "USD", "دولارا": "USD", "دولارات": "USD", "€": "EUR",
    "eur": "EUR", "euro": "EUR", "euros": "EUR", "يورو": "EUR", "dirham": "MAD", "dirhams": "MAD",
    "dh": "MAD", "dhs": "MAD", "mad": "MAD", "درهم": "MAD", "دراهم": "MAD", "درهما": "MAD",
    "£": "GBP", "gbp": "GBP", "livres sterling": "GBP", "livre sterling": "GBP", "pounds sterling": "GBP",
    "libras esterlinas": "GBP", "libras": "GBP", "جنيه إسترليني": "GBP", "yuan": "CNY", "yuans": "CNY",
    "cny": "CNY", "yuanes": "CNY", "francs cfa": "XOF", "fcfa": "XOF", "franc cfa": "XOF", "dinars": "DZD",
    "dinar": "DZD", "دينار": "DZD", "riyals": "SAR", "riyal": "SAR", "ريال": "SAR", "yen": "JPY",
    "yens": "JPY", "¥": "JPY", "jpy": "JPY", "chf": "CHF", "francs suisses": "CHF", "swiss francs": "CHF",
    "roupies": "INR", "rupees": "INR", "rupias": "INR", "roubles": "RUB", "rubles": "RUB", "rublos": "RUB",
    "pesos": "MXN", "جنيه": "EGP", "جنيها": "EGP", "ليرة": "TRY",
}
# Forms a symbol after a number may take ("15€", "5 $").
CURRENCY_SIGNS = {"$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "US$": "USD", "A$": "AUD", "C$": "CAD",
                  "HK$": "HKD", "R$": "BRL"}
