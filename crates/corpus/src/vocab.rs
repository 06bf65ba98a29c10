//! Word lists the generator composes letters from. All text here is written
//! for this project; body names follow `rules/bodies.tsv`.

/// A body: canonical name (as in `rules/bodies.tsv`) and names it may be
/// printed as in running text.
#[derive(Clone, Copy, Debug)]
pub struct Body {
    /// Canonical name, as gold records carry it.
    pub name: &'static str,
    /// Aliases that may be printed instead (all listed in `bodies.tsv`).
    pub aliases: &'static [&'static str],
}

const fn b(name: &'static str, aliases: &'static [&'static str]) -> Body {
    Body { name, aliases }
}

/// A ministry that issues letters: body, short tag for `Avd.XX:`, and the
/// chapter range of its budget.
#[derive(Clone, Copy, Debug)]
pub struct Ministry {
    /// The ministry.
    pub body: Body,
    /// The short tag printed in owner units (`Avd.HOD:`).
    pub tag: &'static str,
    /// First budget chapter of the ministry.
    pub chapter: u32,
    /// Ministry unit tags (avdelinger).
    pub units: &'static [&'static str],
}

/// Issuing ministries.
pub const MINISTRIES: &[Ministry] = &[
    Ministry {
        body: b("Helse- og omsorgsdepartementet", &["HOD"]),
        tag: "HOD",
        chapter: 700,
        units: &["FHA", "SHA", "KTA", "ADA", "EHE", "BPA", "PMA"],
    },
    Ministry {
        body: b("Kunnskapsdepartementet", &["KD"]),
        tag: "KD",
        chapter: 220,
        units: &["BHA", "UHA", "KOMP", "FIN"],
    },
    Ministry {
        body: b("Arbeids- og inkluderingsdepartementet", &["AID"]),
        tag: "AID",
        chapter: 600,
        units: &["AMA", "ILA", "PEA", "IMA"],
    },
    Ministry {
        body: b("Justis- og beredskapsdepartementet", &["JD"]),
        tag: "JD",
        chapter: 430,
        units: &["BRA", "KRA", "POA", "SIKA"],
    },
    Ministry {
        body: b("Digitaliserings- og forvaltningsdepartementet", &["DFD"]),
        tag: "DFD",
        chapter: 540,
        units: &["DIA", "FEA", "STA"],
    },
];

/// A recipient: the body, which ministry (index into [`MINISTRIES`]) writes
/// to it, and how the letter refers to it in short.
#[derive(Clone, Copy, Debug)]
pub struct Recipient {
    /// The body.
    pub body: Body,
    /// Index of the parent ministry in [`MINISTRIES`].
    pub ministry: usize,
    /// The common noun the letter uses for it ("direktoratet").
    pub noun: &'static str,
}

/// Bodies that receive letters.
pub const RECIPIENTS: &[Recipient] = &[
    Recipient {
        body: b("Helsedirektoratet", &["Hdir"]),
        ministry: 0,
        noun: "direktoratet",
    },
    Recipient {
        body: b("Folkehelseinstituttet", &["FHI"]),
        ministry: 0,
        noun: "instituttet",
    },
    Recipient {
        body: b("Direktoratet for medisinske produkter", &["DMP"]),
        ministry: 0,
        noun: "direktoratet",
    },
    Recipient {
        body: b("Statens helsetilsyn", &["Helsetilsynet"]),
        ministry: 0,
        noun: "tilsynet",
    },
    Recipient {
        body: b("Norsk helsenett SF", &["NHN"]),
        ministry: 0,
        noun: "foretaket",
    },
    Recipient {
        body: b("Helfo", &[]),
        ministry: 0,
        noun: "etaten",
    },
    Recipient {
        body: b("Direktoratet for strålevern og atomsikkerhet", &["DSA"]),
        ministry: 0,
        noun: "direktoratet",
    },
    Recipient {
        body: b("Utdanningsdirektoratet", &["Udir"]),
        ministry: 1,
        noun: "direktoratet",
    },
    Recipient {
        body: b(
            "Direktoratet for høyere utdanning og kompetanse",
            &["HK-dir"],
        ),
        ministry: 1,
        noun: "direktoratet",
    },
    Recipient {
        body: b("Arbeids- og velferdsdirektoratet", &["NAV"]),
        ministry: 2,
        noun: "direktoratet",
    },
    Recipient {
        body: b("Integrerings- og mangfoldsdirektoratet", &["IMDi"]),
        ministry: 2,
        noun: "direktoratet",
    },
    Recipient {
        body: b("Direktoratet for samfunnssikkerhet og beredskap", &["DSB"]),
        ministry: 3,
        noun: "direktoratet",
    },
    Recipient {
        body: b("Kriminalomsorgsdirektoratet", &["KDI"]),
        ministry: 3,
        noun: "direktoratet",
    },
    Recipient {
        body: b("Digitaliseringsdirektoratet", &["Digdir"]),
        ministry: 4,
        noun: "direktoratet",
    },
];

/// Bodies that may be named as partners in assignments.
pub const PARTNERS: &[Body] = &[
    b("Helsedirektoratet", &["Hdir"]),
    b("Folkehelseinstituttet", &["FHI"]),
    b("Direktoratet for medisinske produkter", &["DMP"]),
    b("Statens helsetilsyn", &["Helsetilsynet"]),
    b("Utdanningsdirektoratet", &["Udir"]),
    b("Barne-, ungdoms- og familiedirektoratet", &["Bufdir"]),
    b("Integrerings- og mangfoldsdirektoratet", &["IMDi"]),
    b("Digitaliseringsdirektoratet", &["Digdir"]),
    b("Arbeids- og velferdsdirektoratet", &["NAV"]),
    b("Direktoratet for samfunnssikkerhet og beredskap", &["DSB"]),
    b("Statistisk sentralbyrå", &["SSB"]),
    b("Norsk helsenett SF", &["NHN"]),
    b(
        "Regionale helseforetak",
        &["de regionale helseforetakene", "RHF-ene"],
    ),
    b("KS", &[]),
    b("Den norske legeforening", &["Legeforeningen"]),
    b("Norsk Sykepleierforbund", &["NSF"]),
    b("Standard Norge", &[]),
    b("Norges forskningsråd", &["Forskningsrådet"]),
    b("Husbanken", &[]),
    b("Politidirektoratet", &["POD"]),
    b("Mattilsynet", &[]),
    b("Datatilsynet", &[]),
    b("Verdens helseorganisasjon", &["WHO"]),
    b("Statsforvalteren", &["statsforvalterne"]),
    b("Sykehusinnkjøp HF", &[]),
    b("Nasjonalt klageorgan for helsetjenesten", &["Helseklage"]),
    b("Kriminalomsorgsdirektoratet", &["KDI"]),
    b(
        "Direktoratet for høyere utdanning og kompetanse",
        &["HK-dir"],
    ),
];

/// Councils, groups and initiatives that mandates are written for.
pub const MANDATE_BODIES: &[Body] = &[
    b("Nasjonalt e-helseråd", &["E-helserådet"]),
    b(
        "Nasjonalt utvalg for prioritering og innføring av e-helse",
        &["NUIT"],
    ),
    b("Nasjonalt fagutvalg for e-helse", &["NUFA"]),
    b(
        "Nasjonalt strategiråd for digitalisering i helse- og omsorgssektoren",
        &["Strategirådet"],
    ),
    b(
        "Nasjonalt porteføljeråd for digitalisering i helse- og omsorgssektoren",
        &["Porteføljerådet"],
    ),
    b(
        "Nasjonalt fagråd for digitalisering i helse- og omsorgssektoren",
        &["Fagrådet"],
    ),
    b(
        "Standardiseringsutvalget for internasjonale e-helsestandarder",
        &[],
    ),
    b(
        "Styringsgruppen for Nasjonalt senter for e-helseforskning",
        &["Styringsgruppen for NSE"],
    ),
    b("Digitalt helsekort for gravide", &[]),
    b("Pasientens legemiddelliste", &["PLL"]),
    b("Pasientens prøvesvar", &[]),
    b("Pasientens måledata", &[]),
];

/// Bodies that can be members of a mandated council.
pub const MEMBERS: &[Body] = &[
    b("Kommuner", &[]),
    b("KS", &[]),
    b("Regionale helseforetak", &["De regionale helseforetakene"]),
    b("Helsedirektoratet", &[]),
    b("Folkehelseinstituttet", &["FHI"]),
    b("Direktoratet for medisinske produkter", &[]),
    b("Digitaliseringsdirektoratet", &["Digdir"]),
    b("Pasient- og brukerforeninger", &[]),
    b("Den norske legeforening", &["Legeforeningen"]),
    b("Norsk Sykepleierforbund", &[]),
    b("Norsk helsenett SF", &[]),
    b("Statens helsetilsyn", &["Helsetilsynet"]),
    b("Arbeids- og velferdsdirektoratet", &["NAV"]),
    b("Norges forskningsråd", &["Forskningsrådet"]),
];

/// Norwegian month names, January first.
pub const MONTHS: [&str; 12] = [
    "januar",
    "februar",
    "mars",
    "april",
    "mai",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "desember",
];

/// Number words for seat counts and meeting counts, index = value.
pub const NUMBER_WORDS: [&str; 13] = [
    "null", "en", "to", "tre", "fire", "fem", "seks", "sju", "åtte", "ni", "ti", "elleve", "tolv",
];

/// Policy areas that give the subsections of chapter 2 their names.
pub const AREAS: &[&str] = &[
    "Folkehelse",
    "Helse- og omsorgstjenester",
    "Beredskap og sikkerhet",
    "Kompetanse og personell",
    "Digitalisering og datadeling",
    "Finansiering og styringsinformasjon",
    "Kunnskapsgrunnlag og analyse",
    "Internasjonalt samarbeid",
    "Regelverk og tilsyn",
    "Brukerrettede tjenester",
    "Forvaltning og drift",
    "Inkludering og likeverd",
];

/// Nouns that open assignment titles.
pub const TITLE_HEADS: &[&str] = &[
    "Utredning av",
    "Oppfølging av",
    "Evaluering av",
    "Kartlegging av",
    "Forslag til endringer i",
    "Revisjon av",
    "Videreutvikling av",
    "Innføring av",
    "Kunnskapsgrunnlag om",
    "Veileder om",
    "Pilotering av",
    "Analyse av",
    "Styrket arbeid med",
    "Nasjonal plan for",
];

/// Topics of assignments (after a title head or a verb).
pub const TOPICS: &[&str] = &[
    "kompetanseløftet i den kommunale helse- og omsorgstjenesten",
    "tiltak mot ensomhet blant eldre",
    "kvalitetsindikatorer for rehabilitering",
    "rekruttering av fagfolk i distriktene",
    "informasjonssikkerhet i mindre virksomheter",
    "ordningen med fritt behandlingsvalg",
    "statistikk over ventetider og fristbrudd",
    "tilgang til kvalifiserte tolker",
    "kostrådene og arbeidet med sunt kosthold",
    "klimatilpasning i sektoren",
    "forebygging av vold i nære relasjoner",
    "bruk av kunstig intelligens i offentlige tjenester",
    "universell utforming av digitale tjenester",
    "arkivering og dokumentasjonsforvaltning",
    "samordnet tilsyn med barnehager og skoler",
    "kvaliteten i fagskoleutdanningene",
    "introduksjonsprogrammet for nyankomne flyktninger",
    "tiltak for økt sysselsetting blant unge voksne",
    "nasjonal statistikk over branner og ulykker",
    "robusthet i nød- og beredskapskommunikasjon",
    "nasjonale felleskomponenter for deling av helseopplysninger",
    "registerforvaltning og tilgang til helsedata",
    "ventetider i spesialisthelsetjenesten",
    "tilskuddsordningen for frivillige organisasjoner",
    "oppfølging av barn i lavinntektsfamilier",
    "legemiddelberedskap og forsyningssikkerhet",
    "tannhelsetjenester til prioriterte grupper",
    "digitale hjemmeoppfølgingstjenester",
    "arbeidsrettet rehabilitering",
    "norskopplæring for voksne innvandrere",
    "læremiddelsituasjonen i grunnopplæringen",
    "samarbeid mellom politi og kommuner om forebygging",
    "tilbakeføring etter endt soning",
    "fellesløsninger for innbyggerdialog",
    "strålevern ved bruk av medisinsk utstyr",
    "vaksinasjonsdekning i barnevaksinasjonsprogrammet",
    "oppfølging av den nasjonale alkoholstrategien",
    "helsekompetanse i befolkningen",
    "økonomiske insentiver for samhandling",
    "sikker identitetsforvaltning i forvaltningen",
];

/// Infinitive verb phrases for "X skal ...".
pub const VERBS: &[&str] = &[
    "utrede",
    "kartlegge",
    "vurdere",
    "utarbeide forslag til",
    "følge opp",
    "gjennomgå",
    "videreutvikle",
    "evaluere",
    "beskrive status for",
    "oppsummere kunnskapen om",
    "utvikle en plan for",
    "foreslå tiltak for å styrke",
];

/// Neutral sentences that fill assignment texts.
pub const FILLERS: &[&str] = &[
    "Arbeidet skal ta utgangspunkt i eksisterende kunnskap og erfaringer fra tidligere tiltak.",
    "Det skal legges vekt på brukerperspektivet og på konsekvenser for kommunene.",
    "Oppdraget må ses i sammenheng med pågående arbeid på området.",
    "Rapporten skal inneholde en vurdering av økonomiske og administrative konsekvenser.",
    "Departementet skal holdes orientert om fremdriften i arbeidet.",
    "Eventuelle forslag til regelendringer skal utredes i tråd med utredningsinstruksen.",
    "Vurderingen skal omfatte både kortsiktige og langsiktige tiltak.",
    "Relevante fagmiljøer og brukerrepresentanter bør trekkes inn der det er naturlig.",
    "Leveransen skal være egnet for publisering.",
    "Det bes om at anbefalingene prioriteres og kostnadsberegnes.",
    "Oppdraget skal gjennomføres innenfor gjeldende budsjettrammer.",
    "Erfaringer fra andre nordiske land skal inngå i kunnskapsgrunnlaget.",
];

/// Sub-assignment item texts (after a label such as "a)").
pub const SUBTASKS: &[&str] = &[
    "Beskrive dagens situasjon og utfordringer på området",
    "Utrede alternative modeller for organisering og finansiering",
    "Foreslå konkrete tiltak med anslag over kostnader",
    "Vurdere behovet for endringer i lov og forskrift",
    "Utarbeide et opplegg for evaluering av tiltakene",
    "Beskrive hvordan arbeidet kan følges opp regionalt og lokalt",
    "Lage en plan for kommunikasjon og informasjon til målgruppene",
    "Vurdere konsekvenser for personvern og informasjonssikkerhet",
    "Oppsummere relevant forskning og internasjonale erfaringer",
];

/// Names of budget posts by post number.
pub const POSTS: &[(u32, &str)] = &[
    (1, "Driftsutgifter"),
    (21, "Spesielle driftsutgifter"),
    (
        21,
        "Spesielle driftsutgifter, kan overføres, kan nyttes under post 70",
    ),
    (
        45,
        "Større utstyrsanskaffelser og vedlikehold, kan overføres",
    ),
    (60, "Tilskudd til kommuner"),
    (70, "Tilskudd, kan nyttes under post 21"),
    (71, "Tilskudd til frivillige organisasjoner"),
    (72, "Tilskudd til utviklingstiltak"),
    (74, "Tilskudd til forskning og kunnskapsutvikling"),
    (79, "Tilskudd til prosjekter, kan overføres"),
];

/// Comments for budget rows.
pub const BUDGET_COMMENTS: &[&str] = &[
    "Drift av virksomheten",
    "Øvrige oppgaver innen digitalisering",
    "Midler til oppfølging av handlingsplanen",
    "Forvaltning av tilskuddsordningen",
    "Videreføring av tiltak fra tidligere år",
    "Herav 2 mill. kr til evaluering av ordningen",
    "Midlene skal dekke utvikling og forvaltning av felles løsninger",
    "Kompetansetiltak i kommunene",
    "Tilskudd til frivillige organisasjoner etter søknad",
    "Engangsbevilgning",
];

/// Rows of a steering calendar.
pub const CALENDAR_ITEMS: &[&str] = &[
    "Rapportering av regnskapsresultat til statsregnskapet",
    "Innspill til revidert nasjonalbudsjett",
    "Årsrapport med årsregnskap sendes departementet",
    "Etatsstyringsmøte",
    "Budsjettforslag for neste år, med prioriterte satsingsforslag",
    "Oversikt over disponering av tilskuddsmidler",
    "Innspill til omgrupperingsproposisjonen",
    "Halvårsrapport med prognose for resten av året",
    "Risikovurdering for virksomhetens måloppnåelse",
    "Rapport om status for tildelte oppdrag",
    "Innspill til tildelingsbrevet for neste år",
    "Faglig møte om oppfølging av styringsparametere",
];

/// Task sentences of mandates.
pub const MANDATE_TASKS: &[&str] = &[
    "gi råd om prioritering av felles tiltak og utviklingsretning",
    "drøfte forslag til endringer i finansieringsmodeller og rammebetingelser",
    "følge med på gjennomføringen av vedtatte planer og gi anbefalinger ved avvik",
    "bidra til forankring av felles løsninger hos egne medlemmer",
    "vurdere behovet for felles standarder og anbefale hvilke som skal tas i bruk",
    "gi innspill til departementets arbeid med strategier og handlingsplaner",
    "sikre at erfaringer fra tjenestene blir brukt i videre utvikling",
    "avgi en årlig rapport om arbeidet til oppdragsgiver",
];

/// Background sentences of mandates and letters.
pub const BACKGROUND: &[&str] = &[
    "Formålet er å samle de sentrale aktørene om felles behov, mål og innsats.",
    "Organet har en rådgivende funksjon og endrer ikke etablerte styringslinjer.",
    "Aktørene er representert på ledernivå og skal kunne forplikte egen virksomhet.",
    "Arbeidet skal bidra til bedre samordning og mer effektiv ressursbruk.",
    "Mandatet skal vurderes på nytt ved vesentlige endringer i organiseringen av sektoren.",
];
