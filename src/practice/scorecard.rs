//! The scorecard: what the board shows and lacks on each dimension interviewers weigh, judged
//! from the board itself (the review by pillar, the numbers at the stated load and at ten times
//! it, the notes), the red flags that apply in the seeds' words, and the time per phase.

use std::fmt::Write;

use super::{Phase, Round, notes_section};
use crate::catalog::Catalog;
use crate::critique::{self, Finding, Pillar, Review, Severity};
use crate::model::{Board, Node};
use crate::numbers::readable;

/// The six dimensions of the seeds' "what interviewers evaluate".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dimension {
    /// Handles the traffic asked for, and ten times it.
    Scale,
    /// Survives failures.
    Reliability,
    /// Fast enough, with figures to show it.
    Performance,
    /// Cost-effective at scale.
    Cost,
    /// Defence in depth.
    Security,
    /// Easy to run and to watch.
    Operability,
}

impl Dimension {
    /// Every dimension, in the seeds' order.
    pub const ALL: [Dimension; 6] = [
        Dimension::Scale,
        Dimension::Reliability,
        Dimension::Performance,
        Dimension::Cost,
        Dimension::Security,
        Dimension::Operability,
    ];

    /// The dimension's name.
    pub fn title(self) -> &'static str {
        match self {
            Dimension::Scale => "Scale",
            Dimension::Reliability => "Reliability",
            Dimension::Performance => "Performance",
            Dimension::Cost => "Cost",
            Dimension::Security => "Security",
            Dimension::Operability => "Operability",
        }
    }

    /// The seeds' red flag for the dimension.
    pub fn red_flag(self) -> &'static str {
        match self {
            Dimension::Scale => "Designs for thousands, not billions",
            Dimension::Reliability => "Ignores failure modes",
            Dimension::Performance => "No performance metrics",
            Dimension::Cost => "Over-engineered solution",
            Dimension::Security => "Security as an afterthought",
            Dimension::Operability => "Complex operations",
        }
    }

    /// What a board must state to earn the dimension, for "states no ..." lines.
    fn evidence_sought(self) -> &'static str {
        match self {
            Dimension::Reliability => "redundancy (multi-AZ, backups, dead-letter queues or a second zone)",
            Dimension::Security => "protection (authentication, encryption at rest or a web firewall)",
            Dimension::Operability => "monitoring (CloudWatch metrics and alarms or X-Ray tracing)",
            Dimension::Performance => "caching",
            Dimension::Scale | Dimension::Cost => "figures",
        }
    }

    /// The review pillar whose findings speak for the dimension.
    fn pillar(self) -> Option<Pillar> {
        match self {
            Dimension::Scale => None,
            Dimension::Reliability => Some(Pillar::Reliability),
            Dimension::Performance => Some(Pillar::Performance),
            Dimension::Cost => Some(Pillar::Cost),
            Dimension::Security => Some(Pillar::Security),
            Dimension::Operability => Some(Pillar::Monitoring),
        }
    }
}

/// One line of the scorecard: something the board shows (`good`) or lacks, with the nodes it
/// concerns (empty when it concerns the notes or the board as a whole).
#[derive(Clone, Debug, PartialEq)]
pub struct Line {
    /// What the board shows or lacks, in a sentence.
    pub text: String,
    /// Shows (true) or lacks (false).
    pub good: bool,
    /// The node ids it points at.
    pub nodes: Vec<String>,
}

/// A red flag that applies, with why.
#[derive(Clone, Debug, PartialEq)]
pub struct RedFlag {
    /// The dimension it belongs to.
    pub dimension: Dimension,
    /// Why it applies to this board.
    pub why: String,
}

/// The judgement of a board, with a round's timing when there was one.
#[derive(Clone, Debug, PartialEq)]
pub struct Scorecard {
    /// The question (or the board's title without a round).
    pub title: String,
    /// Per dimension, what the board shows and lacks.
    pub dimensions: Vec<(Dimension, Vec<Line>)>,
    /// The red flags that apply.
    pub red_flags: Vec<RedFlag>,
    /// Per phase: planned and spent minutes (empty without a round).
    pub timing: Vec<(Phase, f64, f64)>,
}

/// Judges `board` as an interviewer would, from the board itself.
pub fn scorecard(board: &Board, catalog: &Catalog, round: Option<&Round>, now: f64) -> Scorecard {
    let review = critique::review(board, catalog);
    let at_10x = critique::review_at(board, catalog, 10.0);
    scorecard_from(board, &review, &at_10x, round, now)
}

/// [`scorecard`] from the board's review and its review at ten times the load, for a caller that
/// has both cached (the app, which draws the scorecard every frame while it is open).
pub fn scorecard_from(board: &Board, review: &Review, at_10x: &Review, round: Option<&Round>, now: f64) -> Scorecard {
    let numbers = &review.numbers;
    let open = |f: &&Finding| f.accepted.is_none() && f.severity >= Severity::Warning;
    let requirements = notes_section(&board.notes, Phase::Requirements);
    let peak = numbers.peak_in(board);
    let latency_in_notes = board.notes.to_lowercase().contains("ms") || board.notes.to_lowercase().contains("latency");

    // Services drawn, notes aside: an empty board has nothing to show on any dimension.
    let drawn = board.nodes.iter().any(|n| n.service != "note");
    let mut dimensions = Vec::new();
    let mut red_flags = Vec::new();
    for dimension in Dimension::ALL {
        let mut lines = Vec::new();
        let mut flagged: Option<String> = None;
        if let Some(pillar) = dimension.pillar() {
            let issues: Vec<&Finding> = review
                .findings
                .iter()
                .filter(|f| f.pillar == pillar)
                .filter(open)
                .collect();
            for f in &issues {
                lines.push(Line {
                    text: f.message.clone(),
                    good: false,
                    nodes: f.nodes.clone(),
                });
            }
            for f in review
                .findings
                .iter()
                .filter(|f| f.pillar == pillar && f.accepted.is_some())
            {
                lines.push(Line {
                    text: format!(
                        "{} (accepted: {})",
                        f.message,
                        f.accepted.as_deref().unwrap_or_default()
                    ),
                    good: true,
                    nodes: f.nodes.clone(),
                });
            }
            let shown = evidence(board, dimension);
            let judged = matches!(
                dimension,
                Dimension::Reliability | Dimension::Security | Dimension::Operability
            );
            if !drawn {
                lines.push(Line {
                    text: "nothing is drawn yet to judge".into(),
                    good: false,
                    nodes: Vec::new(),
                });
            } else if judged && shown.is_empty() && issues.is_empty() {
                lines.push(Line {
                    text: format!("states no {}", dimension.evidence_sought()),
                    good: false,
                    nodes: Vec::new(),
                });
            } else if issues.is_empty() {
                lines.push(Line {
                    text: format!("no open {} warnings", pillar.title().to_lowercase()),
                    good: true,
                    nodes: Vec::new(),
                });
            }
            lines.extend(shown.iter().cloned());
            if judged {
                if !drawn {
                    flagged = Some("nothing is drawn yet".into());
                } else if !issues.is_empty() {
                    let what = format!("open {} finding", pillar.title().to_lowercase());
                    flagged = Some(crate::text::count(issues.len(), &what));
                } else if shown.is_empty() {
                    flagged = Some(format!("the board states no {}", dimension.evidence_sought()));
                }
            }
        }
        match dimension {
            Dimension::Scale => {
                if numbers.states_load {
                    lines.push(Line {
                        text: format!("states a load: {} requests/s at peak in", readable(peak)),
                        good: true,
                        nodes: Vec::new(),
                    });
                    let breaks: Vec<&Finding> = at_10x
                        .findings
                        .iter()
                        .filter(|f| matches!(f.rule, "performance.over_limit" | "performance.under_provisioned"))
                        .filter(open)
                        .collect();
                    if breaks.is_empty() {
                        lines.push(Line {
                            text: "nothing breaks at ten times the load".into(),
                            good: true,
                            nodes: Vec::new(),
                        });
                    }
                    for f in breaks {
                        lines.push(Line {
                            text: format!("at 10x: {}", f.message),
                            good: false,
                            nodes: f.nodes.clone(),
                        });
                    }
                } else {
                    lines.push(Line {
                        text: "no load stated: set `rps` on the clients to size the design".into(),
                        good: false,
                        nodes: Vec::new(),
                    });
                }
                if requirements.is_empty() {
                    lines.push(Line {
                        text: "the notes hold no requirements or numbers".into(),
                        good: false,
                        nodes: Vec::new(),
                    });
                } else {
                    lines.push(Line {
                        text: "the notes state the requirements".into(),
                        good: true,
                        nodes: Vec::new(),
                    });
                }
                if !numbers.states_load || peak < 1_000.0 {
                    flagged = Some(if numbers.states_load {
                        format!("the stated peak is {} requests/s", readable(peak))
                    } else {
                        "no load is stated".into()
                    });
                }
            }
            Dimension::Performance if !numbers.states_load && !latency_in_notes => {
                flagged = Some("no load and no latency target are stated".into());
            }
            Dimension::Cost => {
                if numbers.monthly_usd > 0.0 {
                    let per_million = numbers
                        .usd_per_million_requests
                        .map_or(String::new(), |c| format!(", ${} per million requests", readable(c)));
                    lines.push(Line {
                        text: format!("estimates ${} a month{per_million}", readable(numbers.monthly_usd)),
                        good: true,
                        nodes: Vec::new(),
                    });
                } else {
                    lines.push(Line {
                        text: "no cost estimate".into(),
                        good: false,
                        nodes: Vec::new(),
                    });
                }
                let services = board
                    .nodes
                    .iter()
                    .filter(|n| n.service != "note" && n.service != "client")
                    .count();
                if numbers.states_load && peak < 100.0 && services > 12 {
                    flagged = Some(format!("{services} services for {} requests/s", readable(peak)));
                }
            }
            _ => {}
        }
        if let Some(why) = flagged {
            red_flags.push(RedFlag { dimension, why });
        }
        dimensions.push((dimension, lines));
    }
    Scorecard {
        title: round.map_or_else(|| board.title.clone(), |r| r.question.clone()),
        dimensions,
        red_flags,
        timing: round.map(|r| r.timing(now)).unwrap_or_default(),
    }
}

/// A test a node passes when it carries one kind of evidence.
type Evidence = Box<dyn Fn(&Node) -> bool>;

/// What the board states in its favour on `dimension`, by the coverage conventions of
/// ARCHITECTURE.md: each kind of evidence once, naming the nodes that carry it. A board earns
/// these lines by what it shows, not by the absence of findings (an empty board has none).
fn evidence(board: &Board, dimension: Dimension) -> Vec<Line> {
    fn is(n: &Node, key: &str) -> bool {
        n.prop(key) == Some("true")
    }
    let kinds: Vec<(&str, Evidence)> = match dimension {
        Dimension::Reliability => vec![
            ("multi-AZ", Box::new(|n| is(n, "multi_az"))),
            ("backups", Box::new(|n| is(n, "backup") || n.service == "backup")),
            ("dead-letter queues", Box::new(|n| is(n, "dlq"))),
        ],
        Dimension::Security => vec![
            (
                "authentication",
                Box::new(|n| n.prop("auth").is_some_and(|a| !a.is_empty() && a != "none") || n.service == "cognito"),
            ),
            (
                "encryption at rest",
                Box::new(|n| is(n, "encrypted") || n.service == "kms"),
            ),
            (
                "a web firewall",
                Box::new(|n| is(n, "waf") || matches!(n.service.as_str(), "waf" | "shield")),
            ),
        ],
        Dimension::Operability => vec![
            ("metrics and alarms", Box::new(|n| n.service == "cloudwatch")),
            ("tracing", Box::new(|n| n.service == "xray")),
        ],
        Dimension::Performance => vec![(
            "caching",
            Box::new(|n| matches!(n.service.as_str(), "elasticache" | "dax" | "cloudfront" | "cache")),
        )],
        Dimension::Scale | Dimension::Cost => Vec::new(),
    };
    let mut lines: Vec<Line> = kinds
        .into_iter()
        .filter_map(|(what, has)| {
            let nodes: Vec<&Node> = board.nodes.iter().filter(|n| has(n)).collect();
            (!nodes.is_empty()).then(|| Line {
                text: format!("{what}: {}", names(&nodes)),
                good: true,
                nodes: nodes.iter().map(|n| n.id.clone()).collect(),
            })
        })
        .collect();
    let zones = board
        .groups
        .iter()
        .filter(|g| g.kind == crate::model::GroupKind::AvailabilityZone)
        .count();
    if dimension == Dimension::Reliability && zones >= 2 {
        lines.push(Line {
            text: format!("spread over {zones} availability zones"),
            good: true,
            nodes: Vec::new(),
        });
    }
    lines
}

/// "Orders table, Sessions and 3 more": the first names of `nodes`.
fn names(nodes: &[&Node]) -> String {
    let shown: Vec<&str> = nodes
        .iter()
        .take(3)
        .map(|n| {
            if n.label.is_empty() {
                n.id.as_str()
            } else {
                n.label.as_str()
            }
        })
        .collect();
    match nodes.len().saturating_sub(3) {
        0 => shown.join(", "),
        more => format!("{} and {more} more", shown.join(", ")),
    }
}

impl Scorecard {
    /// The scorecard as Markdown, to save beside the board.
    pub fn to_markdown(&self) -> String {
        let mut out = format!("# Scorecard: {}\n", self.title);
        for (dimension, lines) in &self.dimensions {
            let _ = write!(out, "\n## {}\n\n", dimension.title());
            for line in lines {
                let mark = if line.good { "shows" } else { "lacks" };
                let nodes = if line.nodes.is_empty() {
                    String::new()
                } else {
                    format!(" ({})", line.nodes.join(", "))
                };
                let _ = writeln!(out, "- {mark}: {}{nodes}", line.text);
            }
        }
        out.push_str("\n## Red flags\n\n");
        if self.red_flags.is_empty() {
            out.push_str("None.\n");
        }
        for flag in &self.red_flags {
            let _ = writeln!(out, "- {}: {}", flag.dimension.red_flag(), flag.why);
        }
        if !self.timing.is_empty() {
            out.push_str("\n## Time per phase\n\n| phase | planned | spent |\n|---|---|---|\n");
            for (phase, planned, spent) in &self.timing {
                let _ = writeln!(out, "| {} | {planned:.1} min | {spent:.1} min |", phase.title());
            }
        }
        out
    }
}
