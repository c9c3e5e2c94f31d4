//! The actor tracker: finds the actors of one sentence after another by running the rules in a
//! fixed order, and remembers them across the article (surnames, acronyms, the last person
//! named) so later mentions resolve to the same actor.

use super::apposition::{
    bare_names, opens_a_speaking_name, speaks_or_is_described, untitled_speakers,
};
use super::collectives::BLOCS;
use super::coordination::{ListedPerson, listed_people, party_code};
use super::datelines::mask_dateline;
use super::demonyms::{is_a_location, looks_like_a_city};
use super::dictionary::{ActorKind, Dictionary};
use super::headlines::is_title_case;
use super::modifiers::{TitleBody, body_in_title, modifies_what_follows};
use super::names::{same_given_name, surnames, without_middle_initials};
use super::organisations::{
    bracketed_acronym, initials, is_government_body, is_news_agency, names_a_thing,
    names_independent_body, names_private_people, organisation_names, owner_after_of,
};
use super::pronouns::pronoun_subject;
use super::span::{Span, is_word_boundary, overlaps, strictly_inside};
use super::titles::{TitledName, titled_names};
use super::words::{COMPANY_SUFFIXES, name_token, never_a_name};
use crate::text::{Token, tokenize};

mod groups;
mod quotes;
use serde::Serialize;
use std::borrow::Cow;
use std::collections::HashMap;

/// An actor found in an article, with every surface form it was named by.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FoundActor {
    /// Canonical name.
    pub canonical: String,
    /// Kind of actor.
    pub kind: ActorKind,
    /// Whom the actor speaks for, if known.
    pub affiliation: Option<String>,
    /// Surface forms as written, in order of first appearance.
    pub mentions: Vec<String>,
}

/// One mention of an actor in a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    /// Byte range within the sentence.
    pub span: Span,
    /// Index into [`ActorTracker::actors`].
    pub actor: usize,
    /// True when the mention is a pronoun resolved to the last person named.
    pub pronoun: bool,
}

impl Mention {
    /// A mention by name (not a pronoun).
    fn named(span: Span, actor: usize) -> Self {
        Mention {
            span,
            actor,
            pronoun: false,
        }
    }
}

/// Whether any mention already found overlaps `span`.
fn taken(found: &[Mention], span: &Span) -> bool {
    found.iter().any(|m| overlaps(&m.span, span))
}

/// Finds actors sentence by sentence and remembers them across one article.
#[derive(Debug)]
pub struct ActorTracker<'d> {
    dict: &'d Dictionary,
    /// Every actor found so far, in order of first mention.
    pub actors: Vec<FoundActor>,
    by_canonical: HashMap<String, usize>,
    by_surname: HashMap<String, usize>,
    /// Acronyms given in brackets after a name, for later mentions.
    by_acronym: HashMap<String, usize>,
    /// Organisations by the initials of their names ("USADA"), first named first.
    by_initials: HashMap<String, usize>,
    last_person: Option<usize>,
    /// Who spoke last, while a quotation may still go on ([`quotes`]).
    last_speaker: Option<usize>,
    /// The last bloc of states named ("EU"), for "the bloc".
    last_bloc: Option<usize>,
    /// Names seen without a title or verb, by their last word, in case that word later speaks.
    bare_names: HashMap<String, String>,
    /// Whether the sentence being read is a headline in title case.
    headline: bool,
}

impl<'d> ActorTracker<'d> {
    /// A tracker for a new article.
    pub fn new(dict: &'d Dictionary) -> Self {
        ActorTracker {
            dict,
            actors: Vec::new(),
            by_canonical: HashMap::new(),
            by_surname: HashMap::new(),
            by_acronym: HashMap::new(),
            by_initials: HashMap::new(),
            last_person: None,
            last_speaker: None,
            last_bloc: None,
            bare_names: HashMap::new(),
            headline: false,
        }
    }

    fn register(
        &mut self,
        canonical: &str,
        kind: ActorKind,
        affiliation: Option<String>,
        surface: &str,
    ) -> usize {
        let id = match self.by_canonical.get(canonical) {
            Some(&id) => id,
            None => {
                self.actors.push(FoundActor {
                    canonical: canonical.to_string(),
                    kind,
                    affiliation: affiliation.clone(),
                    mentions: Vec::new(),
                });
                let id = self.actors.len() - 1;
                self.by_canonical.insert(canonical.to_string(), id);
                id
            }
        };
        let actor = &mut self.actors[id];
        if actor.affiliation.is_none() {
            actor.affiliation = affiliation;
        }
        if !actor.mentions.iter().any(|m| m == surface) {
            actor.mentions.push(surface.to_string());
        }
        if kind == ActorKind::Organisation {
            let acronym = initials(canonical);
            if acronym.len() >= 3 {
                self.by_initials.entry(acronym).or_insert(id);
            }
        }
        if kind == ActorKind::Person {
            // The latest person named by a surname takes it ("Saad Hariri" after "Rafiq
            // Hariri"), and each family name of a long name is one ("Lam" of "Carrie Lam
            // Cheng Yuet-ngor").
            for surname in surnames(canonical) {
                self.by_surname.insert(surname.to_string(), id);
            }
        }
        id
    }

    /// Whether a rule may name a new actor `canonical` in this sentence: not in a title-case
    /// headline, where every word is capitalised, unless the article has named it before.
    fn may_name(&self, canonical: &str) -> bool {
        !self.headline || self.by_canonical.contains_key(canonical)
    }

    /// The body named earlier in the article of which `name` is a shorter form: "Baitarani
    /// Ferro Minerals" after "Baitarani Ferro Minerals Ltd".
    /// Only a company suffix may be dropped: "Supreme Court" is not "Supreme Court Bar
    /// Association".
    fn earlier_body(&self, name: &str) -> Option<String> {
        self.actors
            .iter()
            .find(|a| {
                a.kind == ActorKind::Organisation
                    && a.canonical.strip_prefix(name).is_some_and(|tail| {
                        tail.strip_prefix(' ')
                            .is_some_and(|t| COMPANY_SUFFIXES.contains(&t.trim_end_matches('.')))
                    })
            })
            .map(|a| a.canonical.clone())
    }

    /// The canonical name of a person named `name`: the person already named with the same
    /// surname, else the name itself. A person first named by surname alone ("MP Okafor")
    /// takes the full name when it comes ("Lena Okafor").
    /// A middle initial is no part of the canonical name ("Vitaly I. Churkin" is "Vitaly
    /// Churkin"); a different given name makes a different person ("Saad Hariri" is not
    /// "Rafiq Hariri").
    fn person_canonical(&mut self, name: &str) -> String {
        let name = without_middle_initials(name);
        let Some(&id) = name
            .split_whitespace()
            .last()
            .and_then(|s| self.by_surname.get(s))
        else {
            return name;
        };
        let known = &self.actors[id].canonical;
        if !known.contains(' ') && name.contains(' ') && name.ends_with(known.as_str()) {
            self.by_canonical.remove(known);
            self.by_canonical.insert(name.clone(), id);
            self.actors[id].canonical = name;
        } else if name.contains(' ') && !same_given_name(known, &name) {
            return name;
        }
        self.actors[id].canonical.clone()
    }

    /// Whom a person described right after the name speaks for: the first country or
    /// organisation named in the description ("Lea Berg, Austria's interior minister,").
    fn described_affiliation(
        &self,
        sentence: &str,
        name: &Span,
        found: &[Mention],
    ) -> Option<String> {
        let rest = &sentence[name.end..];
        let description = rest.strip_prefix(',')?;
        let end = name.end + 1 + description.find(',').unwrap_or(description.len());
        found
            .iter()
            .filter(|m| name.end < m.span.start && m.span.end <= end && !m.pronoun)
            .map(|m| &self.actors[m.actor])
            .find(|a| a.kind != ActorKind::Person)
            .map(|a| a.canonical.clone())
    }

    /// Finds the actors named in `sentence` (the next sentence of the article).
    ///
    /// ```
    /// let dict = stance::actors::Dictionary::builtin().unwrap();
    /// let mut tracker = stance::actors::ActorTracker::new(&dict);
    /// let m = tracker.find("Moscow backed the inquiry proposed by Foreign Minister Ana Ruiz.");
    /// let names: Vec<_> = m.iter().map(|m| tracker.actors[m.actor].canonical.as_str()).collect();
    /// assert_eq!(names, ["Russia", "Ana Ruiz"]);
    /// ```
    pub fn find(&mut self, sentence: &str) -> Vec<Mention> {
        let masked = self.without_dateline(sentence);
        let sentence: &str = &masked;
        let tokens = tokenize(sentence);
        self.headline = is_title_case(&tokens);
        let mut found: Vec<Mention> = Vec::new();
        let mut dict_hits = self.dict.matches(sentence);
        self.add_listed_people(sentence, &tokens, &mut dict_hits, &mut found);
        self.add_titled_people(sentence, &tokens, &mut dict_hits, &mut found);
        self.add_legislators(sentence, &mut dict_hits, &mut found);
        self.add_dictionary_hits(sentence, &tokens, dict_hits, &mut found);
        self.add_plural_demonyms(&tokens, &mut found);
        self.add_known_names(sentence, &tokens, &mut found);
        self.add_collectives(sentence, &tokens, &mut found);
        self.add_organisations(sentence, &tokens, &mut found);
        self.add_untitled_people(sentence, &tokens, &mut found);
        self.add_people_of_bodies(sentence, &tokens, &mut found);
        self.add_surnames_of_bare_names(sentence, &tokens, &mut found);
        self.add_pronoun_subject(&tokens, &mut found);
        found.retain(|m| {
            let a = &self.actors[m.actor];
            m.pronoun
                || !self.is_international_body(a.kind, a.affiliation.as_deref())
                || !modifies_what_follows(&sentence[m.span.end..])
        });
        // The sentence's own speaker, once: the mentions a continued quotation adds are inside
        // it and never speak.
        let own = self.speaker_of(sentence, &tokens, &found);
        self.add_continued_speaker(sentence, &tokens, own, &mut found);
        found.sort_by_key(|m| m.span.start);
        self.remember(sentence, &tokens, &found);
        self.remember_speaker(sentence, own);
        found
    }

    /// The sentence with its dateline ("THE HAGUE, Nov 4 (AFP) - ") blanked out, byte for
    /// byte: it names where the story was filed, not an actor (rule 10 of the annotation
    /// guide). An all-capitals lead that starts with an organisation or a person ("NATO, EU
    /// REJECT PLAN - …") is a headline, not a dateline.
    fn without_dateline<'s>(&self, sentence: &'s str) -> Cow<'s, str> {
        let lead = sentence.len() - sentence.trim_start().len();
        let named_lead = self
            .dict
            .matches(sentence)
            .iter()
            .any(|(r, id)| r.start == lead && self.dict.actor(*id).kind != ActorKind::Country);
        if named_lead {
            sentence.into()
        } else {
            mask_dateline(sentence)
        }
    }

    /// People listed after a plural title ("Sens. A of Utah, B of Maine, and C"); the places
    /// and parties given with them are their affiliations, not actors.
    fn add_listed_people(
        &mut self,
        sentence: &str,
        tokens: &[Token],
        dict_hits: &mut Vec<(Span, usize)>,
        found: &mut Vec<Mention>,
    ) {
        for ListedPerson {
            name,
            affiliation,
            item,
        } in listed_people(sentence, tokens)
        {
            let name_text = &sentence[name.clone()];
            let canonical = self.person_canonical(name_text);
            if !self.may_name(&canonical) {
                continue;
            }
            dict_hits.retain(|(r, _)| !overlaps(r, &item));
            let a = self.register(&canonical, ActorKind::Person, affiliation, name_text);
            found.push(Mention::named(name, a));
        }
    }

    /// People introduced by a title. A demonym or country right before the title is the
    /// person's affiliation, not a mention of the country ("Russian Foreign Minister X"); the
    /// dictionary hits used up here are taken out of `dict_hits`.
    fn add_titled_people(
        &mut self,
        sentence: &str,
        tokens: &[Token],
        dict_hits: &mut Vec<(Span, usize)>,
        found: &mut Vec<Mention>,
    ) {
        for TitledName { name, title } in titled_names(sentence, tokens) {
            let name_text = &sentence[name.clone()];
            let employer = self.title_employer(sentence, &title, dict_hits);
            let affiliation = self
                .title_affiliation(sentence, &title, dict_hits)
                .or_else(|| party_code(&sentence[name.end..]).map(str::to_string))
                .or(employer);
            let overlapping = dict_hits.iter().find(|(r, _)| overlaps(r, &name)).cloned();
            match overlapping {
                Some((r, id)) if self.dict.actor(id).kind == ActorKind::Person => {
                    let info = self.dict.actor(id).clone();
                    let aff = info.affiliation.clone().or(affiliation);
                    let a = self.register(&info.canonical, info.kind, aff, &sentence[r.clone()]);
                    found.push(Mention::named(r.clone(), a));
                    dict_hits.retain(|(x, _)| *x != r);
                }
                // "Ambassador to the United Nations, Samantha Power": the body read as the
                // name is the post (the name is found after the comma).
                Some((r, id)) => {
                    let info = self.dict.actor(id);
                    let whole = title.start..name.end;
                    if self.is_international_body(info.kind, info.affiliation.as_deref())
                        && body_in_title(sentence, &r, &whole) == Some(TitleBody::Post)
                    {
                        dict_hits.retain(|(x, _)| *x != r);
                    }
                }
                None => {
                    let canonical = self.person_canonical(name_text);
                    if !self.may_name(&canonical) {
                        continue;
                    }
                    let a = self.register(&canonical, ActorKind::Person, affiliation, name_text);
                    found.push(Mention::named(name, a));
                }
            }
        }
    }

    /// Whom the holder of a title speaks for, taken out of `dict_hits`: a country right before
    /// the title ("Russian Foreign Minister"), else a country the title is "of" ("Permanent
    /// Representative of the Russian Federation to the UN").
    fn title_affiliation(
        &self,
        sentence: &str,
        title: &Span,
        dict_hits: &mut Vec<(Span, usize)>,
    ) -> Option<String> {
        let is_country = |id: usize| self.dict.actor(id).kind == ActorKind::Country;
        let pos = dict_hits
            .iter()
            .position(|(r, id)| {
                r.end <= title.start
                    && sentence[r.end..title.start].trim().is_empty()
                    && is_country(*id)
            })
            .or_else(|| {
                dict_hits.iter().position(|(r, id)| {
                    title.start <= r.start
                        && r.end <= title.end
                        && is_country(*id)
                        && (sentence[..r.start].ends_with(" of ")
                            || sentence[..r.start].ends_with(" of the "))
                })
            })?;
        let (_, id) = dict_hits.remove(pos);
        Some(self.dict.actor(id).canonical.clone())
    }

    /// An international body the title names, taken out of `dict_hits` (the person speaks,
    /// not the body): its name when it is the person's employer ("UN Special Envoy",
    /// "Director General of the IAEA"), `None` when it is their post ("Ambassador to the UN",
    /// "Chinese U.N. Ambassador").
    fn title_employer(
        &self,
        sentence: &str,
        title: &Span,
        dict_hits: &mut Vec<(Span, usize)>,
    ) -> Option<String> {
        let (pos, role) = dict_hits.iter().enumerate().find_map(|(k, (r, id))| {
            let info = self.dict.actor(*id);
            self.is_international_body(info.kind, info.affiliation.as_deref())
                .then(|| body_in_title(sentence, r, title))
                .flatten()
                .map(|role| (k, role))
        })?;
        let (body, id) = dict_hits.remove(pos);
        // "Chinese U.N. Ambassador": a country before the body makes the body the post.
        let country_before = dict_hits.iter().any(|(r, other)| {
            self.dict.actor(*other).kind == ActorKind::Country
                && r.end <= body.start
                && matches!(sentence[r.end..body.start].trim(), "" | "'s" | "’s")
        });
        (role == TitleBody::Employer && !country_before)
            .then(|| self.dict.actor(id).canonical.clone())
    }

    /// Whether an actor of this kind and affiliation is an international body: an
    /// organisation affiliated to no one or to another body ("WHO" of the UN), not a country.
    fn is_international_body(&self, kind: ActorKind, affiliation: Option<&str>) -> bool {
        kind == ActorKind::Organisation
            && affiliation.is_none_or(|a| {
                self.dict
                    .resolve(a)
                    .is_none_or(|owner| owner.kind == ActorKind::Organisation)
            })
    }

    /// The dictionary's matches that no title took. "Kenyan parliament", "Dutch privacy
    /// watchdog": a body that acts on its own account; the country is not the actor (rule 9
    /// of the annotation guide); nor is it in "the Taiwanese owner" or "the Rome Statute".
    fn add_dictionary_hits(
        &mut self,
        sentence: &str,
        tokens: &[Token],
        dict_hits: Vec<(Span, usize)>,
        found: &mut Vec<Mention>,
    ) {
        for (r, id) in dict_hits {
            // "Tirana Hassan, the executive director …": a place's name as a given name.
            if self.dict.actor(id).kind == ActorKind::Country
                && (names_independent_body(&sentence[r.end..])
                    || names_private_people(&sentence[r.end..])
                    || names_a_thing(&sentence[r.end..])
                    || opens_a_speaking_name(sentence, tokens, &r))
            {
                continue;
            }
            if taken(found, &r) {
                continue;
            }
            let info = self.dict.actor(id).clone();
            if info.kind == ActorKind::Country
                && is_a_location(
                    sentence,
                    &r,
                    looks_like_a_city(&sentence[r.clone()], &info.canonical),
                )
            {
                continue;
            }
            let a = self.register(
                &info.canonical,
                info.kind,
                info.affiliation.clone(),
                &sentence[r.clone()],
            );
            found.push(Mention::named(r, a));
        }
    }

    /// Surname-only mentions of people already named in this article, and acronyms given in
    /// brackets after a name ("the UN Support Mission in Libya (UNSMIL)").
    /// In a title-case headline, where capitalised runs run together, bodies named earlier
    /// by their full name are found by it.
    fn add_known_names(&mut self, sentence: &str, tokens: &[Token], found: &mut Vec<Mention>) {
        if self.headline {
            self.add_known_bodies(sentence, found);
        }
        for (k, t) in tokens.iter().enumerate() {
            let bracketed = sentence[..t.span.0].ends_with('(');
            // "Karim Haddad" after "Omar Haddad": a surname after another given name is
            // someone else, left to the rules for names.
            let given = k
                .checked_sub(1)
                .map(|p| &tokens[p])
                .filter(|p| name_token(p.text) && sentence[p.span.1..t.span.0] == *" ");
            let known = match self.by_surname.get(t.text) {
                Some(&id)
                    if given.is_some_and(|g| {
                        !same_given_name(
                            &self.actors[id].canonical,
                            &format!("{} {}", g.text, t.text),
                        )
                    }) =>
                {
                    None
                }
                Some(id) => Some(*id),
                None if !bracketed => self
                    .by_acronym
                    .get(t.text)
                    .copied()
                    .or_else(|| self.body_with_initials(t.text)),
                None => None,
            };
            if let Some(id) = known {
                let r = t.span.0..t.span.1;
                if !taken(found, &r) {
                    let (canonical, kind) =
                        (self.actors[id].canonical.clone(), self.actors[id].kind);
                    self.register(&canonical, kind, None, t.text);
                    found.push(Mention::named(r, id));
                }
            }
        }
    }

    /// The organisation named earlier whose initials spell `acronym`: "USADA" after "the U.S.
    /// Anti-Doping Agency". Only acronyms of three or more capitals.
    fn body_with_initials(&self, acronym: &str) -> Option<usize> {
        if acronym.len() < 3 || !acronym.chars().all(|c| c.is_ascii_uppercase()) {
            return None;
        }
        self.by_initials.get(acronym).copied()
    }

    /// Each whole-word occurrence in `sentence` of an organisation of two or more words named
    /// earlier in the article.
    fn add_known_bodies(&mut self, sentence: &str, found: &mut Vec<Mention>) {
        for id in 0..self.actors.len() {
            let name = &self.actors[id].canonical;
            if self.actors[id].kind != ActorKind::Organisation || !name.contains(' ') {
                continue;
            }
            for (start, _) in sentence.match_indices(name.as_str()) {
                let r = start..start + name.len();
                if !is_word_boundary(sentence, r.start, r.end) {
                    continue;
                }
                // "Panama" inside "Panama Ports Authority" is the body's owner, no mention.
                found.retain(|m| !strictly_inside(&m.span, &r));
                if !taken(found, &r) {
                    found.push(Mention::named(r, id));
                }
            }
        }
    }

    /// Organisations not in the dictionary, recognised by an organisation word in their name.
    /// A run that starts with a country's demonym is that country's organisation ("Colombian
    /// Cycling Federation"), unless it is a government body, which speaks for the country.
    fn add_organisations(&mut self, sentence: &str, tokens: &[Token], found: &mut Vec<Mention>) {
        for mut r in organisation_names(sentence, tokens) {
            // "the Ukrainian News Agency reported": the outlet reports; neither it nor the
            // country in its name is an actor.
            if is_news_agency(&sentence[r.clone()]) {
                found.retain(|m| !overlaps(&m.span, &r));
                continue;
            }
            let Some((affiliation, mut replaced)) = self.body_owner(sentence, &mut r, found) else {
                continue;
            };
            let name = self
                .earlier_body(&sentence[r.clone()])
                .unwrap_or_else(|| sentence[r.clone()].to_string());
            if !self.may_name(&name) {
                continue;
            }
            replaced.sort_unstable();
            for &k in replaced.iter().rev() {
                found.remove(k);
            }
            let a = self.register(
                &name,
                ActorKind::Organisation,
                affiliation,
                &sentence[r.clone()],
            );
            found.push(Mention::named(r, a));
        }
    }

    /// Whom the body named at `r` belongs to, judged by the mentions already found inside it,
    /// and which of them its name replaces; `None` when the run names no new body. Inside a
    /// longer name, countries and organisations are whom the body belongs to: "Colombian
    /// Cycling Federation", "Iraq's Independent High Electoral Commission", "UN Support Mission
    /// in Libya". People are not. The owner's possessive is trimmed off the front of `r`.
    fn body_owner(
        &self,
        sentence: &str,
        r: &mut Span,
        found: &[Mention],
    ) -> Option<(Option<String>, Vec<usize>)> {
        let mut inside: Vec<usize> = (0..found.len())
            .filter(|&k| overlaps(&found[k].span, r))
            .collect();
        inside.sort_by_key(|&k| found[k].span.start);
        let Some(&first) = inside.first() else {
            // "the Chinese Foreign Ministry spokesperson": the title took the demonym; the
            // ministry still speaks for China, and is no body of its own.
            let starts_with_country =
                self.dict
                    .matches(&sentence[r.clone()])
                    .first()
                    .is_some_and(|(m, id)| {
                        m.start == 0 && self.dict.actor(*id).kind == ActorKind::Country
                    });
            if starts_with_country && is_government_body(&sentence[r.clone()]) {
                return None;
            }
            return Some((None, inside));
        };
        if let Some(owner) = owner_after_of(sentence, r, found, &inside, &self.actors) {
            return owner;
        }
        let no_people = inside
            .iter()
            .all(|&k| self.actors[found[k].actor].kind != ActorKind::Person);
        let all_inside = inside.iter().all(|&k| strictly_inside(&found[k].span, r));
        let owner = &self.actors[found[first].actor];
        let by_country = owner.kind == ActorKind::Country;
        let first_span = &found[first].span;
        // An organisation owns the body only as the name's first word, and "the UN and
        // International Organization for Migration" are two.
        if !(no_people && all_inside)
            || (!by_country
                && (first_span.start != r.start
                    || sentence[first_span.end..r.end].contains(" and ")))
        {
            return None;
        }
        // "Iraq's Independent High Electoral Commission": the owner's possessive is not part
        // of the body's name.
        let after = &sentence[first_span.end..r.end];
        if first_span.start == r.start {
            for p in ["'s ", "’s "] {
                if let Some(rest) = after.strip_prefix(p) {
                    r.start = r.end - rest.len();
                }
            }
        }
        if by_country && is_government_body(&sentence[r.clone()]) {
            return None;
        }
        Some((Some(owner.canonical.clone()), inside))
    }

    /// People who speak without a title ("Ramón Ibarra, who edited…"); a shorter form of a
    /// body named earlier is that body.
    fn add_untitled_people(&mut self, sentence: &str, tokens: &[Token], found: &mut Vec<Mention>) {
        for r in untitled_speakers(sentence, tokens) {
            if taken(found, &r) {
                continue;
            }
            let name = sentence[r.clone()].to_string();
            if let Some(body) = self.earlier_body(&name) {
                let a = self.register(&body, ActorKind::Organisation, None, &name);
                found.push(Mention::named(r, a));
                continue;
            }
            let canonical = self.person_canonical(&name);
            if !self.may_name(&canonical) {
                continue;
            }
            let affiliation = self.described_affiliation(sentence, &r, found);
            let a = self.register(&canonical, ActorKind::Person, affiliation, &name);
            found.push(Mention::named(r, a));
        }
    }

    /// A name right before "of" and an organisation found there: "John Fisher of Human Rights
    /// Watch voiced disappointment" is a person of that body.
    fn add_people_of_bodies(&mut self, sentence: &str, tokens: &[Token], found: &mut Vec<Mention>) {
        for r in bare_names(sentence, tokens) {
            let rest = &sentence[r.end..];
            let Some(of) = rest
                .strip_prefix(" of the ")
                .or_else(|| rest.strip_prefix(" of "))
            else {
                continue;
            };
            let body_start = sentence.len() - of.len();
            let Some(body) = found
                .iter()
                .find(|m| m.span.start == body_start && !m.pronoun)
                .map(|m| m.actor)
                .filter(|&a| self.actors[a].kind == ActorKind::Organisation)
            else {
                continue;
            };
            if taken(found, &r) {
                continue;
            }
            let name = sentence[r.clone()].to_string();
            let canonical = self.person_canonical(&name);
            if !self.may_name(&canonical) {
                continue;
            }
            let affiliation = Some(self.actors[body].canonical.clone());
            let a = self.register(&canonical, ActorKind::Person, affiliation, &name);
            found.push(Mention::named(r, a));
        }
    }

    /// A surname alone that speaks or is described ("Kirby said", "Kirby, a retired judge,")
    /// after a bare name ended with it ("Michael Kirby then met…"): that person, by full name.
    fn add_surnames_of_bare_names(
        &mut self,
        sentence: &str,
        tokens: &[Token],
        found: &mut Vec<Mention>,
    ) {
        for (k, t) in tokens.iter().enumerate() {
            let Some(full) = self.bare_names.get(t.text).cloned() else {
                continue;
            };
            let r = t.span.0..t.span.1;
            let prev = k.checked_sub(1).map(|p| tokens[p].text);
            let alone = prev.is_none_or(|p| !p.starts_with(char::is_uppercase) || never_a_name(p));
            if alone && !taken(found, &r) && speaks_or_is_described(sentence, tokens, k + 1) {
                let a = self.register(&full, ActorKind::Person, None, t.text);
                found.push(Mention::named(r, a));
            }
        }
    }

    /// "He said…" with no person named: the last person named speaks.
    fn add_pronoun_subject(&self, tokens: &[Token], found: &mut Vec<Mention>) {
        let has_person = found
            .iter()
            .any(|m| self.actors[m.actor].kind == ActorKind::Person);
        if !has_person
            && let Some(p) = self.last_person
            && let Some(t) = pronoun_subject(tokens)
        {
            found.push(Mention {
                span: t.span.0..t.span.1,
                actor: p,
                pronoun: true,
            });
        }
    }

    /// Remembers, for the sentences to come, the acronyms given in brackets after the bodies
    /// of `found` (sorted by position), the last person and the last bloc named, and the bare
    /// names no rule took.
    fn remember(&mut self, sentence: &str, tokens: &[Token], found: &[Mention]) {
        let bare = if self.headline {
            Vec::new()
        } else {
            bare_names(sentence, tokens)
        };
        for r in bare {
            let name = &sentence[r.clone()];
            if let Some(last) = name.split_whitespace().last()
                && !taken(found, &r)
                && self.dict.matches(name).is_empty()
            {
                self.bare_names
                    .entry(last.to_string())
                    .or_insert_with(|| name.to_string());
            }
        }
        for m in found {
            if self.actors[m.actor].kind == ActorKind::Person || m.pronoun {
                continue;
            }
            if let Some(acronym) = bracketed_acronym(&sentence[m.span.end..]) {
                self.by_acronym
                    .entry(acronym.to_string())
                    .or_insert(m.actor);
            }
        }
        if let Some(m) = found
            .iter()
            .rev()
            .find(|m| self.actors[m.actor].kind == ActorKind::Person)
        {
            self.last_person = Some(m.actor);
        }
        if let Some(m) = found
            .iter()
            .rev()
            .find(|m| BLOCS.contains(&self.actors[m.actor].canonical.as_str()))
        {
            self.last_bloc = Some(m.actor);
        }
    }
}
