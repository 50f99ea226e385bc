"""Word lists the recogniser leans on: cue words by role, words that never name anything,
and the place gazetteer.

The cue lists map a word to a role (a title before a person, a preposition before a place,
a word that heads an organisation...). The classifier sees the role, not the word, so what it
learnt from French training text carries over to the same roles in English and Spanish.
"""
from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from ..dates import MONTHS
from ..text import strip_accents

ORG_WORDS = frozenset(
    """université university universidad office union fondation foundation fundación groupe
    group grupo commission comisión conseil council consejo agence agency agencia banque bank
    banco ministère ministry ministerio organisation organization organización fédération
    federation federación comité committee institut institute instituto centre center centro
    parti party partido assises sommet summit cumbre association asociación société company
    compañía compagnie entreprise consortium autorité authority autoridad tribunal court corte
    cour parlement parliament parlamento assemblée assembly asamblea gouvernement government
    gobierno armée army ejército police policía ong ngo club fund fonds fondo école school escuela
    observatoire observatory observatorio chambre chamber cámara direction dirección port puerto
    bourse exchange junta ayuntamiento diputación generalitat sindicato syndicat confédération
    confederación sénat senate senado congrès congress congreso académie academy academia
    collège college colegio hôpital hospital ligue league liga corporation board department
    département departamento administration administración servicio service bureau
    audiencia fiscalía guardia alliance alianza coalition coalición""".split()
)
# The last word of a company's name ("Lyle Partners", "Helios Ibérica Renovables"): never a person.
COMPANY_WORDS = frozenset(
    """partners group groupe grupo holding holdings inc ltd plc llc sa sas sarl sl slu spa ag gmbh
    nv bv corp corporation co company capital energy énergie energía energia renovables
    renewables technologies technology tecnologías systems solutions services servicios
    consulting airlines airways motors bank banco banque industries industrias telecom
    hydrogène hydrogen logistics logística pharma media médias ibérica iberica international
    internacional global""".split()
)
PERSON_TITLES = frozenset(
    """m mm mme mmes mlle mlles dr pr me mr mrs ms messrs sr sres sra srta don doña dña monsieur
    madame mademoiselle messieurs sir lord lady dame président présidente president presidente
    ministre minister ministro ministra ambassadeur ambassadrice ambassador embajador embajadora
    directeur directrice director directora pdg ceo roi king rey reine queen prince princesse
    princess príncipe princesa général general professeur professor profesor secrétaire
    secretary secretario secretaria porte-parole spokesman spokeswoman portavoz maire mayor
    alcalde alcaldesa gouverneur governor gobernador juge judge juez jueza chef docteur doctor
    abbé père mgr cardinal pape pope papa comte count conde duc duke duque baron barón
    marquis marqués maréchal colonel coronel capitaine captain capitán capt col gen hon rev
    lieutenant teniente sénateur senator senador député deputy diputado consejero consejera
    chancelier chancellor canciller mister miss""".split()
)
# Forms of address that name a person with the surname alone ("M. Gambetta", "Dr. Read").
HONORIFICS = frozenset("m mm mme mmes mlle mlles mr mrs ms messrs dr sr sra srta".split())
PLACE_PREPOSITIONS = {
    "fr": frozenset("à au aux en dans vers près depuis sur".split()),
    "en": frozenset("in at near to from into across towards outside".split()),
    "es": frozenset("en a desde hacia cerca junto hasta".split()),
}
PLACE_WORDS = frozenset(
    """ville city ciudad canton province provincia région region región département county
    condado comté état state estado rue street calle avenue avenida boulevard place plaza
    pays country país capitale capital village pueblo town commune municipio district distrito
    quartier barrio île island isla lac lake lago mont mount monte fleuve river río golfe gulf
    golfo mer sea mar côte coast costa vallée valley valle port gare station estación bay bahía
    baie square road""".split()
)
# Words that make a place of a place ("Europa Central", "Northern Ireland", "Nueva York"),
# not a team or a company of it.
GEO_MODIFIERS = frozenset(
    """north south east west northern southern eastern western central centrale oriental orientale
    occidental occidentale méridional méridionale septentrional septentrionale norte sur este oeste
    nord sud est ouest upper lower great greater grand grande gran new nouvelle nouveau nueva nuevo
    alto alta bajo baja haut haute bas basse latina latine latin unido unidos unis unies united
    del""".split()
)
# Buildings and grounds: a name they open or close is a place ("Estadio de Francia",
# "Theatre Royal", "Palais des Congrès"); alone, they are the common noun.
FACILITY_WORDS = frozenset(
    """theatre theater théâtre teatro museum musée museo stadium stade estadio palace palais palacio
    palau arena cathedral cathédrale catedral castle château castillo airport aéroport aeropuerto
    bridge pont puente tower tour torre park parc parque pabellón pavilion""".split()
)
# Lower-case nouns that introduce a company or a club by its name ("search giant Google",
# "la multinacional española Telefónica", "l'opérateur Orange").
ORG_DESCRIPTORS = frozenset(
    """firm giant rival carrier airline maker manufacturer retailer insurer lender startup
    broadcaster publisher label conglomerate multinational chain operator developer supplier
    brand team side empresa firma multinacional aseguradora operadora constructora petrolera
    eléctrica electrica entidad cadena aerolínea fabricante distribuidora editorial equipo
    marca firme géant opérateur constructeur enseigne assureur équipe marque compagnie
    société groupe entreprise company group club""".split()
)
# Competitions and events: named, but neither a person, an organisation nor a place.
EVENT_WORDS = frozenset(
    """copa supercopa recopa eurocopa cup coupe trophy trofeo trophée torneo tournament tournoi
    juegos games jeux mundial mundiales championship championships campeonato championnat
    olimpiadas olympics festival""".split()
)
DETERMINERS = frozenset("le la les l' the el los las lo un une a an".split())
CONNECTORS = frozenset("de du des d' la le l' of the for del pour al el bin ben von van der den da di do dos y & et and".split())
# Only these join two capitalised words inside a name; "et", "y", "and" join names too often
# ("Paris et Londres") to be connectors except before an organisation's last word.
JOINERS = frozenset("de du des d' la le l' of the for del al el bin ben von van der den da di do dos &".split())
SPEECH_VERBS = frozenset(
    """said says told added warned explained stated declared dit déclare déclaré affirme affirmé
    explique expliqué estime estimé ajoute ajouté souligne souligné indique indiqué précise
    précisé prévenu averti assuré martelé rappelé insisté confié noté résumé lancé selon dijo afirmó declaró señaló explicó aseguró añadió advirtió según indicó
    manifestó""".split()
)
UNITS = frozenset(
    """teu teus evp km km2 m2 m3 kg kw kwh mw mwh gw gwh tw twh mph ha hl cm mm mg ml gb mb tb ghz
    mhz hz db ppm pib gdp pbi tva vat iva usd eur mad gbp cny dh dhs fcfa ttc ht""".split()
)
WEEKDAYS = frozenset(
    """lundi mardi mercredi jeudi vendredi samedi dimanche monday tuesday wednesday thursday
    friday saturday sunday lunes martes miercoles jueves viernes sabado domingo""".split()
)
# Capitalised but never a name: calendar words, units, titles and a few frequent openers.
NEVER_NAMES = (frozenset(strip_accents(m.lower()) for m in MONTHS if len(m) > 2) | WEEKDAYS | UNITS
               | frozenset(strip_accents(t) for t in PERSON_TITLES) | frozenset(
    """ia ai ceo pdg pme sme pyme tic ict covid rss ok tv pc am pm etc etat
    nord sud est ouest north south east west norte sur este oeste""".split()))
ROMAN = re.compile(r"^(?:I|II|III|IV|V|VI|VII|VIII|IX|X|XI|XII|XIII|XIV|XV|XVI)$")
ACRONYM = re.compile(r"^[A-Z][A-Z0-9&]{1,7}$")


def never_a_name(word: str) -> bool:
    """Calendar words, units, titles; codes ("ME2035", "A380": three digits or more)."""
    return strip_accents(word.lower().rstrip(".")) in NEVER_NAMES or sum(c.isdigit() for c in word) >= 3


@lru_cache(maxsize=None)
def stopwords(language: str) -> frozenset[str]:
    from ..summarize import stopwords as summary_stopwords

    # The summariser's lists are accent-free; the recogniser's cue words are compared as written.
    return summary_stopwords(language) | DETERMINERS


@lru_cache(maxsize=None)
def roles(language: str) -> dict[str, str]:
    """Lower-case word -> its role, for the words around a name."""
    table: dict[str, str] = {}
    for words, role in ((DETERMINERS, "det"), (SPEECH_VERBS, "speech"), (PLACE_WORDS, "placeword"),
                        (ORG_WORDS, "orgword"), (PERSON_TITLES, "title")):
        for word in words:
            table[word] = role
    for word in PLACE_PREPOSITIONS.get(language, ()):
        table[word] = "placeprep"
    for word in ("de", "du", "des", "d'", "of", "del"):
        table[word] = "of"
    return table


@lru_cache(maxsize=1)
def _places() -> dict[str, str]:
    """Accent-free lower-case place name -> its canonical (English) name: digest's own list."""
    table: dict[str, str] = {}
    data = resources.files("digest").joinpath("data/places.txt").read_text("utf-8")
    for line in data.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        names = [n.strip() for n in line.split("|") if n.strip()]
        for name in names:
            table.setdefault(strip_accents(name.lower()), names[0])
    return table


def canonical_place(name: str) -> str | None:
    return _places().get(strip_accents(name.lower()))


@lru_cache(maxsize=1)
def gazetteer() -> frozenset[str]:
    """Accent-free lower-case place names: digest's list and CLDR's territory names
    (fr, en, es, ar, shipped as data/territories.txt by tools/train_entities.py)."""
    data = resources.files("digest.entities").joinpath("data/territories.txt").read_text("utf-8")
    names = {strip_accents(line.strip().lower()) for line in data.splitlines()
             if line.strip() and not line.startswith("#")}
    return frozenset(names | set(_places()))


@lru_cache(maxsize=1)
def first_names() -> frozenset[str]:
    """Frequent given names (data/first_names.txt: US Census 1990 lists, public domain)."""
    data = resources.files("digest.entities").joinpath("data/first_names.txt").read_text("utf-8")
    return frozenset(strip_accents(line.strip()) for line in data.splitlines() if line.strip() and not line.startswith("#"))


@lru_cache(maxsize=1)
def organisation_names() -> dict[str, str]:
    """Accent-free lower-case name or alias -> the name as listed, of the international
    organisations in data/organisations.yml (the entity registry's list)."""
    import yaml

    data = resources.files("digest.entities").joinpath("data/organisations.yml").read_text("utf-8")
    table: dict[str, str] = {}
    for entry in yaml.safe_load(data) or []:
        for name in [*(entry.get("names") or {}).values(), *(entry.get("aliases") or [])]:
            table.setdefault(strip_accents(str(name).lower()), str(name))
    return table
