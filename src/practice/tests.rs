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
    // the good board earns its lines by what it states, the bare one is told what it does not
    assert!(
        lines_of(&good_card, Dimension::Performance)
            .iter()
            .any(|l| l.good && l.text.starts_with("caching: ") && l.nodes == ["dax"]),
        "{}",
        good_card.to_markdown()
    );
    assert!(
        lines_of(&bare_card, Dimension::Reliability).iter().all(|l| !l.good),
        "{}",
        bare_card.to_markdown()
    );
    // an empty board shows nothing on any dimension and raises every flag it can
    let empty_card = scorecard(&crate::model::Board::new("empty"), catalog, None, 0.0);
    for d in [Dimension::Reliability, Dimension::Security, Dimension::Operability] {
        assert!(
            lines_of(&empty_card, d)
                .iter()
                .any(|l| !l.good && l.text == "nothing is drawn yet to judge")
        );
        assert!(empty_card.red_flags.iter().any(|f| f.dimension == d));
    }
    assert!(
        empty_card
            .dimensions
            .iter()
            .all(|(_, lines)| lines.iter().all(|l| !l.good))
    );
    assert!(empty_card.red_flags.len() > good_card.red_flags.len());
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

/// The drawing as sets: a replay appends what an undo put back in the middle, so order differs.
fn drawing_of(board: &crate::model::Board) -> (Vec<String>, Vec<String>, Vec<String>) {
    let mut nodes: Vec<String> = board.nodes.iter().map(|n| format!("{n:?}")).collect();
    let mut edges: Vec<String> = board.edges.iter().map(|e| format!("{e:?}")).collect();
    let mut groups: Vec<String> = board.groups.iter().map(|g| format!("{g:?}")).collect();
    nodes.sort();
    edges.sort();
    groups.sort();
    (nodes, edges, groups)
}

#[test]
fn the_log_replays_every_state_the_board_went_through() {
    use crate::history::{History, ops};
    use crate::model::{Board, GroupKind, Point, RoundRecord};

    let mut board = Board::new("URL shortener");
    let mut history = History::new();
    let mut record = RoundRecord::default();
    let mut recorder = replay::Recorder::new(&board, &record);
    let mut states = vec![board.clone()];
    let mut t = 0.0;
    let mut step = |board: &mut Board, history: &mut History, build: &dyn Fn(&Board) -> crate::history::Edit| {
        let edit = build(board);
        history.apply(board, edit).expect("applies");
        t += 7.0;
        assert!(recorder.record(board, t, &mut record), "each edit is logged");
        states.push(board.clone());
    };
    let (e, api) = ops::add_node(&board, "api_gateway", "API", Point(0.0, 0.0));
    step(&mut board, &mut history, &|_| e.clone());
    let (e, fun) = ops::add_node(&board, "lambda", "Shorten", Point(200.0, 0.0));
    step(&mut board, &mut history, &|_| e.clone());
    let (e, db) = ops::add_node(&board, "dynamodb", "Links", Point(400.0, 0.0));
    step(&mut board, &mut history, &|_| e.clone());
    step(&mut board, &mut history, &|b| ops::connect(b, &api, &fun));
    step(&mut board, &mut history, &|b| ops::connect(b, &fun, &db));
    step(&mut board, &mut history, &|b| ops::set_label(b, &db, "Short links"));
    let (e, _) = ops::wrap_in_group(&board, std::slice::from_ref(&fun), GroupKind::Vpc, "VPC");
    step(&mut board, &mut history, &|_| e.clone());
    step(&mut board, &mut history, &|b| {
        ops::move_items(b, std::slice::from_ref(&db), &[], 0.0, 120.0)
    });
    step(&mut board, &mut history, &|b| {
        ops::delete(b, std::slice::from_ref(&api), &[], &[])
    });
    // undo puts the node and its edge back where they were: the log sees that too
    history.undo(&mut board).expect("undoes");
    t += 3.0;
    assert!(recorder.record(&board, t, &mut record));
    states.push(board.clone());
    assert!(
        !recorder.record(&board, t + 1.0, &mut record),
        "nothing changed, nothing logged"
    );

    assert_eq!(record.log.len(), states.len() - 1);
    for (k, state) in states.iter().enumerate() {
        let replayed = replay::board_after(&board, &record, k);
        assert_eq!(drawing_of(&replayed), drawing_of(state), "after {k} entries");
    }
    assert_eq!(replay::entries_by(&record, 7.0), 1);
    assert_eq!(replay::entries_by(&record, 6.9), 0);
    assert_eq!(
        replay::frame_counts(&record),
        (1..=record.log.len()).collect::<Vec<_>>()
    );
}

#[test]
fn a_ninety_minute_round_of_two_thousand_edits_stays_well_under_a_megabyte() {
    use crate::history::{History, ops};
    use crate::model::{Board, Point, RoundRecord};

    let mut board = Board::new("Photo sharing");
    let mut history = History::new();
    let mut record = RoundRecord::default();
    let mut recorder = replay::Recorder::new(&board, &record);
    let services = [
        "cloudfront",
        "api_gateway",
        "lambda",
        "s3",
        "dynamodb",
        "sqs",
        "elasticache",
    ];
    let mut ids = Vec::new();
    for i in 0..2000 {
        let t = i as f64 * 2.7; // 90 minutes
        let edit = match i % 10 {
            // about 200 nodes added over the round, each connected to the one before
            0 => {
                let (e, id) = ops::add_node(
                    &board,
                    services[i % services.len()],
                    &format!("Service {i}"),
                    Point((i % 20) as f32 * 180.0, (i / 20) as f32 * 140.0),
                );
                ids.push(id);
                e
            }
            1 if ids.len() > 1 => ops::connect(&board, &ids[ids.len() - 2], &ids[ids.len() - 1]),
            2 => ops::set_label(&board, &ids[i % ids.len()], &format!("Renamed {i}")),
            3 => ops::set_prop(&board, &ids[i % ids.len()], "encrypted", Some("true")),
            // the rest are drags of a node or two
            _ => ops::move_items(&board, &ids[ids.len().saturating_sub(2)..], &[], 12.0, -8.0),
        };
        history.apply(&mut board, edit).expect("applies");
        recorder.record(&board, t, &mut record);
    }
    board.round = Some(record.clone());
    let text = crate::io::to_ron(&board).expect("writes");
    let round_bytes = text.len()
        - crate::io::to_ron(&Board {
            round: None,
            ..board.clone()
        })
        .unwrap()
        .len();
    assert!(record.log.len() > 1900, "every edit kept: {}", record.log.len());
    assert!(round_bytes < 400 * 1024, "the round takes {round_bytes} bytes");
    let back = crate::io::parse(&text, "round.ron").expect("reads").board;
    assert_eq!(back.round.as_ref(), Some(&record), "the record round-trips");
    let replayed = replay::board_after(&board, &record, record.log.len());
    assert_eq!(drawing_of(&replayed), drawing_of(&board));
}

#[test]
fn a_flood_of_large_edits_is_folded_into_the_cap_and_still_ends_on_the_final_board() {
    use crate::model::{Board, Node, Point, RoundRecord};

    let mut board = Board::new("Flood");
    let mut record = RoundRecord::default();
    let mut recorder = replay::Recorder::new(&board, &record);
    for i in 0..3000 {
        let label = format!("{i} {}", "x".repeat(400));
        let id = format!("n{}", i % 50);
        match board.nodes.iter_mut().find(|n| n.id == id) {
            Some(n) => n.label = label,
            None => board.nodes.push(Node::new(id, "lambda", label, Point(i as f32, 0.0))),
        }
        if i % 7 == 0 && board.nodes.len() > 3 {
            board.nodes.remove(1);
        }
        recorder.record(&board, f64::from(i), &mut record);
    }
    let bytes: usize = record.log.iter().map(|e| ron::to_string(e).unwrap().len()).sum();
    assert!(bytes < replay::MAX_LOG_BYTES + 64 * 1024, "{bytes} bytes");
    assert!(record.log.len() < 3000, "later changes were folded");
    assert_eq!(record.log.last().map(|e| e.t), Some(2999.0));
    let replayed = replay::board_after(&board, &record, record.log.len());
    assert_eq!(drawing_of(&replayed), drawing_of(&board));
}

#[test]
fn an_unfinished_round_reopens_paused_where_it_stopped() {
    use crate::model::RoundRecord;
    let mut round = Round::start("Chat", Level::L7, 90.0, 100.0);
    round.next_phase(400.0);
    let mut record = RoundRecord::default();
    round.write_clock(&mut record, 460.0);
    assert_eq!((record.elapsed, record.ended, record.level), (360.0, false, Level::L7));
    let back = Round::restore(&record);
    let state = back.state(9999.0);
    assert!(state.paused && !state.ended, "{state:?}");
    assert_eq!(back.phase(), Phase::HighLevel);
    assert_eq!(back.elapsed(9999.0), 360.0);
    let mut going = back.clone();
    going.resume(10_000.0);
    assert_eq!(going.elapsed(10_030.0), 390.0);
    // an ended round stays ended, with its times
    round.end(500.0);
    round.write_clock(&mut record, 900.0);
    let ended = Round::restore(&record);
    assert!(ended.ended() && ended.elapsed(0.0) == 400.0);
    // nonsense in a file is tamed, not trusted
    let wild = RoundRecord {
        minutes: f64::NAN,
        elapsed: f64::INFINITY,
        phase_starts: vec![f64::NAN; 40],
        ..RoundRecord::default()
    };
    let tamed = Round::restore(&wild);
    assert_eq!(
        (tamed.minutes, tamed.elapsed(0.0), tamed.phase()),
        (60.0, 0.0, Phase::Requirements)
    );
}
