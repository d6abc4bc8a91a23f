//! Writes a board as a mermaid flowchart that imports back to the same graph.
//!
//! Every label is quoted with mermaid's `#quot;`-style entities, so any text survives; groups
//! become nested `subgraph … end` blocks holding their member nodes, and all arrows follow at the
//! end so that mentioning a node in an arrow never moves it into another subgraph.

use std::collections::HashSet;

use super::{group_kind_for_title, imported_service, is_cylinder, kind_name, sanitise_id, unique};
use crate::catalog::Catalog;
use crate::layout::{Direction, group_parents};
use crate::model::{Board, EdgeMode};

/// Deepest indentation written, in levels; deeper subgraphs are written at this indentation.
const MAX_INDENT: usize = 16;

/// The board as mermaid flowchart text (`flowchart LR` or `TD`, after the board's own flow).
///
/// Ids are kept where mermaid accepts them (otherwise made safe and unique); labels, services
/// (as `:::service` where the label alone would not say it), edge labels, async edges (dotted),
/// groups with their kinds and nesting all come back on import. Node props are not written.
pub fn export(board: &Board) -> String {
    let catalog = Catalog::builtin();
    let mut out = String::new();
    let title = board.title.trim();
    if !title.is_empty() {
        let escaped = title
            .replace('\\', "\\\\")
            .replace('"', "\\\"")
            .replace(['\n', '\r'], " ");
        out.push_str(&format!("---\ntitle: \"{escaped}\"\n---\n"));
    }
    out.push_str(&format!("flowchart {}\n", Direction::guess(board).mermaid()));

    let mut taken = HashSet::new();
    let node_ids: Vec<String> = board
        .nodes
        .iter()
        .map(|n| unique(&sanitise_id(&n.id), &mut taken))
        .collect();
    let group_ids: Vec<String> = board
        .groups
        .iter()
        .map(|g| unique(&sanitise_id(&g.id), &mut taken))
        .collect();
    let group_index = super::first_index(board.groups.iter().map(|g| g.id.as_str()));
    let node_index = super::first_index(board.nodes.iter().map(|n| n.id.as_str()));

    // The group tree: parents without cycles, children and member nodes in board order.
    let parents = group_parents(board);
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); board.groups.len()];
    let mut roots = Vec::new();
    for (g, p) in parents.iter().enumerate() {
        match p {
            Some(p) => children[*p].push(g),
            None => roots.push(g),
        }
    }
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); board.groups.len()];
    let mut loose = Vec::new();
    for (i, n) in board.nodes.iter().enumerate() {
        match n.group.as_deref().and_then(|g| group_index.get(g)) {
            Some(&g) => members[g].push(i),
            None => loose.push(i),
        }
    }

    let write_node = |out: &mut String, i: usize, depth: usize| {
        let n = &board.nodes[i];
        let cylinder = is_cylinder(&n.service, catalog);
        let (open, close) = if cylinder { ("[(", ")]") } else { ("[", "]") };
        let mut line = format!("{}{}{open}\"{}\"{close}", indent(depth), node_ids[i], escape(&n.label));
        let says_service = imported_service(&n.label, cylinder, catalog) == n.service;
        let class_safe = !n.service.is_empty() && n.service.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
        if !says_service && class_safe {
            line.push_str(&format!(":::{}", n.service));
        }
        out.push_str(&line);
        out.push('\n');
    };

    for &i in &loose {
        write_node(&mut out, i, 1);
    }
    enum Step {
        Open(usize, usize),
        Close(usize),
    }
    let mut stack: Vec<Step> = roots.iter().rev().map(|&g| Step::Open(g, 1)).collect();
    while let Some(step) = stack.pop() {
        match step {
            Step::Open(g, depth) => {
                let label = &board.groups[g].label;
                out.push_str(&format!(
                    "{}subgraph {} [\"{}\"]\n",
                    indent(depth),
                    group_ids[g],
                    escape(label)
                ));
                for &i in &members[g] {
                    write_node(&mut out, i, depth + 1);
                }
                stack.push(Step::Close(depth));
                stack.extend(children[g].iter().rev().map(|&c| Step::Open(c, depth + 1)));
            }
            Step::Close(depth) => {
                out.push_str(&indent(depth));
                out.push_str("end\n");
            }
        }
    }
    for (g, group) in board.groups.iter().enumerate() {
        if group_kind_for_title(&group.label) != group.kind {
            out.push_str(&format!("    class {} {}\n", group_ids[g], kind_name(group.kind)));
        }
    }
    for e in &board.edges {
        let (Some(&a), Some(&b)) = (node_index.get(e.from.as_str()), node_index.get(e.to.as_str())) else {
            continue;
        };
        let arrow = match e.mode {
            EdgeMode::Sync => "-->",
            EdgeMode::Async => "-.->",
        };
        let label = if e.label.is_empty() {
            String::new()
        } else {
            format!("|\"{}\"|", escape(&e.label))
        };
        out.push_str(&format!("    {} {arrow}{label} {}\n", node_ids[a], node_ids[b]));
    }
    out
}

fn indent(depth: usize) -> String {
    "    ".repeat(depth.min(MAX_INDENT))
}

/// Text safe inside mermaid quotes: `#`, `"`, `<` and `>` as entities, line breaks as `<br/>`.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '#' => out.push_str("#35;"),
            '"' => out.push_str("#quot;"),
            '<' => out.push_str("#lt;"),
            '>' => out.push_str("#gt;"),
            '\n' => out.push_str("<br/>"),
            '\r' => {}
            _ => out.push(ch),
        }
    }
    out
}
