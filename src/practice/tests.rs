//! The practice round's data, clock and scorecard, with the clock faked.

use super::*;
use crate::catalog::Catalog;

#[test]
fn every_shipped_question_parses_with_a_brief_and_numbers_to_ask_for() {
    assert_eq!(
        questions().len(),
        crate::embedded::QUESTION_FILES.len(),
        "every file parses"
    );
    assert!(questions().len() >= 12);
    for q in questions() {
        assert!(!q.title.is_empty() && q.brief.len() > 80, "{}", q.id);
        assert!(q.ask_for.len() >= 3, "{}", q.id);
    }
    assert!(questions().iter().any(|q| q.level == Level::L6) && questions().iter().any(|q| q.level == Level::L7));
}

#[test]
fn the_plan_fills_the_round_in_the_seeds_proportions() {
    let p = plan(60.0);
    let total: f64 = p.iter().map(|(_, m)| m).sum();
    assert!((total - 60.0).abs() < 1e-9);
    let deep = p
        .iter()
        .find(|(ph, _)| *ph == Phase::DeepDive)
        .map(|(_, m)| *m)
        .unwrap_or(0.0);
    let reqs = p[0].1;
    assert!(deep > reqs * 2.0, "the deep dive gets the most time: {deep} vs {reqs}");
}

#[test]
fn phases_advance_by_themselves_by_hand_and_not_while_paused() {
    let mut r = Round::start("URL shortener", Level::L6, 10.0, 1000.0);
    assert_eq!(r.phase(), Phase::Requirements);
    let first = plan(10.0)[0].1 * 60.0;
    assert_eq!(r.tick(1000.0 + first - 1.0), None);
    assert_eq!(r.tick(1000.0 + first + 1.0), Some(Phase::HighLevel));
    r.pause(1000.0 + first + 1.0);
    assert_eq!(r.tick(1000.0 + 10_000.0), None, "a paused clock stands still");
    assert!(r.state(5000.0).paused);
    r.resume(20_000.0);
    r.next_phase(20_010.0);
    assert_eq!(r.phase(), Phase::DeepDive);
    let spent = r.timing(20_010.0);
    assert!(
        (spent[1].2 * 60.0 - 11.0).abs() < 1e-6,
        "high-level ran 1 s before the pause and 10 after: {spent:?}"
    );
    r.end(20_020.0);
    assert!(r.ended());
    assert_eq!(r.tick(1e9), None);
    assert!(
        (r.elapsed(1e9) - r.elapsed(20_020.0)).abs() < 1e-9,
        "an ended round's clock stops"
    );
}

#[test]
fn a_round_left_running_reaches_the_last_phase_and_stays() {
    let mut r = Round::start("q", Level::L7, 90.0, 0.0);
    assert_eq!(r.tick(1e6), Some(Phase::Operations));
    assert_eq!(r.phase_starts.len(), 5);
    assert!(r.state(1e6).round_left < 0.0);
}

#[test]
fn notes_get_a_section_per_phase_and_keep_what_was_written() {
    let notes = notes_with_sections("10k rps\n");
    for phase in Phase::ALL {
        assert!(notes.contains(phase.notes_heading()));
    }
    assert!(notes.starts_with("10k rps\n"));
    assert_eq!(
        notes_with_sections(&notes),
        notes,
        "adding sections twice changes nothing"
    );
    let filled = notes.replace("## APIs\n", "## APIs\nPOST /links\n");
    assert_eq!(notes_section(&filled, Phase::HighLevel), "POST /links");
    assert_eq!(notes_section(&filled, Phase::DeepDive), "");
}

fn lines_of(card: &Scorecard, d: Dimension) -> Vec<Line> {
    card.dimensions
        .iter()
        .find(|(x, _)| *x == d)
        .map(|(_, l)| l.clone())
        .unwrap_or_default()
}

#[test]
fn a_well_designed_preset_scores_better_than_a_bare_board() {
    let catalog = Catalog::builtin();
    let good = crate::presets::board("black_friday_cart").expect("preset");
    let mut bare = crate::model::Board::new("bare");
    bare.nodes.push(crate::model::Node::new(
        "fn",
        "lambda",
        "Handler",
        crate::model::Point(0.0, 0.0),
    ));
    bare.nodes.push(crate::model::Node::new(
        "db",
        "dynamodb",
        "Table",
        crate::model::Point(200.0, 0.0),
    ));
    bare.edges.push(crate::model::Edge::new("fn", "db"));
    let good_card = scorecard(&good, catalog, None, 0.0);
    let bare_card = scorecard(&bare, catalog, None, 0.0);
    assert!(
        good_card.red_flags.len() < bare_card.red_flags.len(),
        "{}\n{}",
        good_card.to_markdown(),
        bare_card.to_markdown()
    );
    assert!(
        lines_of(&good_card, Dimension::Cost)
            .iter()
            .any(|l| l.good && l.text.starts_with("estimates $"))
    );
    assert!(
        lines_of(&bare_card, Dimension::Cost)
            .iter()
            .any(|l| !l.good && l.text == "no cost estimate")
    );
    assert!(
        lines_of(&good_card, Dimension::Scale)
            .iter()
            .any(|l| !l.good && l.text.starts_with("at 10x:")),
        "what breaks at ten times the load is named"
    );
    assert!(
        lines_of(&good_card, Dimension::Scale)
            .iter()
            .any(|l| l.good && l.text.starts_with("states a load"))
    );
    assert!(bare_card.red_flags.iter().any(|f| f.dimension == Dimension::Scale));
    assert!(
        bare_card
            .red_flags
            .iter()
            .any(|f| f.dimension == Dimension::Performance)
    );
    let md = bare_card.to_markdown();
    assert!(
        md.contains("## Red flags") && md.contains("Designs for thousands, not billions"),
        "{md}"
    );
}

#[test]
fn the_scorecard_carries_the_round_timing() {
    let board = crate::model::Board::new("b");
    let mut r = Round::start("Real-time chat", Level::L6, 30.0, 0.0);
    r.next_phase(120.0);
    r.end(300.0);
    let card = scorecard(&board, Catalog::builtin(), Some(&r), 300.0);
    assert_eq!(card.title, "Real-time chat");
    assert_eq!(card.timing.len(), 5);
    assert!((card.timing[0].2 - 2.0).abs() < 1e-9 && (card.timing[1].2 - 3.0).abs() < 1e-9);
    assert!(card.to_markdown().contains("| Requirements |"));
}
