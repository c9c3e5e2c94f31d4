//! The flags of `stance train` lowered, once, into the library's feature options.

use stance::embed::Encoder;
use stance::features::{
    CharNgramParams, CueParams, Family, FeatureOptions, LexiconParams, TargetCrossParams,
    Weighting, WindowParams, WordNgramParams,
};

use crate::{TrainArgs, WeightingArg};

/// The feature flags of `train` lowered into the feature options: the shared settings and the
/// list of families.
pub(crate) fn feature_options(
    a: &TrainArgs,
    encoder: Option<&Encoder>,
) -> anyhow::Result<FeatureOptions> {
    let (min, max) = a.word_ngrams;
    let mut families = vec![Family::WordNgrams(WordNgramParams { min, max })];
    if let Some((min, max)) = a.char_ngrams.0 {
        let (across, block_norm) = (a.char_across, a.block_norm);
        let chars = CharNgramParams {
            min,
            max,
            across,
            block_norm,
        };
        families.push(Family::CharNgrams(chars));
    }
    let cross = Family::TargetCross(TargetCrossParams {
        cross_all: a.cross_all,
    });
    let switches = [
        (
            a.window > 0,
            Family::Windows(WindowParams { size: a.window }),
        ),
        (true, Family::Zones),
        (a.cues > 0, Family::Cues(CueParams { count: a.cues })),
        (!a.no_role_bigrams, Family::RoleBigrams),
        (a.negation, Family::Negation),
        (a.speech, Family::Speech),
        (a.actor_identity, Family::Identity),
        (a.target_overlap, Family::TopicOverlap),
        (a.target_cross, cross),
        (!a.no_coordination, Family::Coordination),
        (!a.no_list_heads, Family::ListHeads),
        (!a.no_british_spelling, Family::BritishSpelling),
        (!a.no_contractions, Family::Contractions),
        (!a.no_opening_connectives, Family::OpeningConnectives),
        (!a.no_speaker_quotes, Family::SpeakerQuotes),
        (a.proposal, Family::Proposal),
        (!a.no_stems, Family::Stems),
    ];
    families.extend(switches.into_iter().filter(|(on, _)| *on).map(|(_, f)| f));
    if let Some(path) = &a.lexicon {
        let entries = stance::features::Lexicon::load(path)?;
        families.push(Family::Lexicon(LexiconParams { entries }));
    }
    families.extend(encoder.map(|e| Family::Embeddings(e.spec(a.embedding_weight))));
    let mut options = FeatureOptions {
        actor_aware: !a.no_actor_features,
        min_count: a.min_count,
        weighting: match a.weighting {
            WeightingArg::Tf => Weighting::Tf,
            WeightingArg::TfIdf => Weighting::TfIdf,
        },
        sublinear_tf: true,
        families: Vec::new(),
    };
    families.into_iter().for_each(|f| options.set(f));
    Ok(options)
}
