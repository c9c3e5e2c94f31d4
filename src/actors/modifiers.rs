//! Bodies named only as a modifier take no stance there: the employer or the post in a
//! person's title ("ICC chief prosecutor Fatou Bensouda", "Russia's ambassador to the UN,
//! Vitaly Churkin" — the person speaks, the court or the UN does not) and the owner of a thing
//! ("the U.N. bid", "the ICC prosecution"). Rule 17 of the annotation guide. A body's team,
//! mission, members or delegation still speak for it ("the UN team said it regretted").

use super::span::Span;

/// Things a body's name modifies without acting: "UN investigation", "ICC prosecution". People
/// and teams ("UN investigators", "the OAS mission") are left out: they speak for the body.
const THINGS_OWNED: &[&str] = &[
    "investigation",
    "investigations",
    "probe",
    "probes",
    "inquiry",
    "inquiries",
    "enquiry",
    "bid",
    "referral",
    "prosecution",
    "assistance",
    "resolution",
    "resolutions",
    "report",
    "findings",
    "mandate",
    "mechanism",
    "charter",
    "statute",
    "membership",
    "headquarters",
];

/// Whether the words right after a body's name make the name a modifier of a thing it owns:
/// " investigation into …", " bid to refer …". ("A UN-backed court" says the UN backs it.)
pub(super) fn modifies_what_follows(after: &str) -> bool {
    let first_word = |s: &str| -> String {
        s.chars()
            .take_while(|c| c.is_alphanumeric() || *c == '-')
            .collect()
    };
    after
        .strip_prefix(' ')
        .is_some_and(|rest| THINGS_OWNED.contains(&first_word(rest).as_str()))
}

/// What a body named with a person's title is to that person.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum TitleBody {
    /// The person works for it: "UN Special Envoy …", "Director General of the IAEA …".
    Employer,
    /// The person is posted to it: "Ambassador to the UN", "Minister for EU Affairs".
    Post,
}

/// What the body named at `body` is to the holder of the title at `title`: the employer when
/// it stands right before the title with only a space or a possessive between ("UN Special
/// Envoy", "WHO's regional director") or after "of" inside it ("Director General of the
/// IAEA"); the post after "to", "at", "for" or "in" inside it ("Ambassador to the United
/// Nations"); `None` when it is neither, or when it ends an earlier phrase ("handed him to the
/// ICC President Salva Kiir said").
pub(super) fn body_in_title(sentence: &str, body: &Span, title: &Span) -> Option<TitleBody> {
    let last_word = |s: &str| {
        let s = s.trim_end();
        let s = s
            .strip_suffix(" the")
            .or_else(|| s.strip_suffix(" The"))
            .unwrap_or(s);
        s.rsplit(' ').next().unwrap_or("").to_string()
    };
    let before = body.end <= title.start
        && matches!(sentence[body.end..title.start].trim_end(), "" | "'s" | "’s");
    if before {
        let lead = last_word(&sentence[..body.start]);
        return (!matches!(
            lead.as_str(),
            "to" | "at" | "from" | "by" | "for" | "of" | "in"
        ))
        .then_some(TitleBody::Employer);
    }
    if title.start <= body.start && body.end <= title.end {
        let lead = last_word(&sentence[title.start..body.start]);
        return Some(match lead.as_str() {
            "to" | "at" | "for" | "in" => TitleBody::Post,
            _ => TitleBody::Employer,
        });
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_owned_thing_makes_the_body_a_modifier() {
        for after in [
            " bid to refer Syria",
            " investigation into the crash",
            " assistance to conduct the inquiry",
            " prosecution.",
            " report, published on Monday",
        ] {
            assert!(modifies_what_follows(after), "{after}");
        }
    }

    #[test]
    fn a_body_that_acts_or_speaks_through_its_people_is_no_modifier() {
        for after in [
            " said on Monday",
            " rejected the request",
            " team said it regretted",
            " inspectors arrived",
            " mission called for a recount",
            "'s investigation",
            "-backed commission",
            " members agreed to cut output",
            " reports that two million people fled",
            "",
        ] {
            assert!(!modifies_what_follows(after), "{after}");
        }
    }

    #[test]
    fn the_employer_stands_before_the_title_or_after_of_and_the_post_after_to() {
        let at = |s: &str, body: &str, title: &str| {
            let b = s.find(body).unwrap();
            let t = s.find(title).unwrap();
            body_in_title(s, &(b..b + body.len()), &(t..t + title.len()))
        };
        let s = "UN Special Envoy Helen La Lime said";
        assert_eq!(at(s, "UN", "Special Envoy "), Some(TitleBody::Employer));
        let s = "WHO's regional director Hans Kluge said";
        assert_eq!(
            at(s, "WHO", "regional director "),
            Some(TitleBody::Employer)
        );
        let s = "Director General of the IAEA, Rafael Grossi, said";
        assert_eq!(
            at(s, "IAEA", "Director General of the IAEA, "),
            Some(TitleBody::Employer)
        );
        let s = "Iran's Ambassador to the IAEA, Kazem Gharibabadi, said";
        assert_eq!(
            at(s, "IAEA", "Ambassador to the IAEA, "),
            Some(TitleBody::Post)
        );
        // A body ending an earlier phrase, or the subject, is neither.
        let s = "Sudan refused to hand him to the ICC President Salva Kiir said.";
        assert_eq!(at(s, "ICC", "President "), None);
        let s = "The UN said Special Envoy Helen La Lime would travel";
        assert_eq!(at(s, "UN", "Special Envoy "), None);
    }
}
