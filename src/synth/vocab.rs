//! Word lists for the generator. Several policy areas with their own topics and noun phrases, so
//! that questions in different parts of a generated report talk about different things (the
//! cross-reference resolver matches on subjects; uniform filler would make every answer alike).

/// A topic heading, the subject phrase used in `… over <subject>` cross-references, and noun
/// phrases that questions under this heading talk about.
pub struct Topic {
    pub heading: &'static str,
    pub subject: &'static str,
    /// Singular, so that every verb template agrees with every phrase.
    pub nps: &'static [&'static str],
}

pub struct Domain {
    pub orgs: &'static [&'static str],
    pub topics: &'static [Topic],
}

/// The Kamer elected 22 November 2023 (FORMAT.md §7), the sample's.
pub const FRACTIES: &[&str] = &[
    "PVV",
    "GroenLinks-PvdA",
    "VVD",
    "NSC",
    "D66",
    "BBB",
    "CDA",
    "SP",
    "FVD",
    "PvdD",
    "ChristenUnie",
    "SGP",
    "DENK",
    "Volt",
    "JA21",
];

pub const DOMAINS: &[Domain] = &[
    Domain {
        orgs: &[
            "het COA",
            "de IND",
            "het Europees Asielagentschap",
            "Frontex",
            "de Europese Commissie",
            "de Dienst Terugkeer en Vertrek",
        ],
        topics: &[
            Topic {
                heading: "Europese terugkeerwetgeving",
                subject: "de Europese terugkeerwetgeving",
                nps: &[
                    "de voorgestelde terugkeerverordening",
                    "het plan voor terugkeerhubs in derde landen",
                    "het concept veilig derde land",
                    "de wederzijdse erkenning van terugkeerbesluiten",
                    "de samenwerking met landen van herkomst",
                ],
            },
            Topic {
                heading: "Solidariteitsmechanisme en herverdeling onder het EU-Migratiepact",
                subject: "het solidariteitsmechanisme",
                nps: &[
                    "de solidariteitspool",
                    "de verdeelsleutel op basis van bevolking en bbp",
                    "de financiële bijdrage van Nederland aan de solidariteitspool",
                    "de hervatting van Dublinoverdrachten",
                    "de herplaatsing van asielzoekers",
                ],
            },
            Topic {
                heading: "Opvang van asielzoekers",
                subject: "de opvang van asielzoekers",
                nps: &[
                    "de opvangcapaciteit in de gemeenten",
                    "de uitvoering van de spreidingswet",
                    "de noodopvang in sporthallen",
                    "de doorlooptijd bij de IND",
                    "de huisvesting van statushouders",
                ],
            },
            Topic {
                heading: "Migratiepartnerschappen en deals met derde landen",
                subject: "de migratiepartnerschappen met derde landen",
                nps: &[
                    "het akkoord met Oeganda",
                    "de samenwerking met Tunesië",
                    "de overeenkomst tussen Italië en Albanië",
                    "de inzet op vrijwillige terugkeer",
                    "de opvang in de regio",
                ],
            },
        ],
    },
    Domain {
        orgs: &[
            "de Algemene Rekenkamer",
            "het Centraal Planbureau",
            "de Raad van State",
            "de Inspectie der Rijksfinanciën",
            "de Europese Rekenkamer",
        ],
        topics: &[
            Topic {
                heading: "Meerjarig financieel kader",
                subject: "het meerjarig financieel kader",
                nps: &[
                    "de Nederlandse afdracht aan de Europese Unie",
                    "de korting op de afdrachten",
                    "de tussentijdse herziening van het MFK",
                    "het voorstel voor nieuwe eigen middelen van de Unie",
                    "het uitgavenplafond voor het cohesiebeleid",
                ],
            },
            Topic {
                heading: "Onderuitputting en kasschuiven",
                subject: "de onderuitputting op de begroting",
                nps: &[
                    "de kasschuif naar latere jaren",
                    "de eindejaarsmarge",
                    "de onderbesteding op artikel 3 van de begroting",
                    "de ramingen in de Voorjaarsnota",
                    "de meevaller in de tweede suppletoire begroting",
                ],
            },
            Topic {
                heading: "Rijksbrede taakstelling",
                subject: "de rijksbrede taakstelling",
                nps: &[
                    "de taakstelling op het apparaat",
                    "de besparing op externe inhuur",
                    "de efficiencykorting bij uitvoeringsorganisaties",
                    "de personele ombuiging bij de ministeries",
                ],
            },
        ],
    },
    Domain {
        orgs: &[
            "TenneT",
            "de Autoriteit Consument en Markt",
            "Netbeheer Nederland",
            "het Planbureau voor de Leefomgeving",
            "EBN",
        ],
        topics: &[
            Topic {
                heading: "Netcongestie",
                subject: "de netcongestie",
                nps: &[
                    "de wachtrij voor een aansluiting op het stroomnet",
                    "het investeringsplan van de netbeheerders",
                    "het gebruik van flexibele transportcontracten",
                    "de uitbreiding van het hoogspanningsnet",
                ],
            },
            Topic {
                heading: "Wind op zee",
                subject: "de windparken op zee",
                nps: &[
                    "de tender voor windpark Nederwiek",
                    "de subsidie voor wind op zee",
                    "de aanlanding van windstroom aan de kust",
                    "de schade van windparken voor de visserij",
                ],
            },
            Topic {
                heading: "Gasopslag en leveringszekerheid",
                subject: "de leveringszekerheid van gas",
                nps: &[
                    "de vulgraad van de gasopslagen",
                    "de vulopdracht voor de gasopslag Bergermeer",
                    "de afhankelijkheid van de import van lng",
                    "het Europese vulgraaddoel",
                ],
            },
        ],
    },
    Domain {
        orgs: &[
            "de Vereniging van Nederlandse Gemeenten",
            "Aedes",
            "de Huurcommissie",
            "het Centraal Bureau voor de Statistiek",
            "de provincies",
        ],
        topics: &[
            Topic {
                heading: "Woningbouwopgave",
                subject: "de woningbouwopgave",
                nps: &[
                    "de bouw van 100.000 woningen per jaar",
                    "de woningbouwimpuls",
                    "de stikstofproblematiek bij woningbouwprojecten",
                    "de capaciteit voor vergunningverlening bij gemeenten",
                ],
            },
            Topic {
                heading: "Huurbeleid",
                subject: "het huurbeleid",
                nps: &[
                    "de huurverhoging in de sociale sector",
                    "de Wet betaalbare huur",
                    "het aanbod van middenhuurwoningen",
                    "het woningwaarderingsstelsel",
                ],
            },
            Topic {
                heading: "Dak- en thuisloosheid",
                subject: "de dak- en thuisloosheid",
                nps: &[
                    "de maatschappelijke opvang",
                    "de beschikbaarheid van tijdelijke woningen",
                    "de urgentieregeling voor kwetsbare groepen",
                ],
            },
        ],
    },
    Domain {
        orgs: &[
            "het Deense voorzitterschap",
            "de Europese Commissie",
            "het Europees Parlement",
            "de Hoge Vertegenwoordiger",
            "het Raadssecretariaat",
        ],
        topics: &[
            Topic {
                heading: "Geannoteerde agenda van de Raad",
                subject: "de geannoteerde agenda van de Raad",
                nps: &[
                    "de agenda van de formele JBZ-Raad",
                    "de besluitvorming in de Raad",
                    "het programma van het Deense voorzitterschap",
                    "de raadsconclusie over het Schengengebied",
                ],
            },
            Topic {
                heading: "Transparantie en parlementaire betrokkenheid",
                subject: "de transparantie van de onderhandelingen",
                nps: &[
                    "de vertrouwelijke inzage in raadsdocumenten",
                    "de registratie van WK-documenten",
                    "de toegang tot het Delegates Portal",
                    "de informatievoorziening aan de Kamer",
                ],
            },
            Topic {
                heading: "Uitbreiding van de Europese Unie",
                subject: "de uitbreiding van de Unie",
                nps: &[
                    "het toetredingsproces van Oekraïne",
                    "de hervorming van de rechtsstaat in Moldavië",
                    "de besluitvorming met eenparigheid van stemmen",
                ],
            },
        ],
    },
    Domain {
        orgs: &[
            "de politie",
            "het Openbaar Ministerie",
            "Europol",
            "de Nationaal Coördinator Terrorismebestrijding en Veiligheid",
            "de Inspectie Justitie en Veiligheid",
        ],
        topics: &[
            Topic {
                heading: "Georganiseerde criminaliteit",
                subject: "de aanpak van georganiseerde criminaliteit",
                nps: &[
                    "de aanpak van drugssmokkel via de havens",
                    "de samenwerking met Europol",
                    "de afpakstrategie voor crimineel vermogen",
                    "de bescherming van kroongetuigen",
                ],
            },
            Topic {
                heading: "Capaciteit bij de politie",
                subject: "de capaciteit van de politie",
                nps: &[
                    "de bezetting van de basisteams",
                    "de werkdruk bij de recherche",
                    "de instroom van nieuwe agenten",
                ],
            },
            Topic {
                heading: "Digitale weerbaarheid",
                subject: "de digitale weerbaarheid",
                nps: &[
                    "de implementatie van de NIS2-richtlijn",
                    "de digitale weerbaarheid van gemeenten",
                    "de meldplicht bij datalekken",
                    "het gebruik van versleutelde communicatie",
                ],
            },
        ],
    },
    Domain {
        orgs: &[
            "de Nederlandse Voedsel- en Warenautoriteit",
            "RVO",
            "LTO Nederland",
            "de Europese Commissie",
        ],
        topics: &[
            Topic {
                heading: "Stikstofreductie",
                subject: "de stikstofreductie",
                nps: &[
                    "de uitkoopregeling voor piekbelasters",
                    "de kritische depositiewaarde",
                    "de vergunningverlening voor PAS-melders",
                ],
            },
            Topic {
                heading: "Mestbeleid",
                subject: "het mestbeleid",
                nps: &[
                    "het verlies van de derogatie",
                    "het nationale mestplafond",
                    "de waterkwaliteit in landbouwgebieden",
                ],
            },
        ],
    },
];

pub const COUNTRIES: &[&str] = &[
    "Denemarken",
    "Italië",
    "Duitsland",
    "België",
    "Polen",
    "Frankrijk",
    "Zweden",
    "Oostenrijk",
    "Spanje",
    "Griekenland",
];

pub const COUNCILS: &[&str] = &[
    "de JBZ-Raad van 13 en 14 oktober 2025",
    "de Europese Raad van 23 en 24 oktober 2025",
    "de Raad Algemene Zaken van 21 oktober 2025",
    "de Energieraad van 20 oktober 2025",
    "de Ecofin-Raad van 10 oktober 2025",
    "de Landbouw- en Visserijraad van 27 oktober 2025",
    "de JBZ-Raad van december",
];

pub const MONTHS: &[&str] = &[
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
];

/// Member openings that start a question block's first paragraph. Each makes the parser's
/// "speaks for the members" rule (FORMAT.md §3.9) attach the paragraph to a new question.
pub const OPENINGS: &[&str] = &[
    "De leden van de {F}-fractie lezen dat {np} {vp}.",
    "De leden van de {F}-fractie hebben kennisgenomen van {np}.",
    "De leden van de {F}-fractie constateren dat {np} {vp}.",
    "De leden van de {F}-fractie vragen hoe {np} zich verhoudt tot {np2}.",
    "De leden van de {F}-fractie vragen de minister nader in te gaan op {np}.",
    "Deze leden hebben enkele vragen over {np}.",
    "Deze leden maken zich zorgen over {np}.",
    "Voorts hebben de aan het woord zijnde leden vragen over {np}.",
    "Voorts vragen deze leden hoe het staat met {np}.",
    "Genoemde leden lezen dat {np} {vp}.",
    "Tenslotte zijn de leden van de {F}-fractie benieuwd naar {np}.",
];

/// Verb phrases after `dat <np>`.
pub const VPS: &[&str] = &[
    "steeds verder onder druk staat",
    "volgens {org} pas in {year} gereed zal zijn",
    "in de afgelopen jaren sterk is toegenomen",
    "een belangrijk onderdeel vormt van de inzet van het kabinet",
    "nog altijd niet volledig is uitgevoerd",
    "volgens de Algemene Rekenkamer onvoldoende is onderbouwd",
    "mede afhankelijk is van de besluitvorming in {council}",
    "in {country} tot aanzienlijk lagere kosten heeft geleid",
    "de komende jaren ongeveer {num} miljoen euro per jaar gaat kosten",
];

/// Context sentences inside a question paragraph, after the opening.
pub const CONTEXT: &[&str] = &[
    "Het kabinet stelt in de brief dat {np} {vp}.",
    "Volgens {org} leidt {np} tot extra druk op {np2}.",
    "Deze leden vinden dit opmerkelijk, aangezien {np} {vp}.",
    "In de brief van {date} ({ref}) staat dat {np} {vp}.",
    "Het gaat daarbij om een bedrag van {num} miljoen euro in {year}.",
    "Zij wijzen erop dat {country} eerder heeft gekozen voor een andere benadering van {np}.",
    "Deze leden begrijpen dat {org} hierover in {month} een advies heeft uitgebracht.",
];

pub const QUESTIONS: &[&str] = &[
    "Kan de minister toelichten hoe {np} zich verhoudt tot {np2}?",
    "Wat is de huidige stand van zaken van {np}?",
    "Hoeveel middelen zijn in {year} beschikbaar voor {np}?",
    "Is de minister bereid de Kamer uiterlijk in {month} {year} te informeren over {np}?",
    "Welke gevolgen heeft {np} voor {np2}?",
    "Kan de minister aangeven welke rol {org} speelt bij {np}?",
    "Deelt de minister de opvatting dat {np} onvoldoende bijdraagt aan {np2}?",
    "Op welke termijn verwacht de minister een besluit van {org} over {np}?",
    "Hoe beoordeelt de minister de inzet van {country} op {np}?",
    "Welke andere lidstaten steunen de Nederlandse inzet op {np}?",
    "Kan de minister de onderliggende stukken over {np} met de Kamer delen?",
    "Waarom heeft het kabinet ervoor gekozen {np} niet eerder aan te pakken?",
    "Wat betekent {np} concreet voor {np2} in Nederland?",
];

pub const FOLLOW_UPS: &[&str] = &[
    "Zo nee, waarom niet?",
    "Zo ja, op welke wijze?",
    "Welke stappen worden daarbij gezet?",
    "Kan de minister dit toelichten?",
    "Welke termijn hanteert de minister daarbij?",
];

/// Answer sentences. None holds a `?` or starts like a member opening, so the parser keeps a
/// multi-paragraph answer together.
pub const ANSWERS: &[&str] = &[
    "Het kabinet hecht groot belang aan {np}.",
    "Nederland zet zich in {council} actief in voor {np}.",
    "Zoals aangegeven in de brief van {date} ({ref}) zet het kabinet in op {np}.",
    "Naar verwachting zal {org} in {month} {year} een besluit nemen over {np}.",
    "Daarbij is {np} voor het kabinet een belangrijke voorwaarde voor {np2}.",
    "Het kabinet kan niet vooruitlopen op de uitkomst van de onderhandelingen over {np}.",
    "Voor {np} is in {year} een bedrag van {num} miljoen euro gereserveerd.",
    "Uw Kamer wordt over {np} via de gebruikelijke kanalen geïnformeerd, zoals de geannoteerde agenda van {council}.",
    "{Org} heeft aangegeven dat {np} {vp}.",
    "De verkenning naar {np} loopt nog; naar verwachting is deze in {month} {year} afgerond.",
    "In {year} ging het om {count} gevallen, tegenover {count2} in het jaar daarvoor.",
    "Het kabinet deelt die opvatting niet, omdat {np} juist bijdraagt aan {np2}.",
    "Het kabinet is daarover in gesprek met {country} en andere gelijkgezinde lidstaten.",
    "Dit is eerder toegelicht in de beantwoording van Kamervragen ({aanhangsel}).",
    "Het kabinet heeft geen inzicht in de termijn waarop {org} een voorstel doet over {np}.",
    "De uitvoering van {np} ligt bij {org}, die daarover periodiek rapporteert.",
    "Om zorgvuldigheid te borgen wacht het kabinet met definitieve uitspraken over {np} tot de resultaten van het onderzoek van {org} bekend zijn.",
];

/// Titles of the letters in the intro's bullet list.
pub const LETTER_TITLES: &[&str] = &[
    "Geannoteerde agenda van {council}",
    "Verslag van {council}",
    "Fiche: EU-steun voor {np}",
    "Antwoorden op vragen commissie over {np}",
    "Kabinetsreactie op het rapport van {org} over {np}",
    "Voortgangsbrief over {np}",
];

pub const CHAIRS: &[&str] = &[
    "Vijlbrief",
    "Paternotte",
    "Van der Plas",
    "Bosma",
    "Kops",
    "Klaver",
];
pub const GRIFFIERS: &[&str] = &["Burger", "De Vos", "Van Toor", "Meijer", "Hessing-Puts"];

/// Dossier line, committee, minister: the header of a generated VSO.
pub const DOSSIERS: &[(&str, &str, &str)] = &[
    (
        "32317\t\tJBZ-Raad (vreemdelingen- en asielbeleid)",
        "Asiel en Migratie",
        "de minister van Asiel en Migratie",
    ),
    (
        "21501-20\t\tEuropese Raad",
        "Europese Zaken",
        "de minister van Buitenlandse Zaken",
    ),
    (
        "21501-33\t\tRaad voor Vervoer, Telecommunicatie en Energie",
        "Klimaat en Groene Groei",
        "de minister van Klimaat en Groene Groei",
    ),
    (
        "32847\t\tIntegrale visie op de woningmarkt",
        "Volkshuisvesting en Ruimtelijke Ordening",
        "de minister van Volkshuisvesting en Ruimtelijke Ordening",
    ),
];
