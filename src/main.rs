//! `stance` command line: parses arguments and calls the library. Exit codes: 0 success,
//! 1 error, 2 bad usage (clap).

#[path = "cli/bars.rs"]
mod bars;
#[path = "cli/encoders.rs"]
mod encoders;
#[path = "cli/hints.rs"]
mod hints;
#[path = "cli/lowering.rs"]
mod lowering;

use encoders::Encoders;
use hints::{cli_hint, flag_of};
use lowering::feature_options;

use anyhow::{Context, Result};
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use linfa::ParamGuard;
use stance::article::AnalyzerParams;
use stance::classifier::{Classifier, TrainOptions};
use stance::commands::{self, ClassifyConfig, ClassifyFormat, EvaluateConfig, TrainConfig};
use stance::dump::{DumpFormat, DumpOptions};
use stance::embed::Encoder;
use stance::features::FeatureOptions;
use stance::io::CsvOptions;
use stance::reader::Reader;
use stance::stream::StreamOptions;

use bars::Bars;

#[derive(Parser)]
#[command(
    name = "stance",
    version,
    about = "Who supports, opposes or regrets a proposal in news text, actor by actor"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// A sentence-transformers encoder directory (config.json, tokenizer.json,
    /// model.safetensors; e.g. all-MiniLM-L6-v2). `train`: add its sentence embeddings as
    /// features. Other commands: where to find the encoder a model was trained with (also read
    /// from $STANCE_EMBEDDINGS).
    #[arg(long, global = true, value_name = "DIR")]
    embeddings: Option<PathBuf>,
}

#[derive(Subcommand)]
enum Command {
    /// Train a model on labelled CSV (columns text, actor, and the label column).
    Train(TrainArgs),
    /// Label the actors of articles (files, directories, or stdin).
    Classify(ClassifyArgs),
    /// Score a model on labelled CSV, cross-validate a recipe, or score articles against gold.
    Evaluate(EvaluateArgs),
    /// Convert a public data set to the project's CSV format (written to stdout or --out).
    Import(ImportArgs),
    /// Explain one label: the features that pushed it, and the runner-up.
    Explain(ExplainArgs),
    /// Show a model: labels, training data, options, scores, top features per label.
    Inspect(InspectArgs),
    /// Rewrite a model in the other form: `*.bin` (compact, fast to load) or JSON.
    Convert(ConvertArgs),
    /// Print a shell completion script.
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff) to stdout.
    Man,
}

#[derive(Args)]
struct ExplainArgs {
    /// The sentence.
    #[arg(long)]
    text: String,
    /// The actor as written in the sentence.
    #[arg(long)]
    actor: String,
    /// Model (default: the shipped stance model).
    #[arg(long)]
    model: Option<PathBuf>,
    /// How many features to show.
    #[arg(long, default_value_t = 12)]
    top: usize,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    format: EvalFormat,
    #[command(flatten)]
    common: CommonArgs,
}

#[derive(Args)]
struct InspectArgs {
    /// Model file (default: the shipped stance model).
    model: Option<PathBuf>,
    /// Features to list per label.
    #[arg(long, default_value_t = 25)]
    top: usize,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    format: EvalFormat,
}

#[derive(Args)]
struct ConvertArgs {
    /// Model file to read (JSON or binary; default: the shipped stance model).
    model: Option<PathBuf>,
    /// Where to write it: binary when it ends in `.bin`, JSON otherwise (written atomically).
    #[arg(long, value_name = "MODEL.bin|MODEL.json")]
    out: PathBuf,
}

#[derive(Args)]
struct ImportArgs {
    /// The data set's format.
    #[arg(value_enum)]
    format: ImportFormat,
    /// NewsMTSC: a .jsonl file; TweetEval: the stance folder (one sub-folder per target).
    input: PathBuf,
    /// TweetEval split: train, val or test.
    #[arg(long, default_value = "train")]
    split: String,
    /// NewsMTSC: also the data set's (automatic) coreferent mentions of each target ("he",
    /// "her") in `actor_spans` / `other_spans`, not only the labelled mention.
    #[arg(long)]
    further_mentions: bool,
    /// Write here (atomically) instead of stdout.
    #[arg(long)]
    out: Option<PathBuf>,
}

#[derive(Clone, Copy, ValueEnum)]
enum ImportFormat {
    Newsmtsc,
    Tweeteval,
}

#[derive(Args)]
struct CommonArgs {
    /// Extra actor dictionary (canonical,alias,kind,affiliation); repeatable.
    #[arg(long = "actors", value_name = "FILE", help_heading = DATA)]
    actors: Vec<PathBuf>,
    /// Replace invalid UTF-8 in CSV (and JSON Lines) input instead of failing.
    #[arg(long, help_heading = DATA)]
    lossy: bool,
    /// No progress bars.
    #[arg(long, short, help_heading = OUTPUT)]
    quiet: bool,
}

/// Headings of `stance train --help`.
const DATA: &str = "Data";
const FEATURES: &str = "Features";
const LEARNER: &str = "Learner";
const VALIDATION: &str = "Validation";
const OUTPUT: &str = "Output";

#[derive(Args)]
struct TrainArgs {
    /// Labelled CSV file; repeatable.
    #[arg(help_heading = DATA, long, required = true, value_name = "FILE.csv")]
    data: Vec<PathBuf>,
    /// The column to learn.
    #[arg(help_heading = DATA, long, default_value = "stance")]
    label: String,
    /// Word n-gram orders, e.g. 1-2.
    #[arg(help_heading = FEATURES, long, default_value = "1-2", value_parser = parse_range)]
    word_ngrams: (usize, usize),
    /// Character n-gram orders within words, e.g. 3-5, or "off".
    #[arg(help_heading = FEATURES, long, default_value = "off", value_parser = parse_opt_range)]
    char_ngrams: CharNgrams,
    /// Words on each side of the actor marked by side.
    #[arg(help_heading = FEATURES, long, default_value_t = FeatureOptions::default().window())]
    window: usize,
    /// Number of χ²-selected cue words located relative to the actor (0 = off).
    #[arg(help_heading = FEATURES, long, default_value_t = FeatureOptions::default().cue_count())]
    cues: usize,
    /// Drop features seen in fewer rows.
    #[arg(help_heading = FEATURES, long, default_value_t = FeatureOptions::default().min_count)]
    min_count: u32,
    /// Feature weighting.
    #[arg(help_heading = FEATURES, long, value_enum, default_value = "tf-idf")]
    weighting: WeightingArg,
    /// Plain bag of words: do not mark the actor.
    #[arg(help_heading = FEATURES, long)]
    no_actor_features: bool,
    /// No role bigrams (word bigrams marked by whether the actor is named before or after the
    /// sentence's other actors; on by default).
    #[arg(help_heading = FEATURES, long)]
    no_role_bigrams: bool,
    /// When the actor is a topic absent from the text (a tweet's target), cross it with the words.
    #[arg(help_heading = FEATURES, long)]
    target_cross: bool,
    /// With --target-cross: cross every feature, character n-grams included, with the topic.
    #[arg(help_heading = FEATURES, long)]
    cross_all: bool,
    /// When the actor is a topic (a tweet's target), words sharing its stem stand for it.
    #[arg(help_heading = FEATURES, long)]
    target_overlap: bool,
    /// Character n-grams over the whole sentence, across word boundaries and punctuation.
    #[arg(help_heading = FEATURES, long)]
    char_across: bool,
    /// Normalise the character n-grams and the other features as two separate blocks.
    #[arg(help_heading = FEATURES, long)]
    block_norm: bool,
    /// Features for words within three tokens after a negation.
    #[arg(help_heading = FEATURES, long)]
    negation: bool,
    /// Reported-speech features: the actor speaks, is quoted, or is spoken about.
    #[arg(help_heading = FEATURES, long)]
    speech: bool,
    /// A sentiment lexicon (`word<TAB>score` lines, e.g. VADER's): where its words stand
    /// relative to the actor becomes features; stored in the model.
    #[arg(help_heading = FEATURES, long, value_name = "FILE")]
    lexicon: Option<PathBuf>,
    /// Features for who the actor is (its name's words): a learned prior per recurring name.
    #[arg(help_heading = FEATURES, long)]
    actor_identity: bool,
    /// Do not read coordinated lists of actors ("Russia, China and Brazil") as one mention
    /// (on by default: each member gets the context of the whole list).
    #[arg(long)]
    no_coordination: bool,
    /// Do not read an actor listed after a plural head ("Six countries opposed it — China,
    /// Cuba …", "… including Bill Cassidy of Louisiana") in the head's place (on by default).
    #[arg(long)]
    no_list_heads: bool,
    /// Do not read American spelling as British, the corpus's ("in favor" as "in favour"; on
    /// by default).
    #[arg(long)]
    no_british_spelling: bool,
    /// Do not write out negative contractions ("doesn't" as "does not"; on by default).
    #[arg(long)]
    no_contractions: bool,
    /// Do not read the words inside a sentence's quotation marks as the speaker's own
    /// ("“… a grave mistake,” Gantz said"; on by default).
    #[arg(long)]
    no_speaker_quotes: bool,
    /// Read a connective opening the sentence ("But", "Yet", "However"; left unread by
    /// default: it ties the sentence to the one before).
    #[arg(long)]
    no_opening_connectives: bool,
    /// Features for whether and how near the actor the sentence names a proposal
    /// (`x:proposal-none|near|far`).
    #[arg(long)]
    proposal: bool,
    /// No word-stem features (on by default).
    #[arg(long)]
    no_stems: bool,
    /// With --embeddings DIR: the weight of the (unit-length) sentence embedding beside the
    /// unit-length n-gram vector.
    #[arg(help_heading = FEATURES, long, default_value_t = 1.0, value_name = "W")]
    embedding_weight: f32,
    /// L2 regularisation strength.
    #[arg(help_heading = LEARNER, long, default_value_t = TrainOptions::default().l2)]
    l2: f64,
    /// Naive-Bayes prior on the weights, 0 (plain L2) to 2: features that tell labels apart in
    /// the training rows are penalised less (NBSVM-style).
    #[arg(help_heading = LEARNER, long, default_value_t = TrainOptions::default().nb_prior)]
    nb_prior: f64,
    /// Do not weight classes by inverse frequency.
    #[arg(help_heading = LEARNER, long)]
    unbalanced: bool,
    /// Maximum optimiser iterations.
    #[arg(help_heading = LEARNER, long, default_value_t = TrainOptions::default().max_iter)]
    max_iter: u64,
    /// Stop when the mean per-row gradient norm falls below this.
    #[arg(help_heading = LEARNER, long, default_value_t = TrainOptions::default().tol)]
    tol: f64,
    /// Fraction held out for the validation score shown in the summary (0 to skip); smaller
    /// splits, or none, with a warning when a label has too few rows for it.
    #[arg(help_heading = VALIDATION, long, default_value_t = 0.1)]
    validation: f64,
    /// Also record K-fold cross-validated scores in the model.
    #[arg(help_heading = VALIDATION, long, value_name = "K")]
    cv: Option<usize>,
    /// Choose options first, by grouped stratified 5-fold cross-validation on the training
    /// data (macro-F1): a staged search of 12–16 candidates — the options as given; character
    /// n-grams (2–5) within and across words, block-normalised; for topic actors absent from
    /// the text (a tweet's target) the topic crossed with the words and with every feature,
    /// and topic overlap; negation; reported speech; window 3; the shipped VADER lexicon for
    /// sentiment labels; the naive-Bayes prior at 0, 0.5 and 1; then L2 from 1/5 to 5 times
    /// the best recipe's. Each candidate costs 5 fits: 20 CPU-seconds for 2,900 tweets, 43 for
    /// 8,700 news sentences, so about 2.5 and 4.5 minutes on 2 idle cores; see --tune-budget.
    #[arg(help_heading = VALIDATION, long)]
    tune: bool,
    /// Time budget of --tune in seconds: candidates it leaves no time for are skipped, with a
    /// warning (the choice then depends on the machine's speed).
    #[arg(help_heading = VALIDATION, long, value_name = "SECONDS",
          default_value_t = stance::eval::tuning::DEFAULT_BUDGET_SECS)]
    tune_budget: u64,
    /// Seed for splits and folds.
    #[arg(help_heading = VALIDATION, long, default_value_t = TrainOptions::default().seed)]
    seed: u64,
    /// Where to write the model (written atomically): JSON, or the compact binary form when
    /// the name ends in `.bin`.
    #[arg(help_heading = OUTPUT, long, value_name = "MODEL.json")]
    out: PathBuf,
    #[command(flatten)]
    common: CommonArgs,
}

#[derive(Clone, Copy, ValueEnum)]
enum WeightingArg {
    Tf,
    TfIdf,
}

#[derive(Clone, Copy, ValueEnum)]
enum FormatArg {
    Table,
    /// One JSON object per article per line (JSON Lines); also `jsonl`.
    #[value(alias = "jsonl")]
    Json,
    Csv,
    Html,
}

#[derive(Args)]
struct ClassifyArgs {
    /// Articles: files, directories, or - for stdin (default).
    #[arg(value_name = "FILE")]
    inputs: Vec<PathBuf>,
    /// Stance model (default: the shipped one, built in).
    #[arg(long)]
    model: Option<PathBuf>,
    /// Sentiment model (default: the shipped one, built in, when present).
    #[arg(long)]
    sentiment_model: Option<PathBuf>,
    /// Do not report sentiment.
    #[arg(long)]
    no_sentiment: bool,
    /// Output format (default: table on a terminal, json otherwise).
    #[arg(long, value_enum)]
    format: Option<FormatArg>,
    /// Report stances below this confidence as neutral.
    #[arg(long, default_value_t = 0.0)]
    min_confidence: f64,
    /// Attach the features that drove each label (JSON: evidence[].explanation).
    #[arg(long)]
    explain: bool,
    /// A contextual reader (a directory written by python/train_reader.py) whose reading of
    /// each (sentence, actor) is blended with the stance model's; needs the `embeddings` build.
    #[arg(long, value_name = "DIR")]
    reader: Option<PathBuf>,
    /// How inputs store articles (default: from the name of a file given, ignoring .gz:
    /// .jsonl/.ndjson → jsonl, .csv → csv, else one plain article; the files of a directory are
    /// plain articles). Gzip is decompressed on the fly.
    #[arg(long, value_enum)]
    input_format: Option<InputFormatArg>,
    /// The field (JSON Lines) or column (CSV) holding each article's id.
    #[arg(long, default_value = "id")]
    id_field: String,
    /// The field or column holding each article's text.
    #[arg(long, default_value = "text")]
    text_field: String,
    /// Further input fields to pass through to the output, comma-separated.
    #[arg(long, value_delimiter = ',', value_name = "FIELD,...")]
    keep_fields: Vec<String>,
    /// Skip malformed records with a warning each (and a count at the end) instead of stopping.
    #[arg(long)]
    skip_bad: bool,
    /// Articles read and classified together (memory is bounded by this many articles).
    #[arg(long, default_value_t = 256, value_name = "N")]
    chunk: usize,
    /// Write here instead of stdout (atomically: the file appears only when all went well).
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
    #[command(flatten)]
    common: CommonArgs,
}

#[derive(Clone, Copy, ValueEnum)]
enum InputFormatArg {
    /// One JSON object per line.
    Jsonl,
    /// CSV with a header row.
    Csv,
    /// Each file is one article.
    Text,
}

#[derive(Args)]
struct EvaluateArgs {
    /// Labelled CSV file; repeatable.
    #[arg(long, value_name = "FILE.csv", required_unless_present = "articles")]
    data: Vec<PathBuf>,
    /// Score classify on DIR/*.txt against DIR/gold.csv (article,actor,stance).
    #[arg(long, value_name = "DIR")]
    articles: Option<PathBuf>,
    /// With --articles: blend this contextual reader with the model, as classify --reader.
    #[arg(long, value_name = "DIR", requires = "articles")]
    reader: Option<PathBuf>,
    /// With --articles: report stances below this confidence as neutral, as classify
    /// --min-confidence.
    #[arg(long, default_value_t = 0.0, requires = "articles")]
    min_confidence: f64,
    /// Model to score (default: the shipped stance model).
    #[arg(long)]
    model: Option<PathBuf>,
    /// Cross-validate the model's training recipe on the data with K stratified folds.
    #[arg(long, value_name = "K")]
    cv: Option<usize>,
    /// Label column (default: the one the model learned).
    #[arg(long)]
    label: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    format: EvalFormat,
    /// Also write a self-contained HTML report (tables, confusion heat map, calibration, worst errors).
    #[arg(long, value_name = "FILE.html")]
    report: Option<PathBuf>,
    /// Also write every scored row to this CSV (file, line, text, actor, truth, predicted,
    /// confidence, then p:LABEL for each label); out-of-fold predictions with --cv.
    #[arg(long, value_name = "FILE.csv")]
    predictions: Option<PathBuf>,
    /// Also write the plots as SVG files into this folder.
    #[arg(long, value_name = "DIR")]
    plots: Option<PathBuf>,
    #[command(flatten)]
    common: CommonArgs,
}

#[derive(Clone, Copy, ValueEnum)]
enum EvalFormat {
    Text,
    Json,
}

fn parse_range(s: &str) -> std::result::Result<(usize, usize), String> {
    let (a, b) = s.split_once('-').unwrap_or((s, s));
    let a: usize = a
        .trim()
        .parse()
        .map_err(|_| format!("{s:?}: expected MIN-MAX, e.g. 1-2"))?;
    let b: usize = b
        .trim()
        .parse()
        .map_err(|_| format!("{s:?}: expected MIN-MAX, e.g. 1-2"))?;
    if a == 0 || b < a {
        return Err(format!("{s:?}: need 1 <= MIN <= MAX"));
    }
    Ok((a, b))
}

/// Character n-gram orders, or none ("off").
#[derive(Clone, Copy)]
struct CharNgrams(Option<(usize, usize)>);

fn parse_opt_range(s: &str) -> std::result::Result<CharNgrams, String> {
    if s == "off" || s == "none" {
        Ok(CharNgrams(None))
    } else {
        parse_range(s).map(|r| CharNgrams(Some(r)))
    }
}

fn main() {
    let cli = Cli::parse();
    if let Err(e) = run(cli) {
        if is_broken_pipe(&e) {
            std::process::exit(0);
        }
        let message = describe(&e);
        match flag_of(&e) {
            Some(flag) => eprintln!("stance: error: {flag}: {message}"),
            None => eprintln!("stance: error: {message}{}", cli_hint(&e)),
        }
        std::process::exit(1);
    }
}

/// The error and its causes, joined by ": ", leaving out a cause whose text the message
/// already ends with (a library error that prints its source, as "FILE: No such file").
fn describe(e: &anyhow::Error) -> String {
    let mut out = String::new();
    for cause in e.chain() {
        let text = cause.to_string();
        if out.ends_with(&text) {
            continue;
        }
        if !out.is_empty() {
            out.push_str(": ");
        }
        out.push_str(&text);
    }
    out
}

/// The library's warnings, one line each on stderr.
fn print_warnings(warnings: &[String]) {
    for w in warnings {
        eprintln!("warning: {w}");
    }
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            || c.to_string().contains("Broken pipe")
    })
}

fn run(cli: Cli) -> Result<()> {
    let encoders = Encoders {
        given: cli.embeddings.as_deref().map(Encoder::load).transpose()?,
    };
    let enc = &encoders;
    match cli.command {
        Command::Train(a) => train(a, encoders.given.as_ref()),
        Command::Classify(a) => classify(a, enc),
        Command::Evaluate(a) => evaluate(a, enc),
        Command::Import(a) => import(a),
        Command::Explain(a) => explain(a, enc),
        Command::Inspect(a) => inspect(a, enc),
        Command::Convert(a) => {
            enc.load_model(a.model.as_deref())?.save(&a.out)?;
            Ok(())
        }
        Command::Completions { shell } => {
            clap_complete::generate(
                shell,
                &mut <Cli as clap::CommandFactory>::command(),
                "stance",
                &mut std::io::stdout(),
            );
            Ok(())
        }
        Command::Man => {
            clap_mangen::Man::new(<Cli as clap::CommandFactory>::command())
                .render(&mut std::io::stdout())?;
            Ok(())
        }
    }
}

fn explain(a: ExplainArgs, enc: &Encoders) -> Result<()> {
    let model = enc.load_model(a.model.as_deref())?;
    let dict = commands::load_dictionary(&a.common.actors)?;
    let (e, warnings) = commands::explain(&model, &dict, &a.text, &a.actor, a.top)?;
    print_warnings(&warnings);
    let mut out = std::io::stdout().lock();
    match a.format {
        EvalFormat::Json => writeln!(out, "{}", serde_json::to_string(&e)?)?,
        EvalFormat::Text => {
            writeln!(
                out,
                "{} {:.3}   runner-up {} {:.3}",
                e.label, e.confidence, e.runner_up, e.runner_up_probability
            )?;
            writeln!(
                out,
                "{:<40} {:>8}  {:<10} {:>7}",
                "feature", "margin", "favours", "value"
            )?;
            for f in &e.features {
                writeln!(
                    out,
                    "{:<40} {:>+8.3}  {:<10} {:>7.3}",
                    f.feature, f.margin, f.toward, f.value
                )?;
            }
        }
    }
    Ok(())
}

fn inspect(a: InspectArgs, enc: &Encoders) -> Result<()> {
    let model = enc.load_model(a.model.as_deref())?;
    let report = commands::inspect(&model, a.top);
    let mut out = std::io::stdout().lock();
    match a.format {
        EvalFormat::Json => writeln!(out, "{}", serde_json::to_string(&report)?)?,
        EvalFormat::Text => write!(out, "{}", report.to_text())?,
    }
    Ok(())
}

fn import(a: ImportArgs) -> Result<()> {
    let mut buf = Vec::new();
    let n = match a.format {
        ImportFormat::Newsmtsc => stance::import::newsmtsc(&a.input, a.further_mentions, &mut buf)?,
        ImportFormat::Tweeteval => stance::import::tweeteval(&a.input, &a.split, &mut buf)?,
    };
    match &a.out {
        Some(p) => stance::io::write_atomic(p, &buf)?,
        None => std::io::stdout().lock().write_all(&buf)?,
    }
    eprintln!("imported {n} rows");
    Ok(())
}

fn train(a: TrainArgs, encoder: Option<&Encoder>) -> Result<()> {
    if encoder.is_none() && a.embedding_weight != 1.0 {
        anyhow::bail!("--embedding-weight needs --embeddings DIR (the sentence encoder)");
    }
    let features = feature_options(&a, encoder)?;
    let cfg = TrainConfig {
        data: a.data,
        out: a.out.clone(),
        label: a.label,
        options: TrainOptions::params()
            .features(features)
            .l2(a.l2)
            .max_iter(a.max_iter)
            .tol(a.tol)
            .balanced(!a.unbalanced)
            .nb_prior(a.nb_prior)
            .seed(a.seed)
            .check()?,
        tune: a.tune,
        tune_budget: std::time::Duration::from_secs(a.tune_budget),
        cv: a.cv,
        validation: a.validation,
        actors: a.common.actors,
        csv: CsvOptions {
            lossy: a.common.lossy,
        },
    };
    let summary = commands::train(&cfg, &Bars::new(a.common.quiet))?;
    print_warnings(&summary.warnings);
    print!("{}", summary.to_text(&a.out));
    Ok(())
}

fn classify(a: ClassifyArgs, enc: &Encoders) -> Result<()> {
    // The two models and the actor dictionary are independent: load them side by side (most of
    // the start-up time of a one-article run).
    let ((stance_model, sentiment_model), dictionary) = rayon::join(
        || {
            rayon::join(
                || enc.load_model(a.model.as_deref()),
                || -> Result<_> {
                    if a.no_sentiment {
                        return Ok(None);
                    }
                    Ok(match &a.sentiment_model {
                        Some(p) => Some(Classifier::load_with(p, &|s| enc.find(s))?),
                        None => stance::default_sentiment_model().transpose()?,
                    })
                },
            )
        },
        || commands::load_dictionary(&a.common.actors),
    );
    let (stance_model, sentiment_model, dictionary) =
        (stance_model?, sentiment_model?, dictionary?);
    let reader = a.reader.as_deref().map(Reader::load).transpose()?;
    let analyzer = AnalyzerParams::new(&stance_model, &dictionary)
        .sentiment(sentiment_model.as_ref())
        .reader(reader.as_ref())
        .min_confidence(a.min_confidence)
        .explain(if a.explain { 8 } else { 0 })
        .check()?;
    // Colour only on a terminal (not into --out), and never with NO_COLOR (https://no-color.org).
    let terminal = a.out.is_none() && std::io::stdout().is_terminal();
    let colour = terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    let format = match a.format {
        Some(FormatArg::Table) => ClassifyFormat::Table(colour),
        Some(FormatArg::Json) => ClassifyFormat::Json,
        Some(FormatArg::Csv) => ClassifyFormat::Csv,
        Some(FormatArg::Html) => ClassifyFormat::Html,
        None if terminal => ClassifyFormat::Table(colour),
        None => ClassifyFormat::Json,
    };
    let cfg = ClassifyConfig {
        inputs: a.inputs,
        format,
        dump: DumpOptions {
            format: a.input_format.map(|f| match f {
                InputFormatArg::Jsonl => DumpFormat::Jsonl,
                InputFormatArg::Csv => DumpFormat::Csv,
                InputFormatArg::Text => DumpFormat::Text,
            }),
            id_field: a.id_field,
            text_field: a.text_field,
            keep_fields: a.keep_fields,
            lossy: a.common.lossy,
        },
        stream: StreamOptions {
            chunk: a.chunk,
            skip_bad: a.skip_bad,
        },
    };
    let bars = Bars::new(a.common.quiet);
    let mut warn = |e: &stance::StanceError| eprintln!("warning: skipped {e}");
    let summary = match &a.out {
        Some(path) => {
            let mut file = stance::io::AtomicFile::create(path)?;
            let summary = commands::classify(&analyzer, &cfg, &mut file, &mut warn, &bars)?;
            file.commit()?;
            summary
        }
        None => {
            let stdout = std::io::stdout();
            let mut out = std::io::BufWriter::new(stdout.lock());
            commands::classify(&analyzer, &cfg, &mut out, &mut warn, &bars)?
        }
    };
    if summary.skipped > 0 {
        eprintln!(
            "stance: skipped {} bad records; classified {} articles",
            summary.skipped, summary.articles
        );
    }
    print_warnings(&summary.warnings);
    Ok(())
}

fn evaluate(a: EvaluateArgs, enc: &Encoders) -> Result<()> {
    let model = enc.load_model(a.model.as_deref())?;
    let mut out = std::io::stdout().lock();
    if let Some(dir) = &a.articles {
        let dictionary = commands::load_dictionary(&a.common.actors)?;
        let reader = a.reader.as_deref().map(Reader::load).transpose()?;
        let analyzer = AnalyzerParams::new(&model, &dictionary)
            .reader(reader.as_ref())
            .min_confidence(a.min_confidence)
            .check()?;
        let (ev, results) = commands::evaluate_articles(&analyzer, dir)
            .with_context(|| format!("evaluating {}", dir.display()))?;
        let s = &ev.scores;
        match a.format {
            EvalFormat::Json => writeln!(out, "{}", serde_json::to_string(&ev)?)?,
            EvalFormat::Text => {
                let (lo, hi) = ev.f1_interval;
                writeln!(
                    out,
                    "article pairs: gold {}  predicted {}  correct {}\nprecision {:.3}  recall {:.3}  F1 {:.3} (95% interval {lo:.3}–{hi:.3}, resampling articles)\n\nerrors by cause:\n{}",
                    s.gold,
                    s.predicted,
                    s.correct,
                    s.precision,
                    s.recall,
                    s.f1,
                    ev.errors.to_markdown()
                )?;
                for (art, actor, st) in &s.missed {
                    writeln!(out, "  missed   {art}: {actor} {st}")?;
                }
                for (art, actor, st) in &s.spurious {
                    writeln!(out, "  spurious {art}: {actor} {st}")?;
                }
            }
        }
        if a.data.is_empty() {
            if let Some(path) = &a.report {
                let title = format!("stance article evaluation: {}", dir.display());
                stance::io::write_atomic(
                    path,
                    stance::report::articles_html(&title, s, &results).as_bytes(),
                )?;
                eprintln!("wrote {}", path.display());
            }
            return Ok(());
        }
    }
    let cfg = EvaluateConfig {
        data: a.data,
        label: a.label,
        cv: a.cv,
        actors: a.common.actors,
        csv: CsvOptions {
            lossy: a.common.lossy,
        },
        predictions: a.predictions,
    };
    let evaluation = commands::evaluate(&model, &cfg, &Bars::new(a.common.quiet))?;
    print_warnings(&evaluation.warnings);
    let (m, rows) = (evaluation.metrics, evaluation.rows);
    if let Some(path) = &a.report {
        let title = format!(
            "stance evaluation: {}",
            cfg.data
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(", ")
        );
        stance::io::write_atomic(
            path,
            stance::report::evaluation_html(&title, &m, &rows, 25).as_bytes(),
        )?;
        eprintln!("wrote {}", path.display());
    }
    if let Some(dir) = &a.plots {
        std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
        stance::io::write_atomic(
            &dir.join("confusion.svg"),
            stance::report::confusion_svg(&m).as_bytes(),
        )?;
        stance::io::write_atomic(
            &dir.join("reliability.svg"),
            stance::report::reliability_svg(&rows, 10).as_bytes(),
        )?;
        eprintln!("wrote {}/confusion.svg and reliability.svg", dir.display());
    }
    match a.format {
        EvalFormat::Json => writeln!(out, "{}", serde_json::to_string(&m)?)?,
        EvalFormat::Text => write!(out, "{}", m.to_text())?,
    }
    Ok(())
}
