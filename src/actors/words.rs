//! The word lists the rules read: titles, organisation words, particles, time words, and the
//! nouns that describe people and bodies; with the small predicates on single words.

use crate::text::Token;

/// Words that introduce a person's name ("Foreign Minister Sergei Lavrov", "spokesman Dmitry Peskov").
pub(super) const TITLE_HEADS: &[&str] = &[
    "President",
    "president",
    "Minister",
    "minister",
    "Secretary",
    "secretary",
    "Chancellor",
    "Premier",
    "Ambassador",
    "ambassador",
    "Envoy",
    "envoy",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "Spokesman",
    "Spokeswoman",
    "Spokesperson",
    "Senator",
    "Sen",
    "Gen",
    "General",
    "Adm",
    "Admiral",
    "Col",
    "Colonel",
    "Lt",
    "Maj",
    "Capt",
    "Gov",
    "Governor",
    "Mayor",
    "Judge",
    "Justice",
    "Prosecutor",
    "prosecutor",
    "Commissioner",
    "commissioner",
    "Director",
    "director",
    "Chairman",
    "chairman",
    "Chairwoman",
    "chairwoman",
    "Chair",
    "Chief",
    "chief",
    "CEO",
    "Dr",
    "Mr",
    "Mrs",
    "Ms",
    "Prof",
    "King",
    "Queen",
    "Prince",
    "Princess",
    "Sheikh",
    "Emir",
    "Rep",
    "MP",
    "lawmaker",
    "counterpart",
    "Pope",
    "Speaker",
    "Rapporteur",
    "rapporteur",
    "Inspector",
    "Commander",
    "commander",
    "leader",
    "Leader",
    "Representative",
    "representative",
    "Attorney",
    "Auditor",
    "auditor",
    "Ombudsman",
    "ombudsman",
    "coach",
    "Coach",
    "captain",
    "Captain",
    "executive",
    "Vice",
    "Deputy",
    "Premier",
    "Advocate",
    "senator",
    "manager",
    "candidate",
    "lawyer",
    "activist",
    "editor",
    "governor",
    "mayor",
    "Permanent",
    "Representative",
    "founder",
    "Founder",
    "chairperson",
    "Chairperson",
    "Sheriff",
    "sheriff",
    "Assemblywoman",
    "Assemblyman",
    "Congresswoman",
    "Congressman",
    "Councillor",
    "councillor",
    "Comptroller",
    "comptroller",
    "Archbishop",
    "Bishop",
    "Cardinal",
    "head",
    "coordinator",
    "MEP",
    "Amb",
];

/// Verbs of speech that follow a speaker's name: "Maria Santos said…".
pub(super) const SPEECH_VERBS: &[&str] = &[
    "said", "told", "says", "added", "stressed", "insisted", "warned",
];

/// Words that may continue a title before the name ("Secretary of State", "Secretary-General").
pub(super) const TITLE_CONTINUATIONS: &[&str] = &[
    "of",
    "for",
    "General",
    "general",
    "State",
    "Foreign",
    "Affairs",
    "Defence",
    "Defense",
    "Interior",
    "Justice",
    "Health",
    "Finance",
    "Economy",
    "Trade",
    "Energy",
    "Environment",
    "Transport",
    "Security",
    "Executive",
    "Prime",
    "Minister",
    "minister",
    "Deputy",
    "deputy",
    "President",
    "Attorney",
    "Special",
    "special",
    "Chief",
    "chief",
    "Officer",
    "officer",
    "Home",
    "Sports",
    "Sport",
    "Labour",
    "Labor",
    "Public",
    "Prosecutor",
];

/// Capitalised words that are never a name, besides the sentence starters of [`crate::text`].
pub(super) const NOT_NAMES: &[&str] = &[
    "As",
    "Foreign",
    "Ministry",
    "Office",
    "Department",
    "Government",
    "Council",
    "Commission",
    "Committee",
];

/// Days and months: they end a name ("the Electoral Tribunal on Monday").
pub(super) const TIME_WORDS: &[&str] = &[
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Lower-case particles inside names: "Pieter van Dam", "Villa del Remanso Neighbors Association".
pub(super) const NAME_PARTICLES: &[&str] = &[
    "van", "von", "der", "den", "de", "del", "della", "la", "las", "los", "da", "do", "dos", "di",
    "du", "des", "al", "el", "bin", "ibn",
];

/// Whether a capitalised word can never be part of a name.
pub(super) fn never_a_name(t: &str) -> bool {
    NOT_NAMES.contains(&t) || TIME_WORDS.contains(&t) || crate::text::SENTENCE_STARTERS.contains(&t)
}

/// Last words of an organisation's name ("Northwind Airlines", "National Electoral Commission").
pub(super) const ORG_HEADS: &[&str] = &[
    "Ministry",
    "Commission",
    "Council",
    "Committee",
    "Party",
    "Bank",
    "Airlines",
    "Airways",
    "Agency",
    "Authority",
    "Court",
    "Parliament",
    "Assembly",
    "Union",
    "Group",
    "Company",
    "Corporation",
    "Corp",
    "Inc",
    "Ltd",
    "Federation",
    "Association",
    "Board",
    "Office",
    "Department",
    "Service",
    "Police",
    "Army",
    "Institute",
    "Foundation",
    "Front",
    "Movement",
    "Congress",
    "Senate",
    "Tribunal",
    "Bureau",
    "Organization",
    "Organisation",
    "Network",
    "Watch",
    "Coalition",
    "Fund",
    "Society",
    "Forces",
    "Guard",
    "Directorate",
    "Inspectorate",
    "Regulator",
    "Holdings",
    "Energy",
    "Petroleum",
    "Railways",
    "Motors",
    "Pharma",
    "Bloc",
    "League",
    "Alliance",
    "Center",
    "Centre",
    "Cabinet",
    "Government",
    "Duma",
    "Community",
    "Forum",
    "Greens",
    "Centres",
    "Mounted",
    "Knesset",
    "Bundestag",
    "Chamber",
    "Mission",
    "Program",
    "Programme",
];

/// Pronouns that point back to the last person named.
pub(super) const PRONOUNS: &[&str] = &["He", "She", "he", "she"];

/// A particle inside a name ("van" in "Pieter van Dam"): followed by a name word.
pub(super) fn is_name_particle(tokens: &[Token], k: usize) -> bool {
    NAME_PARTICLES.contains(&tokens[k].text) && k + 1 < tokens.len() && name_at(tokens, k + 1)
}

/// Whether token `k` can be part of a person's name: a [`name_token`], or any capitalised
/// word but an organisation's after a particle ("Sheikh" in "Hussein al-Sheikh").
pub(super) fn name_at(tokens: &[Token], k: usize) -> bool {
    let t = tokens[k].text;
    name_token(t)
        || k > 0
            && NAME_PARTICLES.contains(&tokens[k - 1].text)
            && is_capitalised(t)
            && !never_a_name(t)
            && !ORG_HEADS.contains(&t)
}

/// A capitalised word with at least one lower-case letter ("Lavrov", not "UN" or "lavrov").
pub(super) fn is_capitalised(t: &str) -> bool {
    let mut chars = t.chars();
    chars.next().is_some_and(char::is_uppercase) && chars.any(char::is_lowercase)
}

/// A token that can be part of a person's name: capitalised, not a title or function word,
/// not a possessive ("General's").
pub(super) fn name_token(t: &str) -> bool {
    is_capitalised(t)
        && !never_a_name(t)
        && !TITLE_HEADS.contains(&t)
        && !ORG_HEADS.contains(&t)
        && !t.ends_with("'s")
        && !t.ends_with("’s")
}

/// Company suffixes a later mention may drop ("Baitarani Ferro Minerals Ltd").
pub(super) const COMPANY_SUFFIXES: &[&str] = &[
    "Ltd", "Limited", "Inc", "Corp", "Co", "PLC", "Plc", "LLC", "S.A", "SA", "AG", "GmbH", "NV",
    "BV", "Group", "Holdings",
];

/// Nouns that describe a person in an appositive: "Marek Lis, a lawyer for the coach".
pub(super) const PERSON_NOUNS: &[&str] = &[
    "lawyer",
    "attorney",
    "lawmaker",
    "legislator",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "minister",
    "director",
    "head",
    "chief",
    "former",
    "official",
    "member",
    "leader",
    "president",
    "chairman",
    "chairwoman",
    "chair",
    "secretary",
    "envoy",
    "ambassador",
    "professor",
    "activist",
    "mother",
    "father",
    "son",
    "daughter",
    "wife",
    "husband",
    "widow",
    "brother",
    "sister",
    "candidate",
    "principal",
    "researcher",
    "doctor",
    "nurse",
    "journalist",
    "reporter",
    "editor",
    "manager",
    "commander",
    "executive",
    "founder",
    "coordinator",
    "adviser",
    "advisor",
    "analyst",
    "economist",
    "prosecutor",
    "judge",
    "mayor",
    "governor",
    "senator",
    "deputy",
    "survivor",
    "resident",
    "farmer",
    "owner",
    "student",
    "teacher",
];

/// Last words of government bodies that speak for their country ("the Chinese Foreign Ministry").
pub(super) const GOVERNMENT_HEADS: &[&str] = &[
    "Ministry",
    "Government",
    "Cabinet",
    "Embassy",
    "Office",
    "Presidency",
    "Mission",
    "Department",
];

/// Lower-case nouns for bodies that act on their own account, not for their country's
/// government: "the Kenyan parliament", "Dutch privacy watchdog", "Czech prosecutors"
/// ("commission" only after a [`BODY_MODIFIERS`] word: a government sets up commissions too).
pub(super) const INDEPENDENT_BODIES: &[&str] = &[
    "parliament",
    "lawmakers",
    "legislators",
    "legislature",
    "court",
    "courts",
    "judge",
    "judges",
    "prosecutor",
    "prosecutors",
    "police",
    "regulator",
    "watchdog",
    "ombudsman",
    "auditor",
    "auditors",
    "coroner",
    "media",
    "commission",
];

/// One modifier a [`INDEPENDENT_BODIES`] noun may take: "Dutch privacy watchdog", "Iraq's
/// electoral commission". Anything else after a country ("Kenya said police…") is no body.
pub(super) const BODY_MODIFIERS: &[&str] = &[
    "privacy",
    "data",
    "competition",
    "supreme",
    "constitutional",
    "electoral",
    "election",
    "federal",
    "state",
    "public",
    "national",
    "anti-corruption",
    "human-rights",
    "rights",
];
