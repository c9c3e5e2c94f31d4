//! Bodies named only as a modifier take no stance there: the employer in a person's title
//! ("ICC chief prosecutor Fatou Bensouda", "U.S. Ambassador to the United Nations, Samantha
//! Power" — the person speaks, the court or the UN does not) and the owner of a thing ("the
//! U.N. bid", "the ICC prosecution"). Rule 17 of the annotation guide.
//! A body's team, mission or delegation still speaks for it ("the UN team said it regretted").

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
    "reports",
    "findings",
    "mandate",
    "mechanism",
    "charter",
    "statute",
    "membership",
    "headquarters",
    "member",
    "members",
    "member-states",
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

/// Whether the body named at `body` is the employer in the title at `title`: right before it
/// with only a space or a possessive between ("UN Special Envoy …", "IAEA Director General
/// …", "WHO's regional director …"), or inside it ("Ambassador to the United Nations").
pub(super) fn employs_the_titled(sentence: &str, body: &Span, title: &Span) -> bool {
    let before = body.end <= title.start
        && matches!(sentence[body.end..title.start].trim_end(), "" | "'s" | "’s");
    let inside = title.start <= body.start && body.end <= title.end;
    before || inside
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
            "",
        ] {
            assert!(!modifies_what_follows(after), "{after}");
        }
    }

    #[test]
    fn the_employer_stands_before_the_title_or_inside_it() {
        let s = "UN Special Envoy Helen La Lime said";
        assert!(employs_the_titled(s, &(0..2), &(3..16)));
        let s = "WHO's regional director Hans Kluge said";
        assert!(employs_the_titled(s, &(0..3), &(6..23)));
        let s = "U.S. Ambassador to the United Nations, Samantha Power, said";
        assert!(employs_the_titled(s, &(23..37), &(5..39)));
        // "The UN said its envoy …": the body is the subject, not part of the title.
        let s = "The UN said Special Envoy Helen La Lime would travel";
        assert!(!employs_the_titled(s, &(4..6), &(12..26)));
    }
}
