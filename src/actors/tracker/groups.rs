//! The tracker's rules for actors that are groups or stand for a state: a country's
//! legislators ("Brazilian senators"), a people as a subject ("the Americans said"), groups
//! acting together ("Western countries", "Senate Republicans", "the bloc").

use super::{ActorTracker, Mention, taken};
use crate::actors::collectives::{
    bloc_references, collectives, legislator_groups, same_legislators,
};
use crate::actors::demonyms::plural_demonyms;
use crate::actors::dictionary::ActorKind;
use crate::actors::span::Span;
use crate::text::{Token, tokenize};

impl ActorTracker<'_> {
    /// A country's legislators ("Brazilian senators", "US opposition lawmakers", "EU
    /// lawmakers") are a group of their own, affiliated to it; one of them ("a French
    /// lawmaker") is a person. Either way the country itself is not the actor: its dictionary
    /// hit is taken out of `dict_hits`.
    pub(super) fn add_legislators(
        &mut self,
        sentence: &str,
        dict_hits: &mut Vec<(Span, usize)>,
        found: &mut Vec<Mention>,
    ) {
        for (span, country) in legislator_groups(sentence, self.dict, dict_hits) {
            let surface = &sentence[span.clone()];
            let canonical = same_legislators(&self.actors, surface, &country)
                .map_or(surface.to_string(), |a| a.canonical.clone());
            let a = self.register(&canonical, ActorKind::Group, Some(country), surface);
            found.push(Mention::named(span, a));
        }
    }

    /// "The Americans said", "the Europeans pushed": a people as a subject speaks for its
    /// state (or for the EU).
    pub(super) fn add_plural_demonyms(&mut self, tokens: &[Token], found: &mut Vec<Mention>) {
        for (r, singular) in plural_demonyms(tokens) {
            let state = match singular {
                "European" => self.dict.resolve("EU"),
                _ => self.dict.resolve(singular),
            };
            let Some(info) = state.filter(|i| {
                i.kind == ActorKind::Country
                    || i.kind == ActorKind::Organisation && i.canonical == "EU"
            }) else {
                continue;
            };
            if taken(found, &r) {
                continue;
            }
            let info = info.clone();
            let surface = tokens
                .iter()
                .find(|t| t.span.0 == r.start)
                .map_or("", |t| t.text);
            let a = self.register(
                &info.canonical,
                info.kind,
                info.affiliation.clone(),
                surface,
            );
            found.push(Mention::named(r, a));
        }
    }

    /// Groups acting together ("Western countries", "Senate Republicans"; one actor for
    /// "Western powers" after "Western countries"), and "the bloc" for the last bloc named.
    pub(super) fn add_collectives(
        &mut self,
        sentence: &str,
        tokens: &[Token],
        found: &mut Vec<Mention>,
    ) {
        for group in collectives(sentence, tokens) {
            if taken(found, &group.span) {
                continue;
            }
            let canonical = self
                .actors
                .iter()
                .find(|a| {
                    a.kind == ActorKind::Group
                        && collectives(&a.canonical, &tokenize(&a.canonical))
                            .first()
                            .is_some_and(|c| c.key == group.key)
                })
                .map_or(group.name.clone(), |a| a.canonical.clone());
            let surface = &sentence[group.span.clone()];
            let a = self.register(&canonical, ActorKind::Group, group.affiliation, surface);
            found.push(Mention::named(group.span, a));
        }
        let Some(bloc) = self.last_bloc else {
            return;
        };
        for r in bloc_references(tokens) {
            if !taken(found, &r) {
                let (canonical, kind) =
                    (self.actors[bloc].canonical.clone(), self.actors[bloc].kind);
                self.register(&canonical, kind, None, &sentence[r.clone()]);
                found.push(Mention::named(r, bloc));
            }
        }
    }
}
