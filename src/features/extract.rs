//! The extraction driver: reads the sentence as a token sequence with the actor's mentions as
//! `@a` and the other actors' as `@o` ([`SequenceContext`]), then lets each feature family the
//! options ask for emit its features.

use std::borrow::Cow;
use std::ops::Range;

use super::char_ngrams::CharNgrams;
use super::identity::ActorIdentity;
use super::list_heads::{self, HeadPlace};
use super::negation::Negation;
use super::position::Position;
use super::proposal::ProposalNearness;
use super::quotes::SpeakerQuotes;
use super::speech::Speech;
use super::spelling::{british_endings, british_word, written_out};
use super::stems::Stems;
use super::target::{TargetTopic, TopicCrossed, shares_stem, topic_words};
use super::windows::SideWindows;
use super::word_ngrams::WordNgrams;
use super::{ActorSentence, Cues, Family, FeatureOptions, FeatureSink, coordination};
use crate::text::tokenize;

/// Placeholder for the actor's own mention.
pub const ACTOR: &str = "@a";
/// Placeholder for any other actor's mention.
pub const OTHER: &str = "@o";

/// One family of features. Each holds only its own parameters and reads the sentence from the
/// shared [`SequenceContext`].
pub(crate) trait FeatureFamily {
    /// Emits this family's features of `ctx` into `sink`.
    fn emit(&self, ctx: &SequenceContext, sink: &mut impl FeatureSink);
}

/// The sentence as the feature families read it.
pub(crate) struct SequenceContext<'s> {
    /// The input.
    pub input: &'s ActorSentence<'s>,
    /// The tokens, each mention collapsed to a placeholder ([`ACTOR`] or [`OTHER`]).
    pub seq: Vec<&'s str>,
    /// Positions of the actor's placeholders in `seq`.
    pub actor_pos: Vec<usize>,
    /// Positions of the other actors' placeholders in `seq`.
    pub other_pos: Vec<usize>,
    /// Byte offset in the text of each actor position, for the reported-speech features.
    pub actor_at: Vec<usize>,
    /// A topic target (not a mention): the words of its name that text words may share a stem
    /// with (empty unless `target_overlap` applies).
    pub topic: Vec<String>,
}

impl<'s> SequenceContext<'s> {
    /// Tokenises `input`, replacing mentions by placeholders when the options are actor-aware.
    pub(crate) fn read(input: &'s ActorSentence<'s>, opts: &FeatureOptions) -> Self {
        let topic = if opts.has(&Family::TopicOverlap) && opts.actor_aware && input.actor.is_empty()
        {
            topic_words(input.name)
        } else {
            Vec::new()
        };
        let mut ctx = SequenceContext {
            input,
            seq: Vec::new(),
            actor_pos: Vec::new(),
            other_pos: Vec::new(),
            actor_at: Vec::new(),
            topic,
        };
        let (actor_spans, other_spans) = mention_spans(input, opts);
        let place = list_head_place(input, opts, &actor_spans, &other_spans);
        let british = opts.has(&Family::BritishSpelling);
        let contractions = opts.has(&Family::Contractions);
        let mut head_read = false;
        let mut last_mention: Option<(bool, usize)> = None; // (is actor, mention start)
        let opening = opts.has(&Family::OpeningConnectives);
        for (i, t) in tokenize(input.text).into_iter().enumerate() {
            if opening && i == 0 && is_opening_connective(t.text) {
                continue;
            }
            if opts.actor_aware {
                let mid = t.span.0;
                if let Some(p) = &place {
                    if p.skipped.contains(&mid) {
                        continue;
                    }
                    if p.head.contains(&mid) {
                        // The head's words are read as one placeholder for the actor.
                        if !head_read {
                            ctx.push_mention(true, p.head.start);
                            head_read = true;
                        }
                        last_mention = None;
                        continue;
                    }
                }
                let inside = |spans: &[Range<usize>]| {
                    spans
                        .iter()
                        .find(|r| r.start <= mid && mid < r.end)
                        .map(|r| r.start)
                };
                // "Washington's" is one token; keep the possessive after the placeholder.
                let possessive = matches!(t.text.get(t.text.len().saturating_sub(2)..), Some("'s"))
                    || t.text.ends_with("’s");
                for (spans, is_actor) in [(&actor_spans, true), (&other_spans, false)] {
                    if let Some(start) = inside(spans) {
                        if last_mention != Some((is_actor, start)) {
                            ctx.push_mention(is_actor, start);
                            last_mention = Some((is_actor, start));
                        }
                        if possessive {
                            ctx.seq.push("'s");
                        }
                        break;
                    }
                }
                if last_mention.is_some() && inside(&actor_spans).or(inside(&other_spans)).is_some()
                {
                    continue;
                }
                if !ctx.topic.is_empty() && shares_stem(t.text, &ctx.topic) {
                    ctx.push_mention(true, t.span.0);
                    last_mention = None;
                    continue;
                }
            }
            last_mention = None;
            if let Some(words) = contractions.then(|| written_out(t.text)).flatten() {
                ctx.seq.extend(words);
                continue;
            }
            ctx.seq.push(
                british
                    .then(|| british_word(t.text))
                    .flatten()
                    .unwrap_or(t.text),
            );
        }
        ctx
    }

    /// Appends a placeholder for a mention starting at byte `start`.
    fn push_mention(&mut self, is_actor: bool, start: usize) {
        if is_actor {
            self.actor_pos.push(self.seq.len());
            self.actor_at.push(start);
        } else {
            self.other_pos.push(self.seq.len())
        }
        self.seq.push(if is_actor { ACTOR } else { OTHER });
    }
}

/// Words that open a sentence to tie it to the one before ("But Moscow hailed it"): they say
/// nothing of this sentence's actors, while inside a sentence "but" marks the actor that
/// contrasts with another ("Paris backed it, but Rome refused").
fn is_opening_connective(word: &str) -> bool {
    matches!(
        word,
        "But" | "And" | "Yet" | "However" | "Still" | "Meanwhile" | "Nevertheless" | "Nonetheless"
    )
}

/// Byte ranges of mentions, borrowed from the input or regrouped.
type Spans<'s> = Cow<'s, [Range<usize>]>;

/// The mentions as the extractor reads them, the actor's and the others': with
/// `coordination`, a list of actors is one.
fn mention_spans<'s>(input: &'s ActorSentence, opts: &FeatureOptions) -> (Spans<'s>, Spans<'s>) {
    if opts.has(&Family::Coordination) && opts.actor_aware && !input.others.is_empty() {
        let groups = coordination::group_mentions(input.text, &input.actor, &input.others);
        let (a, o): (Vec<_>, Vec<_>) = groups.into_iter().partition(|g| g.is_actor);
        (
            Cow::Owned(a.into_iter().map(|g| g.span).collect()),
            Cow::Owned(o.into_iter().map(|g| g.span).collect()),
        )
    } else {
        (Cow::Borrowed(&input.actor), Cow::Borrowed(&input.others))
    }
}

/// With `list-heads`, where the actor's list is read when it stands for a plural head
/// ([`list_heads`](super::list_heads)).
fn list_head_place(
    input: &ActorSentence,
    opts: &FeatureOptions,
    actor: &[Range<usize>],
    others: &[Range<usize>],
) -> Option<HeadPlace> {
    if !(opts.has(&Family::ListHeads) && opts.actor_aware) {
        return None;
    }
    let all: Vec<Range<usize>> = actor.iter().chain(others).cloned().collect();
    actor
        .iter()
        .find_map(|list| list_heads::head_place(input.text, list, &all))
}

/// Emits the features of one (sentence, actor) pair into `sink`.
///
/// ```
/// use stance::features::{extract, ActorSentence, FeatureOptions, StringSink};
/// let s = ActorSentence::locate("Paris vetoed the probe", "Paris", &[]);
/// let mut sink = StringSink::default();
/// extract(&s, &FeatureOptions::default(), &Default::default(), &mut sink);
/// assert!(sink.0.contains(&"b:@a vetoed".to_string()));
/// assert!(sink.0.contains(&"R:vetoed".to_string()));
/// ```
pub fn extract(
    input: &ActorSentence,
    opts: &FeatureOptions,
    cues: &Cues,
    sink: &mut impl FeatureSink,
) {
    if opts.cross_all() && !input.name.is_empty() {
        return extract_features(input, opts, cues, &mut TopicCrossed::new(sink, input.name));
    }
    extract_features(input, opts, cues, sink)
}

/// Every family the options ask for, in a fixed order.
fn extract_features(
    input: &ActorSentence,
    opts: &FeatureOptions,
    cues: &Cues,
    sink: &mut impl FeatureSink,
) {
    // American endings rewritten in place (same byte length: the mention spans hold).
    let rewritten = if opts.has(&Family::BritishSpelling) {
        british_endings(input.text)
    } else {
        Cow::Borrowed(input.text)
    };
    let british_input;
    let input = match &rewritten {
        Cow::Owned(text) => {
            british_input = ActorSentence {
                text,
                ..input.clone()
            };
            &british_input
        }
        Cow::Borrowed(_) => input,
    };
    let ctx = SequenceContext::read(input, opts);
    if let Some(orders) = opts.word_ngrams() {
        let orders = (orders.min, orders.max);
        WordNgrams { orders }.emit(&ctx, sink);
    }
    if opts.has(&Family::Negation) {
        Negation.emit(&ctx, sink);
    }
    if let Some(c) = opts.char_ngrams() {
        CharNgrams {
            orders: (c.min, c.max),
            across: c.across,
            actor_aware: opts.actor_aware,
        }
        .emit(&ctx, sink);
    }
    if let Some(lexicon) = opts.lexicon().filter(|l| !l.is_empty()) {
        lexicon.emit(&ctx, sink);
    }
    if !opts.actor_aware {
        return;
    }
    let cross = opts.target_cross().is_some();
    let overlap = opts.has(&Family::TopicOverlap);
    TargetTopic { cross, overlap }.emit(&ctx, sink);
    if ctx.actor_pos.is_empty() {
        return;
    }
    if opts.has(&Family::Identity) {
        ActorIdentity.emit(&ctx, sink);
    }
    if opts.has(&Family::Speech) {
        Speech.emit(&ctx, sink);
    }
    let (window, zones) = (opts.window(), opts.has(&Family::Zones));
    SideWindows { window, zones }.emit(&ctx, sink);
    cues.emit(&ctx, sink);
    if opts.has(&Family::Stems) {
        Stems { window }.emit(&ctx, sink);
    }
    if opts.has(&Family::SpeakerQuotes) {
        SpeakerQuotes {
            british: opts.has(&Family::BritishSpelling),
            contractions: opts.has(&Family::Contractions),
        }
        .emit(&ctx, sink);
    }
    if opts.has(&Family::Proposal) {
        ProposalNearness.emit(&ctx, sink);
    }
    let role_bigrams = opts.has(&Family::RoleBigrams);
    Position { role_bigrams }.emit(&ctx, sink);
}

#[cfg(test)]
mod tests {
    use super::super::testing::strings;

    #[test]
    fn an_opening_connective_is_not_read() {
        use super::super::testing::with;
        use super::super::{ActorSentence, Family, FeatureOptions};
        let text = "But Human Rights Watch hailed the resolution";
        let s = ActorSentence::locate(text, "Human Rights Watch", &[]);
        let on = with(&s, &FeatureOptions::default());
        assert!(!on.iter().any(|f| f.contains("but")), "{on:?}");
        let off = with(
            &s,
            &FeatureOptions::default().without(&Family::OpeningConnectives),
        );
        assert!(off.contains(&"L1:but".to_string()), "{off:?}");
        // Inside the sentence "but" is read.
        let s = ActorSentence::locate("Paris backed it, but Rome refused", "Rome", &[]);
        assert!(with(&s, &FeatureOptions::default()).contains(&"L1:but".to_string()));
    }

    #[test]
    fn multiword_actor_is_one_placeholder() {
        let f = strings("The European Union backed it", "European Union", &[]);
        assert!(f.contains(&"b:the @a".to_string()) && f.contains(&"b:@a backed".to_string()));
    }
}
