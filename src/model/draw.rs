//! A board built in one expression, for tests: `draw().n("api", "lambda").e("api", "db")`.
//! Each method adds one thing and hands the board back; the critique's and the numbers' tests
//! add their own reading methods (`review`, `numbers`, ...) in their own `impl Draw` blocks.

use super::{Board, Edge, EdgeMode, Group, GroupKind, Node, Point, Rect};

/// A board under construction.
#[derive(Clone)]
pub(crate) struct Draw(pub(crate) Board);

/// An empty board to draw on.
pub(crate) fn draw() -> Draw {
    Draw(Board::new("test"))
}

impl Draw {
    /// Adds node `id` of `service`, labelled with its id.
    pub(crate) fn n(mut self, id: &str, service: &str) -> Self {
        self.0.nodes.push(Node::new(id, service, id, Point(0.0, 0.0)));
        self
    }

    /// Sets a prop on node `id`.
    pub(crate) fn p(mut self, id: &str, key: &str, value: &str) -> Self {
        let node = self.0.nodes.iter_mut().find(|n| n.id == id).expect("node exists");
        node.props.insert(key.to_owned(), value.to_owned());
        self
    }

    /// Adds a sync edge.
    pub(crate) fn e(self, from: &str, to: &str) -> Self {
        self.edge(Edge::new(from, to))
    }

    /// Adds an async edge.
    pub(crate) fn ea(self, from: &str, to: &str) -> Self {
        let mut edge = Edge::new(from, to);
        edge.mode = EdgeMode::Async;
        self.edge(edge)
    }

    /// Adds a labelled sync edge.
    pub(crate) fn el(self, from: &str, to: &str, label: &str) -> Self {
        let mut edge = Edge::new(from, to);
        label.clone_into(&mut edge.label);
        self.edge(edge)
    }

    /// Adds a sync edge with props (`rps`, `share`, `op`).
    pub(crate) fn ep(self, from: &str, to: &str, props: &[(&str, &str)]) -> Self {
        let mut edge = Edge::new(from, to);
        edge.props = props.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect();
        self.edge(edge)
    }

    fn edge(mut self, edge: Edge) -> Self {
        self.0.edges.push(edge);
        self
    }

    /// Adds a group of `kind` inside `parent`.
    pub(crate) fn g(mut self, id: &str, kind: GroupKind, parent: Option<&str>) -> Self {
        self.0.groups.push(Group {
            id: id.to_owned(),
            kind,
            label: id.to_owned(),
            parent: parent.map(str::to_owned),
            rect: Rect::default(),
        });
        self
    }

    /// Puts node `id` in group `group`.
    pub(crate) fn inside(mut self, id: &str, group: &str) -> Self {
        let node = self.0.nodes.iter_mut().find(|n| n.id == id).expect("node exists");
        node.group = Some(group.to_owned());
        self
    }
}

/// The board's edges as sorted `(from, to)` pairs: what readers' tests compare with the arrows a
/// person would draw.
pub(crate) fn edge_pairs(board: &Board) -> Vec<(String, String)> {
    let mut e: Vec<(String, String)> = board.edges.iter().map(|e| (e.from.clone(), e.to.clone())).collect();
    e.sort();
    e
}

/// One expected edge, in the form [`edge_pairs`] gives.
pub(crate) fn pair(from: &str, to: &str) -> (String, String) {
    (from.to_owned(), to.to_owned())
}
