//! A whole short practice round played in the app, its clock faked by egui's frame time: start,
//! draw in two phases, let a phase advance by itself, move on by hand, end, read the scorecard.

mod common;

use archboard::practice::{Dimension, Level, Phase, scorecard};
use archboard::ui::Command;
use egui_kittest::kittest::Queryable;

/// The round's phase after the last frame.
fn phase(h: &egui_kittest::Harness<'_, archboard::ui::App>) -> Option<Phase> {
    h.state().practice.round.as_ref().map(archboard::practice::Round::phase)
}

#[test]
fn a_short_round_is_played_through_to_its_scorecard() {
    let mut h = common::app();
    h.run();
    h.state_mut().send(Command::PracticeRound);
    h.run();
    assert!(
        h.state().practice.setup.is_some(),
        "File > Practice round opens the setup"
    );
    h.state_mut().send(Command::StartRound {
        question: "URL shortener".into(),
        level: Level::L6,
        minutes: 1.0,
    });
    h.run_steps(2);
    assert_eq!(phase(&h), Some(Phase::Requirements));
    assert_eq!(h.state().doc.board.title, "URL shortener");
    assert!(h.state().doc.board.notes.contains("## Requirements and numbers"));
    h.get_by_label("Next phase");

    // Requirements: a client. Then let the phase run out by itself (a minute's round gives it
    // about eight seconds: 60 frames a second).
    h.state_mut().send(Command::AddService {
        service: "client".into(),
        at: None,
    });
    h.run_steps(2);
    let mut frames = 0;
    while phase(&h) == Some(Phase::Requirements) && frames < 1_200 {
        h.step();
        frames += 1;
    }
    assert_eq!(
        phase(&h),
        Some(Phase::HighLevel),
        "the phase advanced by itself after {frames} frames"
    );

    // High-level design: an API and a table, then on by hand and end the round.
    for service in ["api_gateway", "dynamodb"] {
        h.state_mut().send(Command::AddService {
            service: service.into(),
            at: None,
        });
        h.run_steps(2);
    }
    h.state_mut().send(Command::NextPhase);
    h.run_steps(2);
    assert_eq!(phase(&h), Some(Phase::DeepDive));
    h.snapshot("practice_bar");
    h.state_mut().send(Command::EndRound);
    h.run_steps(2);
    let app = h.state();
    let round = app.practice.round.as_ref().expect("the round");
    assert!(round.ended());
    assert!(app.practice.card_open, "ending the round shows the scorecard");
    assert_eq!(app.doc.board.nodes.len(), 3);

    let card = scorecard(&app.doc.board, archboard::catalog::Catalog::builtin(), Some(round), 0.0);
    assert_eq!(card.title, "URL shortener");
    let requirements = card.timing[0];
    assert!(
        (requirements.2 - requirements.1).abs() < 0.05,
        "requirements ran its plan: {requirements:?}"
    );
    assert!(card.timing[1].2 > 0.0 && card.timing[3].2 == 0.0, "{:?}", card.timing);
    let scale = &card
        .dimensions
        .iter()
        .find(|(d, _)| *d == Dimension::Scale)
        .expect("scale")
        .1;
    assert!(scale.iter().any(|l| !l.good && l.text.starts_with("no load stated")));
    assert!(card.red_flags.iter().any(|f| f.dimension == Dimension::Scale));
    drop(card);
    h.run();
    h.get_by_label("Scorecard: URL shortener");
    h.snapshot("practice_scorecard");
}
