//! End-to-end tests of the actor finder: sentences in, canonical actors out.

use super::*;
use std::path::Path;

fn dict() -> Dictionary {
    let mut d = Dictionary::empty();
    let csv = "canonical,alias,kind,affiliation\nRussia,Russia,country,\nRussia,Moscow,country,\nRussia,Russian,country,\n\
               Iran,Iranian,country,\nIran,Tehran,country,\nUnited States,US,country,\nUnited States,Washington,country,\n\
               OPCW,OPCW,organisation,\n";
    d.add_csv(csv.as_bytes(), Path::new("test.csv")).unwrap();
    d
}

fn names(t: &ActorTracker, m: &[Mention]) -> Vec<String> {
    m.iter()
        .map(|m| t.actors[m.actor].canonical.clone())
        .collect()
}

#[test]
fn demonyms_capitals_and_compounds() {
    let d = dict();
    let mut t = ActorTracker::new(&d);
    let m = t.find("Washington's opposition to the Russian-Iranian proposal angered Tehran.");
    assert_eq!(names(&t, &m), ["United States", "Russia", "Iran", "Iran"]);
}

#[test]
fn titled_person_takes_the_demonym_as_affiliation() {
    let d = dict();
    let mut t = ActorTracker::new(&d);
    let m = t
        .find("Russian Foreign Minister Sergei Lavrov spoke to his US counterpart, Rex Tillerson.");
    assert_eq!(names(&t, &m), ["Sergei Lavrov", "Rex Tillerson"]);
    assert_eq!(t.actors[m[0].actor].affiliation.as_deref(), Some("Russia"));
    assert_eq!(
        t.actors[m[1].actor].affiliation.as_deref(),
        Some("United States")
    );
    let m = t.find("Lavrov regretted it.");
    assert_eq!(names(&t, &m), ["Sergei Lavrov"]);
    let m = t.find("He said the OPCW should act.");
    assert_eq!(names(&t, &m), ["Sergei Lavrov", "OPCW"]);
    assert!(m[0].pronoun);
}

#[test]
fn a_counsellor_is_a_titled_person() {
    let d = dict();
    let mut t = ActorTracker::new(&d);
    let m = t.find("Counsellor Evgeny Ustinov of the Russian delegation rejected the inquiry.");
    assert_eq!(names(&t, &m)[0], "Evgeny Ustinov");
}

#[test]
fn organisations_by_head_word() {
    let d = dict();
    let mut t = ActorTracker::new(&d);
    let m = t
        .find("The National Electoral Commission rejected the audit sought by Northwind Airlines.");
    assert_eq!(
        names(&t, &m),
        ["National Electoral Commission", "Northwind Airlines"]
    );
}

fn find_names(t: &mut ActorTracker, sentence: &str) -> Vec<String> {
    let m = t.find(sentence);
    names(t, &m)
}

fn world() -> Dictionary {
    let mut d = dict();
    let csv = "canonical,alias,kind,affiliation\nNetherlands,Netherlands,country,\n\
               Netherlands,Dutch,country,\nNetherlands,The Hague,country,\nIraq,Iraq,country,\n\
               Panama,Panama,country,\nKenya,Kenyan,country,\nLibya,Libya,country,\n\
               UN,UN,organisation,\nIOM,International Organization for Migration,organisation,\n\
               WHO,WHO,organisation,\n";
    d.add_csv(csv.as_bytes(), Path::new("world.csv")).unwrap();
    d
}

#[test]
fn datelines_are_no_actors() {
    let d = world();
    let mut t = ActorTracker::new(&d);
    let m = t.find("THE HAGUE, Nov 4 (AFP) - The Dutch Data Protection Authority opened a probe.");
    assert_eq!(names(&t, &m), ["Dutch Data Protection Authority"]);
    assert_eq!(
        t.actors[m[0].actor].affiliation.as_deref(),
        Some("Netherlands")
    );
    // Byte for byte: spans stay valid, also with non-ASCII text across the look-ahead.
    let long = format!(
        "{}“{}”",
        "ANKARA, May 2 (Anadolu) - Türkiye ".repeat(4),
        "x"
    );
    assert_eq!(mask_dateline(&long).len(), long.len());
    let s = "CÓRDOBA, Argentina (AP) — Gov. Esteban Lucero rejected it.";
    assert!(mask_dateline(s).starts_with("   "));
    assert!(mask_dateline(s).ends_with("Gov. Esteban Lucero rejected it."));
    // A headline with a lower-case word before the dash is not a dateline.
    let h = "WHO calls for inquiry - sources";
    assert_eq!(mask_dateline(h), h);
}

#[test]
fn owners_possessives_and_time_words_are_not_part_of_a_body_name() {
    let d = world();
    let mut t = ActorTracker::new(&d);
    let m = t.find("Iraq's Independent High Electoral Commission rejected the request.");
    assert_eq!(names(&t, &m), ["Independent High Electoral Commission"]);
    assert_eq!(t.actors[m[0].actor].affiliation.as_deref(), Some("Iraq"));
    assert_eq!(
        find_names(
            &mut t,
            "Panama's Electoral Tribunal on Monday rejected a recount."
        ),
        ["Electoral Tribunal"]
    );
    let m = t.find("The UN Support Mission in Libya (UNSMIL) regretted the refusal.");
    assert_eq!(names(&t, &m), ["UN Support Mission in Libya"]);
    assert_eq!(t.actors[m[0].actor].affiliation.as_deref(), Some("UN"));
    assert_eq!(
        find_names(&mut t, "UNSMIL said it would try again."),
        ["UN Support Mission in Libya"]
    );
    assert_eq!(
        find_names(
            &mut t,
            "Both the UN and International Organization for Migration objected."
        ),
        ["UN", "IOM"]
    );
    let m = t.find("Baitarani Ferro Minerals Ltd said it welcomed the probe.");
    let m2 = t.find("Baitarani Ferro Minerals said it would cooperate.");
    assert_eq!(names(&t, &m), names(&t, &m2));
}

#[test]
fn independent_bodies_do_not_speak_for_their_country() {
    let d = world();
    let mut t = ActorTracker::new(&d);
    assert!(
        t.find("The Kenyan parliament voted to open an inquiry.")
            .is_empty()
    );
    assert!(
        t.find("Dutch privacy watchdog investigates supermarket chain")
            .is_empty()
    );
    // A country's own stance is still the country's.
    assert_eq!(
        find_names(&mut t, "Washington's opposition angered Tehran."),
        ["United States", "Iran"]
    );
}

#[test]
fn people_bodies_and_regions_in_titles() {
    let d = world();
    let mut t = ActorTracker::new(&d);
    assert_eq!(
        find_names(
            &mut t,
            "Chief executive Pieter van Dam said the chain would answer."
        ),
        ["Pieter van Dam"]
    );
    assert_eq!(
        find_names(
            &mut t,
            "Sheriff Wade Colquitt called the investigation a stunt."
        ),
        ["Wade Colquitt"]
    );
    let m = t.find("A probe by the Directorate General of Mines Safety (DGMS) is under way.");
    assert!(
        m.iter()
            .all(|m| t.actors[m.actor].kind != ActorKind::Person),
        "{:?}",
        names(&t, &m)
    );
    let m = t.find(
        "Dr. Samira Haddadin, WHO's regional director for the Eastern Mediterranean, told reporters.",
    );
    assert!(!names(&t, &m).iter().any(|n| n == "Eastern Mediterranean"));
    assert_eq!(
        find_names(
            &mut t,
            "Speaking for the African Group, the envoy rejected the text."
        ),
        ["African Group"]
    );
}

#[test]
fn untitled_people_by_apposition_and_inverted_speech() {
    let d = world();
    let mut t = ActorTracker::new(&d);
    assert_eq!(
        find_names(
            &mut t,
            "Marek Lis, a lawyer for the coach, called the inquiry a show trial."
        ),
        ["Marek Lis"]
    );
    assert_eq!(
        find_names(
            &mut t,
            "Kenneth Orr, 24, whose arm needed surgery, backed the probe."
        ),
        ["Kenneth Orr"]
    );
    assert_eq!(
        find_names(
            &mut t,
            "\"We want to know why,\" said Tereza Holubová, the opposition lawmaker."
        ),
        ["Tereza Holubová"]
    );
    // A place in apposition is no person.
    assert!(
        t.find("Villa del Remanso, a riverside town, was flooded.")
            .is_empty()
    );
}

#[test]
fn review_cases_neither_panic_nor_merge_what_differs() {
    let d = world();
    let mut t = ActorTracker::new(&d);
    // An acronym mention before a dictionary hit inside a new body name: no panic.
    find_names(
        &mut t,
        "The UN Support Mission in Libya (UNSMIL) regretted the refusal.",
    );
    find_names(&mut t, "UNSMIL Libya Commission said it would try again.");
    // Only a company suffix may be dropped from an earlier body's name.
    let mut t = ActorTracker::new(&d);
    find_names(
        &mut t,
        "The Supreme Court Bar Association criticised the ruling.",
    );
    assert_eq!(
        find_names(&mut t, "The Supreme Court said it would decide."),
        ["Supreme Court"]
    );
    // A verb after a country is no body: "Kenya said police…".
    assert_eq!(
        find_names(&mut t, "Washington said police had opposed the plan."),
        ["United States"]
    );
    // "said" without a quote before it is no inverted speech.
    assert!(find_names(&mut t, "Analysts said Wall Street opposed the plan.").is_empty());
    // A number that is no age.
    assert!(
        find_names(
            &mut t,
            "Protests spread across Santa Cruz, 12 people were hurt."
        )
        .is_empty()
    );
    // A headline in capitals that starts with an organisation is not masked; a lower-case
    // agency in brackets is.
    assert_eq!(
        find_names(&mut t, "UN (Geneva) - The body rejected it."),
        ["UN"]
    );
    assert!(mask_dateline("BERLIN, Nov 4 (dpa) - Text.").starts_with("   "));
    // A name does not end with a particle.
    assert_eq!(
        find_names(&mut t, "\"No,\" said Jan Pieter Maria van Dam."),
        ["Jan Pieter Maria"]
    );
}

#[test]
fn titles_speak_for_the_country_they_are_of_and_are_no_bodies() {
    let d = world();
    let mut t = ActorTracker::new(&d);
    let m = t.find(
        "Deputy Permanent Representative of the Netherlands to the UN Marit de Vries objected.",
    );
    // The UN is where the post is, not an actor here (rule 17 of the annotation guide).
    assert_eq!(names(&t, &m), ["Marit de Vries"]);
    assert_eq!(
        t.actors[m[0].actor].affiliation.as_deref(),
        Some("Netherlands")
    );
    assert!(
        t.actors
            .iter()
            .all(|a| a.kind != ActorKind::Organisation || a.canonical == "UN")
    );
    let m = t.find("Iraq's ambassador to the UN, Wanjiru Kamau, said the text was unfair.");
    assert_eq!(names(&t, &m), ["Iraq", "Wanjiru Kamau"]);
}

#[test]
fn a_body_in_a_title_or_owning_a_thing_takes_no_stance_there() {
    let d = world();
    let mut t = ActorTracker::new(&d);
    // The employer before the title: the person speaks for it.
    let m = t.find("WHO Director-General Moses Tedros Kagame said the mission would go ahead.");
    assert_eq!(names(&t, &m), ["Moses Tedros Kagame"]);
    assert_eq!(t.actors[m[0].actor].affiliation.as_deref(), Some("WHO"));
    // The owner of a thing: "the UN bid", "a UN investigation".
    let m =
        t.find("Libya rejected a UN bid to send investigators, and a UN investigation stalled.");
    assert_eq!(names(&t, &m), ["Libya"]);
    // The body acting, or speaking through its team or in its own name, is an actor.
    for s in [
        "The UN team said it regretted the refusal.",
        "The UN said the investigation would resume.",
        "A UN-backed panel will lead it, the UN said.",
    ] {
        let m = t.find(s);
        assert!(names(&t, &m).contains(&"UN".to_string()), "{s}");
    }
}

#[test]
fn people_named_by_surname_first_and_by_description() {
    let d = world();
    let mut t = ActorTracker::new(&d);
    assert_eq!(find_names(&mut t, "Senator Okafor objects"), ["Okafor"]);
    assert_eq!(
        find_names(&mut t, "Senator Lena Okafor said the panel was biased."),
        ["Lena Okafor"]
    );
    assert_eq!(t.actors.len(), 1);
    let m = t.find("Pieter Smit, the Dutch ambassador, said it was fair.");
    assert_eq!(names(&t, &m), ["Pieter Smit", "Netherlands"]);
    assert_eq!(
        t.actors[m[0].actor].affiliation.as_deref(),
        Some("Netherlands")
    );
}

#[test]
fn a_countrys_legislators_are_one_group_however_the_country_is_written() {
    let d = Dictionary::builtin().unwrap();
    let mut t = ActorTracker::new(&d);
    let m = t.find("American lawmakers demanded an inquiry.");
    assert_eq!(names(&t, &m), ["American lawmakers"]);
    assert_eq!(
        t.actors[m[0].actor].affiliation.as_deref(),
        Some("United States")
    );
    let m = t.find("US lawmakers said so again, and a French lawmaker agreed.");
    assert_eq!(names(&t, &m), ["American lawmakers"]);
    let m = t.find("Russian deputy UN envoy Dmitry Polyanskiy rejected it.");
    assert!(names(&t, &m).iter().any(|n| n == "Russia"));
}

#[test]
fn listed_people_and_party_codes() {
    let d = world();
    let mut t = ActorTracker::new(&d);
    let m = t.find(
        "Sens. Ann Lee of Utah, Bo Park of Panama City, and Cy Diaz of Ohio wrote to the UN.",
    );
    assert_eq!(names(&t, &m), ["Ann Lee", "Bo Park", "Cy Diaz", "UN"]);
    assert_eq!(
        t.actors[m[1].actor].affiliation.as_deref(),
        Some("Panama City")
    );
    let m = t.find("Sen. Dana Whitfield (R-Texas) opposed the inquiry.");
    assert_eq!(names(&t, &m), ["Dana Whitfield"]);
    assert_eq!(
        t.actors[m[0].actor].affiliation.as_deref(),
        Some("Republican Party")
    );
}

#[test]
fn nationalities_of_private_people_are_no_country() {
    let d = world();
    let mut t = ActorTracker::new(&d);
    assert!(
        t.find("The mill's Kenyan owner was questioned, and Dutch swimmers cheered.")
            .is_empty()
    );
    assert_eq!(
        find_names(
            &mut t,
            "A Kenyan-born businessman and the Dutch government disagreed."
        ),
        ["Netherlands"]
    );
}

#[test]
fn places_in_names_of_treaties_events_and_papers_are_no_actors() {
    let d = world();
    let mut t = ActorTracker::new(&d);
    assert!(
        t.find("Tehran never ratified the Moscow Protocol, the Washington Times reported.")
            .iter()
            .all(|m| t.actors[m.actor].canonical == "Iran")
    );
    assert!(
        t.find("Before the Tehran Olympics, a Dutch broadcaster asked questions.")
            .is_empty()
    );
    assert_eq!(
        find_names(&mut t, "Moscow said the Tehran talks had failed."),
        ["Russia"]
    );
}

#[test]
fn groups_and_the_bloc() {
    let mut d = world();
    d.add_csv(
        "canonical,alias,kind\nEU,EU,organisation\n".as_bytes(),
        Path::new("eu.csv"),
    )
    .unwrap();
    let mut t = ActorTracker::new(&d);
    // "the bloc" before any bloc is named points nowhere.
    assert_eq!(
        find_names(&mut t, "The bloc said nothing."),
        Vec::<String>::new()
    );
    assert_eq!(
        find_names(&mut t, "Western countries and the EU backed the probe."),
        ["Western countries", "EU"]
    );
    assert_eq!(
        find_names(
            &mut t,
            "The 27-nation bloc and Western powers said Tehran must comply."
        ),
        ["EU", "Western countries", "Iran"]
    );
    let m = t.find("Senate Republicans blocked the commission.");
    assert_eq!(names(&t, &m), ["Senate Republicans"]);
    assert_eq!(t.actors[m[0].actor].kind, ActorKind::Group);
    assert_eq!(
        t.actors[m[0].actor].affiliation.as_deref(),
        Some("Republican Party")
    );
}

#[test]
fn a_bare_name_speaks_later_by_surname() {
    let d = world();
    let mut t = ActorTracker::new(&d);
    assert!(
        t.find("Helga Brandvold then met the delegation in private.")
            .is_empty()
    );
    assert_eq!(
        find_names(
            &mut t,
            "Brandvold, a retired judge, called it a charm offensive."
        ),
        ["Helga Brandvold"]
    );
    assert_eq!(
        find_names(&mut t, "But Brandvold told reporters."),
        ["Helga Brandvold"]
    );
    // A bare name's last word that neither speaks nor is described is no one.
    assert!(
        t.find("Santa Cruz is calm; in Cruz the market opened.")
            .is_empty()
    );
}

#[test]
fn title_case_headlines_invent_nobody() {
    let d = world();
    let mut t = ActorTracker::new(&d);
    assert_eq!(
        find_names(
            &mut t,
            "Panama Asks UN For Help, Requests Inquiry Assistance"
        ),
        ["Panama", "UN"]
    );
    assert_eq!(
        find_names(&mut t, "Iraq Wants UN Rights Chief Seeks To Visit Camps"),
        ["Iraq", "UN"]
    );
    // A name the article gives in its body is found in a later headline-like line.
    assert_eq!(
        find_names(
            &mut t,
            "Interior Minister Lena Okafor said the Panama Ports Authority would help."
        ),
        ["Lena Okafor", "Panama Ports Authority"]
    );
    assert_eq!(
        find_names(
            &mut t,
            "Lena Okafor Rejects Claims By Panama Ports Authority"
        ),
        ["Lena Okafor", "Panama Ports Authority"]
    );
}

#[test]
fn hyphenated_names_initials_and_particles_join_later_surnames() {
    let d = world();
    let mut t = ActorTracker::new(&d);
    assert_eq!(
        find_names(
            &mut t,
            "Chief Executive Mae Ho Chan Wai-ling rejected the inquiry."
        ),
        ["Mae Ho Chan Wai-ling"]
    );
    assert_eq!(
        find_names(&mut t, "Ho said the police acted well."),
        ["Mae Ho Chan Wai-ling"]
    );
    assert_eq!(
        find_names(
            &mut t,
            "Russian envoy Ivan K. Petrov said the probe was biased."
        ),
        ["Ivan Petrov"]
    );
    assert_eq!(find_names(&mut t, "Petrov walked out."), ["Ivan Petrov"]);
    assert_eq!(
        find_names(&mut t, "Former envoy Ed H. W. Lutz said it was late."),
        ["Ed Lutz"]
    );
    assert_eq!(
        find_names(
            &mut t,
            "Anke in 't Hout, a Dutch lawmaker, said the panel must go on."
        ),
        // A lawmaker speaks for herself, not for her country.
        ["Anke in 't Hout"]
    );
    assert_eq!(
        find_names(&mut t, "Ban Ki-moon said it would."),
        ["Ban Ki-moon"]
    );
}

#[test]
fn relatives_sharing_a_surname_stay_two_people() {
    let d = world();
    let mut t = ActorTracker::new(&d);
    assert_eq!(
        find_names(
            &mut t,
            "Former Prime Minister Omar Haddad was killed in 2005."
        ),
        ["Omar Haddad"]
    );
    assert_eq!(
        find_names(
            &mut t,
            "His son, Prime Minister Karim Haddad, backed the tribunal."
        ),
        ["Karim Haddad"]
    );
    assert_eq!(
        find_names(&mut t, "Haddad said it must go on."),
        ["Karim Haddad"]
    );
    assert_eq!(t.actors.len(), 2);
}

fn wire() -> Dictionary {
    let mut d = world();
    let csv = "canonical,alias,kind,affiliation\nUnited States,U.S.,country,\n\
               United States,American,country,\nAustria,Vienna,country,\nAustria,Austria,country,\n\
               China,Chinese,country,\nChina,China,country,\nUkraine,Ukrainian,country,\n\
               OAS,OAS,organisation,\nEU,EU,organisation,\nUN Security Council,Security Council,organisation,UN\n\
               UN,U.N.,organisation,\n";
    d.add_csv(csv.as_bytes(), Path::new("wire.csv")).unwrap();
    d
}

#[test]
fn bodies_keep_their_country_prefix_and_join_their_acronym() {
    let d = wire();
    let mut t = ActorTracker::new(&d);
    assert_eq!(
        find_names(
            &mut t,
            "The U.S. Anti-Fraud Agency said it backed the audit."
        ),
        ["U.S. Anti-Fraud Agency"]
    );
    assert_eq!(t.actors[1].affiliation.as_deref(), Some("United States"));
    assert_eq!(
        find_names(&mut t, "USAFA later asked for more."),
        ["U.S. Anti-Fraud Agency"]
    );
    // A known body with a dotted prefix is that body, no new one.
    assert_eq!(
        find_names(&mut t, "The U.N. Security Council met."),
        ["UN", "UN Security Council"]
    );
}

#[test]
fn secretariats_of_a_body_and_government_bodies_behind_titles() {
    let d = wire();
    let mut t = ActorTracker::new(&d);
    assert_eq!(
        find_names(
            &mut t,
            "The General Secretariat of the OAS said the visit would go ahead."
        ),
        ["General Secretariat of the OAS"]
    );
    assert_eq!(t.actors[1].kind, ActorKind::Organisation);
    find_names(&mut t, "Envoy Ana Ruiz of the OAS said so.");
    assert!(t.actors.iter().all(|a| !a.canonical.contains("Ruiz of")));
    assert_eq!(t.actors[1].affiliation.as_deref(), Some("OAS"));
    assert_eq!(
        find_names(
            &mut t,
            "On Monday the Chinese Foreign Ministry spokesperson Li Wen said it was a lie."
        ),
        ["China", "Li Wen"]
    );
}

#[test]
fn news_agencies_report_and_are_no_actors() {
    let d = wire();
    let mut t = ActorTracker::new(&d);
    assert_eq!(
        find_names(
            &mut t,
            "Kyiv backed the probe, the Ukrainian News Agency reported."
        ),
        Vec::<String>::new()
    );
    assert!(
        find_names(
            &mut t,
            "The Baltic Telegraphic Agency asked the OAS about it."
        ) == ["OAS"]
    );
}

#[test]
fn peoples_as_subjects_speak_for_their_state_and_cities_as_places_do_not() {
    let d = wire();
    let mut t = ActorTracker::new(&d);
    assert_eq!(
        find_names(
            &mut t,
            "The Americans said it was premature, and the Europeans pushed for a vote."
        ),
        ["United States", "EU"]
    );
    assert_eq!(
        find_names(
            &mut t,
            "Three Americans were killed; talks in Vienna went on."
        ),
        Vec::<String>::new()
    );
    assert_eq!(
        find_names(&mut t, "Vienna said it would host them."),
        ["Austria"]
    );
}

#[test]
fn every_cut_of_odd_sentences_is_read_without_panic() {
    let d = wire();
    let odd = [
        "Chief Executive Mae Ho Chan Wai-ling said Ivan K. Petrov of the OAS (OASX) agreed.",
        "The U.S. Anti-Fraud Agency (USAFA) and Anke in 't Hout, a Dutch MEP, told the Baltic News Agency.",
        "ÉLYSÉE, 3 mars (AFP) — Zoë Ó Briain-Núñez, l’envoyée, said “no”; the Americans — ",
        "PANAMA ASKS UN FOR HELP – Ban Ki- said in Vienna at",
        "General Secretariat of the ",
        "I. J. K. L. M.",
        "in 't",
        "’s 's - -- ( ) () (( U.S. U.S",
    ];
    for s in odd {
        let mut t = ActorTracker::new(&d);
        for (i, _) in s.char_indices().chain([(s.len(), ' ')]) {
            t.find(&s[..i]);
            t.find(&s[i..]);
        }
    }
}

#[test]
fn inquiries_into_a_place_keep_it_in_their_name() {
    let d = world();
    let mut t = ActorTracker::new(&d);
    assert_eq!(
        find_names(
            &mut t,
            "The Commission of Inquiry into Sulu Province said it had finished."
        ),
        ["Commission of Inquiry into Sulu Province"]
    );
}

#[test]
fn people_of_a_body_and_peoples_in_a_list() {
    let d = wire();
    let mut t = ActorTracker::new(&d);
    assert_eq!(
        find_names(&mut t, "Lena Okafor of the OAS voiced disappointment."),
        ["Lena Okafor", "OAS"]
    );
    assert_eq!(t.actors[1].affiliation.as_deref(), Some("OAS"));
    // A place after "of" makes no person of a run of capitals.
    assert_eq!(
        find_names(&mut t, "Costa Brava of Panama was closed."),
        ["Panama"]
    );
    assert_eq!(
        find_names(
            &mut t,
            "They accused the Europeans and Americans behind the text."
        ),
        ["EU", "United States"]
    );
}

#[test]
fn whips_knesset_members_title_surnames_and_places_as_given_names() {
    let d = world();
    let mut t = ActorTracker::new(&d);
    let m = t.find("The party's chief whip in Lok Sabha Sudip Bandopadhyay told reporters.");
    assert_eq!(names(&t, &m), ["Sudip Bandopadhyay"]);
    let m = t.find("Yesh Atid MK Efrat Rayten Marom directed the blame at the cabinet.");
    assert_eq!(names(&t, &m), ["Efrat Rayten Marom"]);
    // A title word that is also a surname ends the name before a lower-case word.
    let m = t.find("Foreign Minister Julie Bishop told the council it was inconceivable.");
    assert_eq!(names(&t, &m), ["Julie Bishop"]);
    let mut fresh = ActorTracker::new(&d);
    let m = fresh.find("Bishop Desmond Tutu said it.");
    assert_eq!(names(&fresh, &m), ["Desmond Tutu"]);
    // A capital's or a country's name as a given name: the person speaks, not the state.
    let m = t.find("Libya Hassan, the executive director of the group, called it a blow.");
    assert_eq!(names(&t, &m), ["Libya Hassan"]);
    let m = t.find("Libya rejected the inquiry, the ministry said.");
    assert_eq!(names(&t, &m), ["Libya"]);
}

#[test]
fn bodies_of_the_un_family_in_titles_with_the_shipped_dictionary() {
    let d = Dictionary::builtin().unwrap();
    let mut t = ActorTracker::new(&d);
    // WHO belongs to the UN family (affiliated to it) and is still only the employer here.
    let m = t.find("WHO Director-General Tedros Adhanom Ghebreyesus said the mission would go.");
    assert_eq!(names(&t, &m), ["Tedros Adhanom Ghebreyesus"]);
    assert_eq!(t.actors[m[0].actor].affiliation.as_deref(), Some("WHO"));
    // A country's envoy to a body is posted there, not employed by it.
    let m = t.find("Iran's ambassador to the IAEA, Kazem Gharibabadi, rejected the report.");
    assert_eq!(names(&t, &m), ["Iran", "Kazem Gharibabadi"]);
    assert_eq!(t.actors[m[1].actor].affiliation, None);
    let m = t.find("Chinese U.N. Ambassador Zhang Jun said the draft was unbalanced.");
    assert!(!names(&t, &m).contains(&"UN".to_string()));
    // The body after "Ambassador to the" is read as a name first: it is the post.
    let m = t.find("U.S. Ambassador to the United Nations, Samantha Power, said no.");
    assert!(
        !names(&t, &m).contains(&"UN".to_string()),
        "{:?}",
        names(&t, &m)
    );
    // Members speak for their body.
    let m = t.find("EU member states agreed on Friday to open the inquiry.");
    assert_eq!(names(&t, &m), ["EU"]);
}
