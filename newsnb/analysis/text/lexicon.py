"""The shared vocabulary of the analysis: cue verbs, hedges, titles, unnamed-source heads, outlets.

One module that the extractors import (like textacy's ``constants``), so that quotes, facts,
language and speaker resolution read the same lists and a fix reaches all of them.

* Attribution cues: :data:`NEUTRAL_CUES` and :data:`LOADED_CUES` (speech verbs, classed after
  AP-style guidance), :data:`NAMING_CUES` ("called it a …"), :data:`BARE_SPEECH_CUES` (verbs that
  attribute even without a clause after them: "…," he said), :data:`SOURCE_PREPOSITIONS`.
* Attribution beyond speech verbs (issue #13; learned from PolNeAR train, see the section):
  :data:`ATTITUDE_CUES`, :data:`BELIEF_CUES`, :data:`EVIDENCE_CUES`, :data:`SPEECH_ACT_CUES`,
  :data:`OBJECT_CUES`, :data:`ACTION_CUES`, :data:`PREPOSITION_CUES`, :data:`ATTRIBUTION_NOUNS`,
  :data:`HEADLINE_LABELS`, :data:`CUE_TYPES`.
* Hedges: :data:`HEDGE_WORDS` and :data:`HEDGE_PHRASES`, and the subset that hedges an attribution
  (:data:`ATTRIBUTION_HEDGES`, compiled as :data:`HEDGES`).
* People and sources: :data:`TITLES` (honorifics, offices and jobs before a name),
  :data:`ANONYMOUS_HEADS`, :data:`SPOKESPERSON_HEADS`, :data:`MEDIA_WORDS`, :data:`MEDIA_OUTLETS`,
  pronoun sets, :data:`PERSON_NOUNS`.
* Names (entities; general knowledge, see the section): :data:`COUNTRY_DEMONYMS`,
  :data:`COUNTRIES`, :data:`DEMONYMS`, :data:`NAME_ROLES` (government, business, sport, the
  military, religion, law, press), :data:`GIVEN_NAME_ROLES`, :data:`NAME_PREFIXES`,
  :data:`PLACE_HEADS`, :data:`ORGANISATION_HEADS`, and photo credits and bylines
  (:data:`CREDIT_BEFORE`, :data:`CREDIT_SOURCES`, :data:`CREDIT_LAST_WORDS`).
* Gender in the text: :data:`PRONOUN_GENDER` and :data:`GENDERED_PRONOUNS`, honorifics before a
  name (:data:`MALE_TITLE_BEFORE`, :data:`FEMALE_TITLE_BEFORE`), :data:`GENDERED_NOUNS` (wife,
  chairwoman, actress …) and the weaker :data:`GENERIC_MALE_ROLES` (chairman, spokesman …).

Known limits: hand-made English lists (general knowledge, not derived from any evaluation set;
the attribution-cue section is counted from PolNeAR's train split, never its dev or test); they
miss synonyms and regional usage.
"""
from __future__ import annotations

import re

__all__ = [
    "ALL_CUES", "ANONYMOUS_HEADS", "ATTRIBUTION_HEDGES", "BARE_SPEECH_CUES", "HEDGES", "HEDGE_PHRASES", "HEDGE_WORDS",
    "LOADED_CUES", "MEDIA_OUTLETS", "MEDIA_WORDS", "NAMING_CUES", "NEUTRAL_CUES", "SOURCE_PREPOSITIONS",
    "SPOKESPERSON_HEADS", "TITLES", "cue_class", "is_media",
    "CONTESTED_TERMS", "INTENSIFIER_PHRASES", "INTENSIFIER_WORDS", "LOADED_PHRASES", "LOADED_WORDS", "POS_LIMITS",
    "ACTION_CUES", "ATTITUDE_CUES", "ATTRIBUTION_NOUNS", "BELIEF_CUES", "CUE_TYPES", "EVIDENCE_CUES",
    "HEADLINE_LABELS", "OBJECT_CUES", "PREPOSITION_CUES", "SPEECH_ACT_CUES",
]


#: Speech verbs (lemmas) that report without comment: "said" is almost always the right verb.
NEUTRAL_CUES = frozenset(
    """say tell add according_to as_per state report write announce comment reply respond answer
    ask continue recall explain describe quote testify confirm mention inform reiterate
    repeat tweet post predict estimate suggest propose promise pledge agree conclude recount
    advise declare argue put_it""".split()
)


#: Speech verbs that characterise the speaker or judge the statement (AP: "claimed" casts doubt,
#: "admitted"/"conceded" imply guilt, "insisted" doubt, "noted"/"pointed out" endorse, "warned"
#: and "slammed" dramatise). Flagged ``loaded``.
LOADED_CUES = frozenset(
    """claim admit insist concede deny warn allege confess acknowledge boast brag maintain contend
    assert note point_out reveal charge accuse vow threaten complain lament slam blast criticise
    criticize attack hit_out lash_out scoff quip joke muse grumble exclaim shout yell scream
    retort snap gush fume rant stress emphasise emphasize dismiss refute rebut demand urge plead
    beg caution concur confide fire_back shoot_back""".split()
)


#: Verbs of naming ("called it a “hoax”"): they attribute a quotation but are not reported speech.
NAMING_CUES = frozenset("call dub label brand term characterize characterise".split())


#: Verbs that, governing a naming verb, deny the speech act ("refrained from calling it …").
NEGATING_VERBS = frozenset("refrain avoid decline refuse stop hesitate fail".split())


PHRASAL_CUES = {"point": "out", "hit": "out", "lash": "out", "fire": "back", "shoot": "back"}


ALL_CUES = NEUTRAL_CUES | LOADED_CUES
#: Speech cues that attribute a sentence even with no clause after them ("…," he said); other
#: cue verbs attribute a claim only with a clause or a quotation ("announced that …" yes,
#: "announced an aid package" no).
BARE_SPEECH_CUES = frozenset("say tell claim add insist quote tweet write testify".split())
#: Phrases that name a source before it: "according to X", "as per X", "citing X", "quoted by X".
SOURCE_PREPOSITIONS = ("according to", "as per", "citing", "quoted by")


# ---------------------------------------------------------------------------------------------
# Hedges, intensifiers, loaded words, contested labels (the language tables)

#: Hedges and distancing words (lemmas): the writer or source is not vouching for the claim.
HEDGE_WORDS = frozenset(
    "reportedly allegedly apparently seemingly supposedly purportedly reputedly ostensibly presumably "
    "arguably possibly perhaps probably maybe likely unlikely seem somewhat rather fairly "
    "relatively slightly partly partially largely claim alleged allege unconfirmed unverified "
    "suggest may might could".split()
)
#: Multi-word hedges: canonical form → regular expression (spaces match any spacing).
HEDGE_PHRASES = {
    "thus far": r"thus far",
    "so far": r"so far",
    "as yet": r"as yet",
    "so-called": r"so[- ]?called",
    "it is understood": r"it(?: is|['’]s) understood",
    "it is believed": r"it(?: is|['’]s) believed",
    "it is thought": r"it(?: is|['’]s) thought",
    "it is said": r"it(?: is|['’]s) said",
    "it appears": r"it (?:appears|appeared|seems|seemed)",
    "is said to": r"(?:is|are|was|were) said to",
    "is believed to": r"(?:is|are|was|were) believed to",
    "is thought to": r"(?:is|are|was|were) thought to",
    "is reported to": r"(?:is|are|was|were) reported to",
    "is alleged to": r"(?:is|are|was|were) alleged to",
    "appears to": r"appear(?:s|ed)? to",
    "to some extent": r"to (?:some|a certain|an) extent",
    "in part": r"in part",
    "more or less": r"more or less",
    "sort of": r"sort of",
    "remains to be seen": r"remains? to be seen",
    "unclear": r"(?:it is|it['’]s|it was|it remains) (?:still |not yet |as yet )?unclear",
    "sources say": r"sources? (?:say|says|said|claim|claimed|suggest|suggested)",
    "is understood to": r"(?:is|are|was|were) understood to",
    "according to reports": r"according to (?:media )?reports",
    "reports say": r"reports (?:say|said|suggest|suggested)",
}
#: Intensifiers and boosters (lemmas): the text turns up its own certainty or force.
INTENSIFIER_WORDS = frozenset(
    "very extremely blatantly highly deeply utterly totally completely absolutely really "
    "incredibly hugely massively enormously tremendously exceedingly clearly obviously "
    "undoubtedly certainly definitely truly entirely fiercely strongly sharply dramatically "
    "drastically vastly exceptionally remarkably particularly especially flagrantly "
    "unprecedented outright sheer staunch staunchly vehemently categorically desperately "
    "severely".split()
)
#: Multi-word intensifiers: canonical form → regular expression.
INTENSIFIER_PHRASES = {
    "of course": r"of course",
    "by far": r"by far",
    "no doubt": r"(?:no|without(?: a)?) doubt",
    "in no way": r"in no way",
}
#: Loaded, emotive or judging words (lemmas).
LOADED_WORDS = frozenset(
    "slam blast shocking shock shocked outrageous outrage brutal brutally horrific horrifying "
    "horrendous devastating devastate disastrous catastrophic catastrophe chaos chaotic carnage "
    "massacre slaughter bloodbath atrocity regime thug scandal scandalous furious fury "
    "explosive bombshell draconian notorious infamous propaganda puppet aggression aggressor "
    "barbaric barbarous savage evil heroic cowardly stunning humiliating humiliation embattled "
    "beleaguered controversial radical extremist hardline crackdown onslaught tirade rant "
    "meltdown firestorm backlash scaremongering fearmongering dictator tyrant warmonger".split()
)
#: Multi-word loaded phrases: canonical form → regular expression.
LOADED_PHRASES = {
    "spark fears": r"spark(?:s|ed|ing)? (?:fears?|alarm|outrage|fury|anger|backlash)",
    "hit out": r"hit(?:s|ting)? out",
    "lash out": r"lash(?:es|ed|ing)? out",
    "rip into": r"r(?:ip|ips|ipped|ipping) into",
    "war of words": r"war of words",
    "under fire": r"under fire",
    "hard-line": r"hard-line",
}
#: Part-of-speech limits for ambiguous lemmas (others match any part of speech).
POS_LIMITS = {
    "may": {"AUX"}, "might": {"AUX"}, "could": {"AUX"}, "rather": {"ADV"}, "claim": {"VERB", "NOUN"},
    "suggest": {"VERB"}, "slam": {"VERB"}, "blast": {"VERB"}, "shock": {"VERB"}, "likely": {"ADJ", "ADV"},
    "regime": {"NOUN"}, "explosive": {"ADJ"}, "stunning": {"ADJ"}, "seem": {"VERB", "AUX"},
    "really": {"ADV"}, "very": {"ADV", "ADJ"}, "clearly": {"ADV"}, "sheer": {"ADJ"},
}
#: Labels for contested things; every use is listed by :func:`framing`.
CONTESTED_TERMS = (
    "invasion", "war", "conflict", "special military operation", "military operation",
    "occupation", "annexation", "liberation", "genocide", "ethnic cleansing", "apartheid",
    "terrorist", "terrorists", "terrorism", "militant", "militants", "freedom fighters",
    "insurgents", "rebels", "separatists", "regime", "massacre", "coup", "uprising", "riot",
    "riots", "illegal immigrants", "illegal aliens", "undocumented migrants",
)


#: The hedges that distance an attribution (the outlet does not vouch for the words): a subset
#: of :data:`HEDGE_WORDS` and :data:`HEDGE_PHRASES`.
ATTRIBUTION_HEDGES = (
    "reportedly", "allegedly", "purportedly", "apparently", "supposedly", "reputedly", "unconfirmed",
    "is said to", "is believed to", "is understood to", "is thought to", "according to reports", "reports say",
)
#: :data:`ATTRIBUTION_HEDGES` as one regular expression (any case).
HEDGES = re.compile(
    r"\b(" + "|".join(HEDGE_PHRASES.get(h, h).replace(" ", r"[^\S\r\n]+") for h in ATTRIBUTION_HEDGES) + r")\b",
    re.IGNORECASE,
)



def cue_class(key: str | None) -> str | None:
    """``loaded`` or ``neutral`` for a cue key (lemma, ``point_out``, ``according_to`` …)."""
    if key is None:
        return None
    return "loaded" if key in LOADED_CUES else "neutral"


# ---------------------------------------------------------------------------------------------
# People and sources

#: Titles and roles stripped from the front of a person mention.
TITLES = re.compile(
    r"^(?:(?:former|then|late|acting|deputy|vice|chief|top|us|u\.s\.|uk|chinese|russian|"
    r"president|presidential|prime|minister|foreign|secretary|chancellor|premier|king|queen|prince|"
    r"princess|sir|dame|lord|lady|mr|mrs|ms|miss|mx|dr|prof|professor|rev|gen|general|col|"
    r"colonel|capt|captain|lt|sgt|sen|senator|rep|representative|gov|governor|mayor|judge|"
    r"justice|ambassador|pope|sheikh|state|defence|defense|health|finance|interior|home|"
    r"chairman|chairwoman|chair|ceo|director|spokesman|spokeswoman|spokesperson|leader|"
    r"candidate|nominee|speaker|commissioner|coach|manager|striker|star)\.?\s+)+",
    re.IGNORECASE,
)

#: Head nouns of unnamed sources: a speaker phrase headed by one of these (and naming nobody)
#: is ``anonymous``.
ANONYMOUS_HEADS = frozenset(
    """source official expert analyst aide adviser advisor insider observer critic diplomat
    staffer person people someone somebody witness resident insider confidant associate ally
    supporter opponent lawmaker legislator member officer investigator authority employee worker
    voter participant attendee onlooker bystander economist strategist operative consultant
    spokesman spokeswoman spokesperson representative others many some few several""".split()
)


#: Heads that speak for an organisation named in the same phrase ("a Kremlin spokesman").
SPOKESPERSON_HEADS = frozenset({"spokesman", "spokeswoman", "spokesperson", "representative", "statement"})


#: Words that mark a phrase as a news outlet ("Russian media outlet Interfax", "state media CCTV").
MEDIA_WORDS = frozenset(
    """media outlet news newspaper paper agency wire broadcaster broadcasting television tv radio
    channel network daily weekly magazine journal tabloid website times post tribune herald gazette
    telegraph guardian press reporter correspondent""".split()
)


#: Widely known news organisations (general knowledge, not derived from any evaluation data).
MEDIA_OUTLETS = frozenset(
    s.lower()
    for s in [
        "Reuters", "AP", "Associated Press", "AFP", "Agence France-Presse", "Bloomberg", "CNN", "BBC",
        "NPR", "PBS", "ABC", "NBC", "CBS", "MSNBC", "CNBC", "Fox", "Fox News", "Politico", "Axios",
        "The Hill", "Interfax", "TASS", "RIA", "RIA Novosti", "Sputnik", "RT", "Xinhua", "CCTV",
        "CGTN", "Global Times", "People's Daily", "Yonhap", "Kyodo", "NHK", "Al Jazeera", "ANI", "PTI",
        "IANS", "DPA", "EFE", "ANSA", "Sky News", "ITV", "Channel 4", "Le Monde", "Der Spiegel",
        "Haaretz", "Breitbart", "Vox", "Slate", "BuzzFeed", "HuffPost", "Newsweek", "Time",
        "The Atlantic", "The Economist", "Financial Times", "The Guardian", "The Telegraph",
        "The Times", "The New York Times", "The Washington Post", "The Wall Street Journal",
        "New York Times", "Washington Post", "Wall Street Journal", "USA Today", "Los Angeles Times",
        "New York Post", "Daily Mail", "Mirror", "Sun", "Times of India", "Hindustan Times",
    ]
)


PRONOUN_GENDER = {"he": "m", "him": "m", "she": "f", "her": "f"}


PLURAL_PRONOUNS = frozenset({"they", "them"})


NEUTER_PRONOUNS = frozenset({"it"})


FIRST_SECOND = frozenset({"i", "me", "we", "us", "you"})


RELATIVE = frozenset({"who", "which", "that", "whom"})


#: Words that mark a person's gender when they describe that person: a noun right before the
#: name ("actress Jane Doe", "his wife Jane") or heading an apposition ("Jane Doe, his wife,").
#: Kinship and gendered role nouns; singular forms only. ``m`` or ``f``.
GENDERED_NOUNS: dict[str, str] = {
    **{w: "m" for w in """husband father son brother uncle nephew grandfather grandson stepfather stepson
       boyfriend fiance fiancé widower dad daddy king prince lord duke emperor sir gentleman man boy schoolboy
       congressman chairman spokesman businessman sportsman councilman alderman anchorman policeman
       fireman statesman frontman""".split()},
    **{w: "f" for w in """wife mother daughter sister aunt niece grandmother granddaughter stepmother
       stepdaughter girlfriend fiancee fiancée widow mum mom mummy queen princess lady duchess baroness countess
       empress dame madam woman girl schoolgirl congresswoman chairwoman spokeswoman businesswoman
       sportswoman councilwoman anchorwoman policewoman stateswoman actress waitress hostess
       headmistress heroine""".split()},
}
#: Role nouns in ``-man`` that newsrooms have also used for women ("chairman Baroness X"): weaker
#: evidence than the rest of :data:`GENDERED_NOUNS` (see :mod:`newsnb.analysis.gender`).
GENERIC_MALE_ROLES = frozenset(w for w, g in GENDERED_NOUNS.items() if g == "m" and w.endswith("man")
                               and w not in ("man", "gentleman"))

#: Honorifics and titles of one gender, written before a name ("Mr Blair", "Dame Kelly Holmes").
MALE_HONORIFICS = ("mr", "mister", "sir", "king", "prince", "lord")
FEMALE_HONORIFICS = ("mrs", "ms", "miss", "madam", "madame", "mme", "dame", "queen", "princess", "lady", "baroness",
                     "duchess", "countess")
#: An honorific of each gender right before a name: the text before the name must match.
MALE_TITLE_BEFORE = re.compile(r"\b(?:" + "|".join(MALE_HONORIFICS) + r")\.?[^\S\n]+$", re.I)
FEMALE_TITLE_BEFORE = re.compile(r"\b(?:" + "|".join(FEMALE_HONORIFICS) + r")\.?[^\S\n]+$", re.I)


#: Third-person singular pronouns of each gender, every case ("his", "herself" too).
GENDERED_PRONOUNS = {**PRONOUN_GENDER, "his": "m", "himself": "m", "hers": "f", "herself": "f"}

#: Singular common nouns that can name a person ("the minister", "his lawyer"): another person
#: standing between a name and a pronoun makes the pronoun ambiguous.
PERSON_NOUNS = frozenset(
    """minister president secretary chancellor premier governor mayor senator judge justice lawyer
    attorney ambassador leader chief boss director manager chairman chair executive founder owner
    candidate nominee coach player captain officer colleague friend partner rival opponent deputy
    doctor nurse teacher professor student journalist reporter editor writer author host guest
    mp mep councillor commissioner general colonel soldier agent victim suspect defendant
    prosecutor""".split()
) | ANONYMOUS_HEADS | frozenset(GENDERED_NOUNS)


ORGANISATION_WORDS = re.compile(
    r"\b(party|committee|department|ministry|campaign|council|agency|commission|office|house|"
    r"university|company|corporation|corp|inc|group|association|union|foundation|institute|court|"
    r"congress|senate|parliament|government|administration|army|police|bank|board|fund)\b",
    re.I,
)


def is_media(text: str) -> bool:
    """Does ``text`` (a noun phrase) name a news outlet?"""
    low = re.sub(r"['’]s\b", "", text.lower()).strip()
    low = re.sub(r"^the\s+", "", low)
    if low in MEDIA_OUTLETS or f"the {low}" in MEDIA_OUTLETS:
        return True
    words = set(re.findall(r"[a-z]+", low))
    if words & MEDIA_WORDS:
        return True
    return any(o in MEDIA_OUTLETS for o in _proper_chunks(text))


def _proper_chunks(text: str) -> list[str]:
    return [m.group(0).lower() for m in re.finditer(r"(?:[A-Z][\w'’.&-]*)(?:\s+[A-Z][\w'’.&-]*)*", text)]


# ---------------------------------------------------------------------------------------------
# Names: countries, demonyms and roles written before a name (entities)
#
# A separate section so that the entity rules' vocabulary stays apart from the attribution
# vocabulary above. General knowledge, not derived from any evaluation set.

#: Countries and other places with a demonym, as ``country: demonym[, demonym …]`` lines.
_COUNTRY_DEMONYMS = """
Afghanistan: Afghan; Albania: Albanian; Algeria: Algerian; Andorra: Andorran; Angola: Angolan;
Argentina: Argentine, Argentinian; Armenia: Armenian; Australia: Australian; Austria: Austrian;
Azerbaijan: Azerbaijani, Azeri; Bahamas: Bahamian; Bahrain: Bahraini; Bangladesh: Bangladeshi;
Barbados: Barbadian; Belarus: Belarusian, Belarussian; Belgium: Belgian; Belize: Belizean;
Benin: Beninese; Bhutan: Bhutanese; Bolivia: Bolivian; Bosnia: Bosnian; Botswana: Botswanan;
Brazil: Brazilian; Brunei: Bruneian; Bulgaria: Bulgarian; Burkina Faso: Burkinabe;
Burundi: Burundian; Cambodia: Cambodian; Cameroon: Cameroonian; Canada: Canadian;
Chad: Chadian; Chile: Chilean; China: Chinese; Colombia: Colombian; Congo: Congolese;
Costa Rica: Costa Rican; Croatia: Croatian, Croat; Cuba: Cuban; Cyprus: Cypriot;
Czech Republic: Czech; Czechia: Czech; Denmark: Danish, Dane; Djibouti: Djiboutian;
Dominican Republic: Dominican; Ecuador: Ecuadorian, Ecuadorean; Egypt: Egyptian;
El Salvador: Salvadoran, Salvadorean; England: English, Englishman, Englishwoman;
Eritrea: Eritrean; Estonia: Estonian; Ethiopia: Ethiopian; Fiji: Fijian; Finland: Finnish, Finn;
France: French, Frenchman, Frenchwoman; Gabon: Gabonese; Gambia: Gambian; Georgia: Georgian;
Germany: German; Ghana: Ghanaian; Greece: Greek; Guatemala: Guatemalan; Guinea: Guinean;
Guyana: Guyanese; Haiti: Haitian; Honduras: Honduran; Hong Kong: Hong Konger; Hungary: Hungarian;
Iceland: Icelandic, Icelander; India: Indian; Indonesia: Indonesian; Iran: Iranian; Iraq: Iraqi;
Ireland: Irish, Irishman, Irishwoman; Israel: Israeli; Italy: Italian; Ivory Coast: Ivorian;
Jamaica: Jamaican; Japan: Japanese; Jordan: Jordanian; Kazakhstan: Kazakh, Kazakhstani;
Kenya: Kenyan; Kosovo: Kosovar; Kuwait: Kuwaiti; Kyrgyzstan: Kyrgyz; Laos: Laotian, Lao;
Latvia: Latvian; Lebanon: Lebanese; Lesotho: Basotho; Liberia: Liberian; Libya: Libyan;
Liechtenstein: Liechtensteiner; Lithuania: Lithuanian; Luxembourg: Luxembourger;
Macedonia: Macedonian; Madagascar: Malagasy; Malawi: Malawian; Malaysia: Malaysian;
Maldives: Maldivian; Mali: Malian; Malta: Maltese; Mauritania: Mauritanian;
Mauritius: Mauritian; Mexico: Mexican; Moldova: Moldovan; Monaco: Monegasque;
Mongolia: Mongolian; Montenegro: Montenegrin; Morocco: Moroccan; Mozambique: Mozambican;
Myanmar: Burmese; Namibia: Namibian; Nepal: Nepalese, Nepali; Netherlands: Dutch, Dutchman;
New Zealand: New Zealander; Nicaragua: Nicaraguan; Niger: Nigerien; Nigeria: Nigerian;
North Korea: North Korean; Norway: Norwegian; Oman: Omani; Pakistan: Pakistani;
Palestine: Palestinian; Panama: Panamanian; Papua New Guinea: Papua New Guinean;
Paraguay: Paraguayan; Peru: Peruvian; Philippines: Filipino, Filipina, Philippine;
Poland: Polish, Pole; Portugal: Portuguese; Puerto Rico: Puerto Rican; Qatar: Qatari;
Romania: Romanian; Russia: Russian; Rwanda: Rwandan; Samoa: Samoan; San Marino: Sammarinese;
Saudi Arabia: Saudi, Saudi Arabian; Scotland: Scottish, Scot, Scotsman, Scotswoman;
Senegal: Senegalese; Serbia: Serbian, Serb; Sierra Leone: Sierra Leonean;
Singapore: Singaporean; Slovakia: Slovak, Slovakian; Slovenia: Slovenian, Slovene;
Somalia: Somali; South Africa: South African; South Korea: South Korean; South Sudan: South Sudanese;
Spain: Spanish, Spaniard; Sri Lanka: Sri Lankan; Sudan: Sudanese; Suriname: Surinamese;
Sweden: Swedish, Swede; Switzerland: Swiss; Syria: Syrian; Taiwan: Taiwanese;
Tajikistan: Tajik; Tanzania: Tanzanian; Thailand: Thai; Togo: Togolese; Tonga: Tongan;
Trinidad and Tobago: Trinidadian; Tunisia: Tunisian; Turkey: Turkish, Turk;
Turkmenistan: Turkmen; Uganda: Ugandan; Ukraine: Ukrainian; United Arab Emirates: Emirati;
United Kingdom: British, Briton; Britain: British, Briton; United States: American;
Uruguay: Uruguayan; Uzbekistan: Uzbek; Venezuela: Venezuelan; Vietnam: Vietnamese;
Wales: Welsh, Welshman, Welshwoman; Yemen: Yemeni; Yugoslavia: Yugoslav; Zaire: Zairean, Zairian;
Zambia: Zambian; Zimbabwe: Zimbabwean; Soviet Union: Soviet; Kurdistan: Kurdish, Kurd;
Chechnya: Chechen; Tibet: Tibetan; Catalonia: Catalan; Flanders: Flemish; Quebec: Quebecer, Quebecois;
Europe: European; Africa: African; Asia: Asian; Arabia: Arab; Latin America: Latin American;
Scandinavia: Scandinavian; Balkans: Balkan; Caribbean: Caribbean
"""


def _parse_demonyms(spec: str) -> dict[str, tuple[str, ...]]:
    out: dict[str, tuple[str, ...]] = {}
    for item in " ".join(spec.split()).split(";"):
        country, _, names = item.partition(":")
        if country.strip():
            out[country.strip()] = tuple(n.strip() for n in names.split(",") if n.strip())
    return out


#: Country (or region) → its demonyms ("Croatia" → ("Croatian", "Croat")).
COUNTRY_DEMONYMS: dict[str, tuple[str, ...]] = _parse_demonyms(_COUNTRY_DEMONYMS)

#: Countries and regions named in :data:`COUNTRY_DEMONYMS` (national teams stay places).
COUNTRIES = frozenset(COUNTRY_DEMONYMS) | frozenset({"US", "U.S.", "USA", "UK", "U.K.", "America"})

#: Every demonym and nationality noun ("French", "Croat", "Briton").
DEMONYMS = frozenset(d for ds in COUNTRY_DEMONYMS.values() for d in ds)

#: Roles written before a name, beyond :data:`TITLES`: government, business, sport, the
#: military, religion, the law, the arts and the press (each one word; multi-word roles are
#: sequences of them: "Defence Secretary", "Lieutenant Colonel", "Managing Director").
NAME_ROLES = frozenset(
    """
    president vice-president premier minister secretary chancellor senator congressman congresswoman
    congressmember assemblyman assemblywoman councillor councilor councilman councilwoman alderman
    mayor governor lieutenant-governor delegate envoy ambassador consul diplomat commissioner
    president-elect prime deputy under undersecretary attorney solicitor prosecutor magistrate
    sheriff marshal inspector superintendent constable detective officer agent official spokesman
    spokeswoman spokesperson aide adviser advisor emir sultan shah king queen prince princess
    crown duke duchess earl count countess baron baroness lord lady sir dame monarch regent
    dictator opposition party leader chief head
    chairman chairwoman chairperson chair ceo cfo coo cto executive managing director founder
    co-founder owner proprietor president boss treasurer banker economist analyst trader
    investor entrepreneur tycoon magnate billionaire millionaire industrialist publisher editor
    coach manager trainer captain skipper striker forward midfielder defender goalkeeper keeper
    winger fullback full-back sweeper playmaker batsman batter bowler wicketkeeper all-rounder
    pitcher catcher shortstop outfielder infielder quarterback linebacker receiver guard centre
    center jockey rider cyclist driver racer sprinter runner hurdler marathoner swimmer diver
    gymnast skater skier boxer wrestler fighter champion challenger titleholder world-champion
    olympian medallist medalist finalist seed player teammate veteran rookie star ace legend
    referee umpire golfer tennis
    general lieutenant colonel major captain commander commodore admiral brigadier sergeant
    corporal private marine pilot colonel-general field-marshal marshal warlord rebel militant
    pope cardinal archbishop bishop priest father pastor reverend rev rabbi imam ayatollah
    mullah sheikh cleric monk nun abbot deacon patriarch metropolitan chaplain evangelist
    judge justice lawyer barrister attorney counsel professor prof dr doctor scientist
    researcher author writer novelist poet playwright director producer actor actress singer
    composer conductor pianist violinist artist painter sculptor photographer journalist
    reporter correspondent columnist commentator broadcaster anchor presenter host
    former late then acting interim ex outgoing incoming retiring veteran fellow top senior
    junior assistant associate chief deputy vice general national state federal regional
    foreign defence defense interior home finance economy trade health education justice
    labour labor environment energy transport agriculture culture sports information
    security intelligence treasury budget
    mr mrs ms miss mx messrs mme mlle herr
    """.split()
)

#: Words before a name that are not part of it: :data:`TITLES`, :data:`NAME_ROLES` and
#: :data:`DEMONYMS` in any sequence ("French President Emmanuel Macron", "Croat Alen Boksic",
#: "Defender Hassan Abbas", "Deputy Prime Minister …"), with optional dots and hyphens.
#: Words of those lists that are also common given names ("Finn", "Earl", "Duke"): never cut.
GIVEN_NAME_ROLES = frozenset({"finn", "dane", "scot", "earl", "count", "duke", "major", "baron", "regent", "marshal"})

NAME_PREFIXES = re.compile(
    r"^(?:(?:"
    + "|".join(sorted((re.escape(w) for w in (NAME_ROLES | {d.lower() for d in DEMONYMS}) - GIVEN_NAME_ROLES),
                      key=len, reverse=True))
    + r")\.?(?:\s+|-(?=[A-Za-z])))+",
    re.IGNORECASE,
)

#: Last words that make a name a building, place or organisation, not a person
#: ("Trump Tower", "Wembley Stadium"); words that are also common surnames (Hall, House, Park,
#: Lane, Bridge) are left out.
PLACE_HEADS = frozenset(
    """tower towers building centre center stadium arena plaza mall avenue boulevard road street
    airport station hotel casino resort club cathedral mosque temple synagogue university college
    academy hospital clinic museum gallery theatre theater library prison palace island islands
    mountain mountains river valley county province district observatory laboratory""".split()
)

#: Last words that make a name an organisation or an event, not a person ("Screen Actors
#: Guild", "Golden Globes", "Frühburgunder Forum"), beyond :data:`ORGANISATION_WORDS`.
ORGANISATION_HEADS = frozenset(
    """guild society league federation alliance coalition organization organisation network trust
    holdings industries airlines airways motors systems technologies labs studios records films
    pictures entertainment forum festival awards globes prize games cup championship championships
    tournament olympics conference summit""".split()
)

__all__ += [
    "COUNTRIES", "COUNTRY_DEMONYMS", "DEMONYMS", "GIVEN_NAME_ROLES", "NAME_PREFIXES", "NAME_ROLES", "ORGANISATION_HEADS",
    "PLACE_HEADS",
]


# ---------------------------------------------------------------------------------------------
# Page furniture around names (entities)

#: Words before a name that make it a photo or picture credit, not a person in the story.
CREDIT_BEFORE = re.compile(
    r"(?:\b(?:credits?|photo(?:graph)?s?|pictures?|images?|illustrations?|video|footage|courtesy(?:\s+of)?|"
    r"(?:photo(?:graph)?s?|pictures?|images?|illustrations?)\s+by|pictured\s+by)\s*:?\s*)$",
    re.IGNORECASE,
)

#: Picture agencies and last words of credited sources, as in "Mark Smith/Getty Images",
#: "Jane Doe / Toronto Star" (outlets are also recognised by :func:`is_media`).
CREDIT_SOURCES = frozenset(
    """getty images|getty|shutterstock|alamy|pool|epa|epa-efe|ap photo|afp|reuters|ap|associated press|
    canadian press|the canadian press|zuma|zuma press|sipa|sipa usa|rex|rex features|pa|pa images|
    pa wire|bloomberg|nurphoto|anadolu|anadolu agency|xinhua|dpa|imago|corbis|magnum|redux|
    nasa|handout|supplied|file""".replace("\n", "").split("|")
)
CREDIT_LAST_WORDS = frozenset({"star", "images", "photo", "photos", "pictures", "press", "news", "wire", "times", "post"})

__all__ += ["CREDIT_BEFORE", "CREDIT_LAST_WORDS", "CREDIT_SOURCES"]

# Attribution beyond speech verbs (issue #13): cue types for reported speech, attitudes, evidence
#
# Learned from the PolNeAR *train* split (networkdynamics/PolNeAR, 840 articles; its licence is
# unstated, so only word lists are kept): the cue lemmas its annotators mark, counted, and for
# each the precision newsnb's reported-speech rows reach with it on 240 training articles; a
# lemma is listed when that precision is about 0.6 or more (a verb that mostly reports an
# action — "want", "try", "plan", "support", "seek" — is left out). Literal lists, no weights;
# the dev and test splits were not used to choose them.

#: Verbs of belief, stance and judgement: the content is what the source thinks, hopes, backs or
#: condemns ("Clinton believes that …", "the group endorsed Sanders").
ATTITUDE_CUES = frozenset(
    """believe think hope feel understand wonder doubt wish view regard endorse advocate defend
    praise applaud blame condemn denounce decry mock dispute accept welcome agree disagree""".split()
) - ALL_CUES

#: Attitude verbs that attribute only a clause ("thinks that …", "hopes to …"), never a bare
#: object ("knows the senator" is not an attribution).
BELIEF_CUES = frozenset(
    """believe think hope know feel understand wonder doubt consider regard view recognize
    recognise wish""".split()
)

#: Verbs whose source is a document, a poll or data ("polls show …", "the records indicate …").
EVIDENCE_CUES = frozenset("show indicate".split())

#: Speech acts beyond :data:`ALL_CUES`: refusals, citations, criticism, requests
#: ("declined to comment", "refused to answer", "cited the tax as a reason").
SPEECH_ACT_CUES = frozenset(
    """cite decline refuse express voice discuss tout assure remark request order apologize
    apologise hint imply recommend question email""".split()
)

#: Speech cues that attribute their object without a clause ("accused the contractor of …",
#: "denied the report", "criticised the plan"); other speech cues need a clause or a quotation.
OBJECT_CUES = frozenset("accuse criticize criticise attack blast slam deny dismiss refute rebut demand".split())

#: Speech cues that attribute a quotation but, with a clause of their own, mostly report an
#: action rather than an attribution ("pledged to cut taxes", "continued to campaign"): they
#: start no reported-speech row.
ACTION_CUES = frozenset("pledge continue".split())

#: A cue verb with the preposition that belongs to it: the cue is both words, the content the
#: preposition's object ("called for an inquiry", "pushed for reform", "warned of a crisis").
PREPOSITION_CUES = {
    "call": ("for", "on"), "push": ("for",), "press": ("for",), "argue": ("for", "against"),
    "campaign": ("for", "against"), "speak": ("about", "of", "out"), "complain": ("about",),
    "rail": ("against",), "warn": ("against", "about", "of"), "advocate": ("for",), "ask": ("for",),
}

#: Nouns that attribute a content ("his claim that …", "their concern about …", "the view that …").
ATTRIBUTION_NOUNS = frozenset(
    """claim view concern statement belief argument assertion allegation accusation warning
    promise pledge suggestion proposal criticism endorsement support opposition decision
    insistence contention announcement complaint demand denial admission prediction assessment
    opinion position stance charge call hope fear expectation plan intention pronouncement
    remark comment comments""".split()
)

#: Section labels that open a headline with a colon but name no source ("Analysis: …").
HEADLINE_LABELS = frozenset(
    """analysis exclusive update updated live watch breaking opinion editorial review video photos
    photo explainer factbox timeline q&a quiz podcast listen read correction obituary
    wrap recap preview""".split()
)

#: The cue types of the quotes table's ``cue_type`` column.
CUE_TYPES = ("speech", "attitude", "evidence", "noun", "preposition", "headline")
