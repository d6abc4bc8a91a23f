//! A whole short practice round played in the app, its clock faked by egui's frame time: start,
//! draw in two phases, let a phase advance by itself, move on by hand, end, read the scorecard,
//! replay it, and open it again from its file.

mod common;

use archboard::practice::{Dimension, Level, Phase, Round, replay, scorecard};
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

    // High-level design: an API and a table a second apart, then on by hand and end the round.
    for service in ["api_gateway", "dynamodb"] {
        h.state_mut().send(Command::AddService {
            service: service.into(),
            at: None,
        });
        h.run_steps(60);
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

    // The round's log: one entry per change, the first in requirements, the others after it.
    let record = h.state().doc.board.round.clone().expect("the board holds its round");
    assert!(record.ended);
    assert_eq!(record.log.len(), 3, "{:?}", record.log);
    let requirements_end = record.phase_starts[1];
    assert!(record.log[0].t < requirements_end && record.log[1].t >= requirements_end);
    assert_eq!(replay::frame_counts(&record).len(), 3, "a time-lapse of three frames");

    // Replay: the window opens playing; stop it after the first two changes and look.
    h.state_mut().practice.card_open = false;
    h.state_mut().send(Command::ReplayRound);
    h.run_steps(3);
    h.get_by_label("Replay: URL shortener");
    {
        let r = h.state_mut().practice.replay.as_mut().expect("the replay");
        r.playing = false;
        r.at = record.log[1].t;
    }
    h.run_steps(2);
    h.get_by_label("change 2 of 3");
    h.snapshot("practice_replay");
    h.get_by_label("Play").click();
    for _ in 0..240 {
        h.step();
    }
    h.get_by_label("change 3 of 3");

    // Saved and opened again, the round is there to score and replay; one cut short reopens
    // paused where it stopped.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("round.archboard.ron");
    h.state_mut().doc.save_to(&path).expect("saves");
    let mut again = common::app_with(&path);
    assert!(again.state().practice.round.as_ref().is_some_and(Round::ended));
    assert_eq!(again.state().doc.board.round.as_ref(), Some(&record));
    again.state_mut().send(Command::ReplayRound);
    again.run_steps(3);
    again.get_by_label("Replay: URL shortener");

    let mut board = h.state().doc.board.clone();
    if let Some(r) = &mut board.round {
        r.ended = false;
    }
    archboard::io::save(&path, &board).expect("saves");
    let cut_short = common::app_with(&path);
    let round = cut_short.state().practice.round.as_ref().expect("restored");
    assert!(!round.ended() && round.state(1e9).paused, "reopens paused");
    assert!((round.elapsed(1e9) - record.elapsed).abs() < 1e-9);
    cut_short.get_by_label("Resume");
}
