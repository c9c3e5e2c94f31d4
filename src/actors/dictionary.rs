//! The actor dictionary: canonical countries, organisations and people with the aliases that
//! name them (`models/actors.csv`, plus any user files), and the whole-word matcher over them.

use super::span::{Span, is_word_boundary};
use crate::error::{Result, StanceError};
use aho_corasick::{AhoCorasick, MatchKind};
use serde::Serialize;
use std::collections::HashMap;
use std::path::Path;

pub const BUILTIN_ACTORS_CSV: &str = include_str!("../../models/actors.csv");

/// What kind of actor this is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ActorKind {
    /// A state, or its government.
    Country,
    /// A person.
    Person,
    /// An organisation, party, company, international body, …
    Organisation,
    /// Several states or people acting together: "Western countries", "Senate Republicans".
    Group,
}

impl ActorKind {
    fn parse(s: &str) -> Option<Self> {
        match s.trim().to_ascii_lowercase().as_str() {
            "country" => Some(ActorKind::Country),
            "person" => Some(ActorKind::Person),
            "organisation" | "organization" => Some(ActorKind::Organisation),
            "group" => Some(ActorKind::Group),
            _ => None,
        }
    }
}

/// One canonical actor of the dictionary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActorInfo {
    /// Canonical name ("Russia").
    pub canonical: String,
    /// Kind of actor.
    pub kind: ActorKind,
    /// Whom the actor speaks for or belongs to, if anyone.
    pub affiliation: Option<String>,
}

/// The actor dictionary: canonical actors and the aliases that name them.
#[derive(Debug, Clone)]
pub struct Dictionary {
    actors: Vec<ActorInfo>,
    by_canonical: HashMap<String, usize>,
    aliases: Vec<(String, usize)>,
    alias_index: HashMap<String, usize>,
    matcher: AhoCorasick,
}

impl Dictionary {
    /// The shipped dictionary.
    pub fn builtin() -> Result<Self> {
        let mut d = Dictionary::empty();
        d.add_csv(
            BUILTIN_ACTORS_CSV.as_bytes(),
            Path::new("models/actors.csv"),
        )?;
        Ok(d)
    }

    /// A dictionary with no entries.
    pub fn empty() -> Self {
        Dictionary {
            actors: Vec::new(),
            by_canonical: HashMap::new(),
            aliases: Vec::new(),
            alias_index: HashMap::new(),
            matcher: AhoCorasick::new(Vec::<String>::new()).expect("empty automaton always builds"),
        }
    }

    /// Adds the entries of a user's CSV file (`canonical,alias,kind,affiliation`).
    pub fn add_file(&mut self, path: &Path) -> Result<()> {
        let bytes = std::fs::read(path).map_err(|e| StanceError::io(path, e))?;
        self.add_csv(&bytes, path)
    }

    /// Adds entries from CSV bytes; `path` names the source in errors. Later aliases override earlier ones.
    pub fn add_csv(&mut self, bytes: &[u8], path: &Path) -> Result<()> {
        let rows = crate::io::read_csv_records(bytes, path, &["canonical", "alias", "kind"])?;
        let col = |name: &str| rows.columns.iter().position(|c| c == name);
        let (ci, ai, ki) = (
            col("canonical").unwrap_or(0),
            col("alias").unwrap_or(1),
            col("kind").unwrap_or(2),
        );
        let fi = col("affiliation");
        for (line, rec) in &rows.records {
            let canonical = rec[ci].trim();
            let alias = rec[ai].trim();
            if canonical.is_empty() || alias.is_empty() {
                return Err(StanceError::csv(
                    path,
                    *line,
                    None,
                    "canonical and alias must not be empty",
                ));
            }
            let kind = ActorKind::parse(&rec[ki]).ok_or_else(|| {
                StanceError::csv(
                    path,
                    *line,
                    Some(ki + 1),
                    format!(
                        "kind {:?} is not one of country, person, organisation, group",
                        &rec[ki]
                    ),
                )
            })?;
            let affiliation = fi
                .map(|i| rec[i].trim().to_string())
                .filter(|s| !s.is_empty());
            let id = match self.by_canonical.get(canonical) {
                Some(&id) => id,
                None => {
                    self.actors.push(ActorInfo {
                        canonical: canonical.to_string(),
                        kind,
                        affiliation,
                    });
                    self.by_canonical
                        .insert(canonical.to_string(), self.actors.len() - 1);
                    self.actors.len() - 1
                }
            };
            // A later alias overrides an earlier one (a user's file overrides the shipped one).
            match self.alias_index.get(alias) {
                Some(&i) => self.aliases[i].1 = id,
                None => {
                    self.alias_index
                        .insert(alias.to_string(), self.aliases.len());
                    self.aliases.push((alias.to_string(), id));
                }
            }
        }
        self.matcher = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .ascii_case_insensitive(true)
            // A full DFA: a few MB for a dictionary of this size, and the fastest search; the
            // matcher runs over every sentence.
            .kind(Some(aho_corasick::AhoCorasickKind::DFA))
            .build(self.aliases.iter().map(|(a, _)| a.as_str()))
            .map_err(|e| {
                StanceError::Data(format!(
                    "{}: cannot build the alias matcher: {e}",
                    path.display()
                ))
            })?;
        Ok(())
    }

    /// Number of canonical actors.
    pub fn len(&self) -> usize {
        self.actors.len()
    }

    /// Whether the dictionary is empty.
    pub fn is_empty(&self) -> bool {
        self.actors.is_empty()
    }

    /// The canonical actor with index `id` (as [`Dictionary::matches`] returns it).
    pub(super) fn actor(&self, id: usize) -> &ActorInfo {
        &self.actors[id]
    }

    /// Looks up a canonical actor by name.
    pub fn get(&self, canonical: &str) -> Option<&ActorInfo> {
        self.by_canonical.get(canonical).map(|&i| &self.actors[i])
    }

    /// The canonical actor an alias (or canonical name) refers to, if any.
    pub fn resolve(&self, name: &str) -> Option<&ActorInfo> {
        self.alias_index
            .get(name)
            .map(|&i| &self.actors[self.aliases[i].1])
            .or_else(|| self.get(name))
    }

    /// The actor a mention of `id` counts as: a government organ with a country affiliation
    /// ("Russian Foreign Ministry", "State Department") speaks for that country.
    pub(super) fn speaker(&self, id: usize) -> usize {
        let a = &self.actors[id];
        if a.kind == ActorKind::Organisation
            && let Some(c) = a
                .affiliation
                .as_deref()
                .and_then(|c| self.by_canonical.get(c))
            && self.actors[*c].kind == ActorKind::Country
        {
            return *c;
        }
        id
    }

    /// Whole-word dictionary matches in `text`: (byte range, actor id).
    pub(super) fn matches(&self, text: &str) -> Vec<(Span, usize)> {
        // Matching ignores ASCII case, but only multi-word aliases may match in another case:
        // "International Organization for the Prohibition of chemical weapons" is the OPCW,
        // "us" is not the United States.
        let shouting = !text.chars().any(char::is_lowercase);
        self.matcher
            .find_iter(text)
            .filter(|m| is_word_boundary(text, m.start(), m.end()))
            .filter(|m| {
                let alias = &self.aliases[m.pattern().as_usize()].0;
                let surface = &text[m.start()..m.end()];
                // "RUSSIA VETOES INQUIRY": a headline all in capitals spells names in capitals
                // (a dateline, "JAKARTA - The…", is followed by lower case).
                let shouted = shouting && alias.len() >= 4 && surface == alias.to_uppercase();
                surface == alias || shouted || alias.split_whitespace().nth(2).is_some()
            })
            .map(|m| {
                (
                    m.start()..m.end(),
                    self.speaker(self.aliases[m.pattern().as_usize()].1),
                )
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seats_of_government_and_short_forms_name_their_country() {
        let d = Dictionary::builtin().unwrap();
        let text = "Foggy Bottom, the Kremlin, Zhongnanhai, the Vatican, the D.P.R.K. and Pristina";
        let found: Vec<&str> = d
            .matches(text)
            .into_iter()
            .map(|(_, id)| d.actor(id).canonical.as_str())
            .collect();
        assert_eq!(
            found,
            [
                "United States",
                "Russia",
                "China",
                "Holy See",
                "North Korea",
                "Kosovo"
            ]
        );
        for (alias, country) in [
            ("Downing Street", "United Kingdom"),
            ("White House", "United States"),
            ("Elysee", "France"),
            ("Russian Federation", "Russia"),
            ("UAE", "United Arab Emirates"),
            ("ROK", "South Korea"),
            ("PRC", "China"),
            ("Great Britain", "United Kingdom"),
        ] {
            assert_eq!(d.resolve(alias).unwrap().canonical, country, "{alias}");
        }
    }

    #[test]
    fn names_in_capitals_match_in_a_headline_in_capitals_only() {
        let d = Dictionary::builtin().unwrap();
        let found: Vec<&str> = d
            .matches("RUSSIA AND CHINA VETO PLAN")
            .into_iter()
            .map(|(_, id)| d.actor(id).canonical.as_str())
            .collect();
        assert_eq!(found, ["Russia", "China"]);
        assert_eq!(d.matches("Russia and CHINA veto the plan").len(), 1);
        assert!(d.matches("JAKARTA - The plan").is_empty());
    }

    #[test]
    fn bad_kind_names_the_line() {
        let mut d = Dictionary::empty();
        let e = d
            .add_csv(b"canonical,alias,kind\nX,X,planet\n", Path::new("mine.csv"))
            .unwrap_err();
        assert!(e.to_string().starts_with("mine.csv:2:3:"), "{e}");
    }
}
