//! The board as a graph, built once per review: edges by node index, tags, public entries, the
//! synchronous user path, reachability and longest walks.
//!
//! Everything is linear in nodes and edges (iterative, no recursion), so a 10,000-node board is
//! reviewed in milliseconds and deep chains cannot overflow the stack.

use std::collections::VecDeque;

use crate::catalog::{Catalog, Tag};
use crate::hash::FastMap;
use crate::model::{Board, EdgeMode, GroupKind};

use super::CLIENTS;

/// One end of an edge as seen from a node: the node at the other end and the edge's index.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Link {
    pub node: usize,
    pub edge: usize,
}

/// Tags of one node as a bit set, so rules test them without hashing the service id again.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Tags(u32);

impl Tags {
    /// Whether the set holds `tag`.
    pub(crate) fn contains(&self, tag: &Tag) -> bool {
        self.0 & (1 << (*tag as u32)) != 0
    }
}

/// Each node's links, all in one vector (compressed rows): a 10,000-node board needs two
/// allocations instead of twenty thousand.
struct Adjacency {
    /// Node `i`'s links are `links[start[i]..start[i + 1]]`.
    start: Vec<usize>,
    links: Vec<Link>,
}

impl Adjacency {
    /// Groups `(node, link)` pairs by node, keeping their order within a node.
    fn new(nodes: usize, pairs: &[(usize, Link)]) -> Adjacency {
        let mut start = vec![0; nodes + 1];
        for &(i, _) in pairs {
            start[i + 1] += 1;
        }
        for i in 0..nodes {
            start[i + 1] += start[i];
        }
        let mut next = start.clone();
        let mut links = vec![Link { node: 0, edge: 0 }; pairs.len()];
        for &(i, link) in pairs {
            links[next[i]] = link;
            next[i] += 1;
        }
        Adjacency { start, links }
    }

    /// The links of node `i`.
    fn of(&self, i: usize) -> &[Link] {
        &self.links[self.start[i]..self.start[i + 1]]
    }
}

/// Adjacency and the facts every pillar needs, indexed like `board.nodes`.
pub(crate) struct Graph {
    /// Edges leaving each node.
    out: Adjacency,
    /// Edges arriving at each node.
    inn: Adjacency,
    /// Catalog tags of each node's service (none for unknown services).
    pub tags: Vec<Tags>,
    /// Whether each node runs application code (tag `compute`).
    pub compute: Vec<bool>,
    /// Whether each node is a public entry (see [`Graph::build`]).
    pub entry: Vec<bool>,
    /// Whether each node is on the synchronous user path.
    pub user_path: Vec<bool>,
}

/// Services a synchronous request does not pass through: they keep or hand off messages and
/// data, so whatever consumes them runs apart from the user's request.
fn ends_user_path(tags: Tags, kind: &str) -> bool {
    tags.contains(&Tag::Queue)
        || tags.contains(&Tag::Stream)
        || tags.contains(&Tag::DataStore)
        || tags.contains(&Tag::Monitoring)
        || tags.contains(&Tag::Tracing)
        || matches!(kind, "sqs" | "queue" | "sns" | "eventbridge")
        || kind.starts_with("kinesis_")
}

impl Graph {
    /// Indexes the board's edges and works out public entries and the user path.
    ///
    /// A *public entry* is a node (not itself a client) with an edge from a client, mobile client
    /// or external service, or with `public: "true"`. DNS carries no traffic, so a node with an
    /// edge from a public `route53` is a public entry too. The *user path* is every node reached
    /// from a public entry along `sync` edges, not continuing past queues, streams, topics, event
    /// buses and data stores. Edges naming unknown nodes are ignored.
    pub(crate) fn build(board: &Board, catalog: &Catalog) -> Graph {
        let n = board.nodes.len();
        let mut index: FastMap<&str, usize> = FastMap::default();
        index.reserve(n);
        for (i, node) in board.nodes.iter().enumerate() {
            index.entry(node.id.as_str()).or_insert(i);
        }
        let mut ends: Vec<(usize, usize, usize)> = Vec::with_capacity(board.edges.len());
        for (e, edge) in board.edges.iter().enumerate() {
            if let (Some(&a), Some(&b)) = (index.get(edge.from.as_str()), index.get(edge.to.as_str())) {
                ends.push((a, b, e));
            }
        }
        let out_pairs: Vec<(usize, Link)> = ends.iter().map(|&(a, b, edge)| (a, Link { node: b, edge })).collect();
        let out = Adjacency::new(n, &out_pairs);
        let in_pairs: Vec<(usize, Link)> = ends.iter().map(|&(a, b, edge)| (b, Link { node: a, edge })).collect();
        let inn = Adjacency::new(n, &in_pairs);
        // Boards use few distinct services: look each up in the catalog once.
        let mut known: FastMap<&str, Tags> = FastMap::default();
        let tags: Vec<Tags> = board
            .nodes
            .iter()
            .map(|node| {
                *known.entry(node.service.as_str()).or_insert_with(|| {
                    Tags(
                        catalog
                            .get(&node.service)
                            .map_or(0, |s| s.tags.iter().fold(0, |acc, t| acc | (1 << (*t as u32)))),
                    )
                })
            })
            .collect();
        let compute: Vec<bool> = tags.iter().map(|t| t.contains(&Tag::Compute)).collect();
        let is_client = |i: usize| CLIENTS.contains(&board.nodes[i].service.as_str()) || tags[i].contains(&Tag::Client);

        let mut entry: Vec<bool> = (0..n)
            .map(|i| !is_client(i) && (board.nodes[i].flag("public") || inn.of(i).iter().any(|l| is_client(l.node))))
            .collect();
        for i in 0..n {
            if entry[i] && board.nodes[i].service == "route53" {
                for l in out.of(i) {
                    if !is_client(l.node) {
                        entry[l.node] = true;
                    }
                }
            }
        }

        let mut user_path = entry.clone();
        let mut queue: VecDeque<usize> = (0..n).filter(|&i| entry[i]).collect();
        while let Some(i) = queue.pop_front() {
            if ends_user_path(tags[i], &board.nodes[i].service) {
                continue;
            }
            for l in out.of(i) {
                if !user_path[l.node] && board.edges[l.edge].mode == EdgeMode::Sync {
                    user_path[l.node] = true;
                    queue.push_back(l.node);
                }
            }
        }

        Graph {
            out,
            inn,
            tags,
            compute,
            entry,
            user_path,
        }
    }

    /// The edges leaving node `i`, in board order.
    pub(crate) fn out(&self, i: usize) -> &[Link] {
        self.out.of(i)
    }

    /// The edges arriving at node `i`, in board order.
    pub(crate) fn inn(&self, i: usize) -> &[Link] {
        self.inn.of(i)
    }

    /// How many nodes the graph has.
    pub(crate) fn len(&self) -> usize {
        self.tags.len()
    }

    /// Nodes from which some path of edges (of any mode, length zero included) reaches a target.
    pub(crate) fn reaching(&self, targets: impl Iterator<Item = usize>) -> Vec<bool> {
        let mut seen = vec![false; self.len()];
        let mut stack: Vec<usize> = Vec::new();
        for t in targets {
            if !seen[t] {
                seen[t] = true;
                stack.push(t);
            }
        }
        while let Some(i) = stack.pop() {
            for l in self.inn(i) {
                if !seen[l.node] {
                    seen[l.node] = true;
                    stack.push(l.node);
                }
            }
        }
        seen
    }

    /// The longest walks through the subgraph of nodes where `keep` holds and edges where `follow`
    /// holds, counting each node's `weight` once however often a walk passes it.
    ///
    /// Cycles are handled by condensing strongly connected components: a walk can go round a
    /// cycle, so a component counts the weight of all its members. The result is exact for that
    /// meaning of "path", deterministic, and linear in nodes and edges.
    pub(crate) fn longest_walks(
        &self,
        keep: impl Fn(usize) -> bool,
        follow: impl Fn(Link) -> bool,
        weight: impl Fn(usize) -> u32,
    ) -> Walks {
        let n = self.len();
        let keep: Vec<bool> = (0..n).map(keep).collect();
        let kept: Vec<(usize, Link)> = (0..n)
            .filter(|&i| keep[i])
            .flat_map(|i| self.out(i).iter().map(move |&l| (i, l)))
            .filter(|&(_, l)| keep[l.node] && follow(l))
            .collect();
        let adj = Adjacency::new(n, &kept);
        let (comp, members) = components(&adj, &keep);
        // Tarjan completes a component only after every component it reaches, so components are
        // numbered sinks first and one pass in index order sees successors before predecessors.
        let mut best = vec![0u32; members.len()];
        let mut next = vec![None; members.len()];
        for (c, nodes) in members.iter().enumerate() {
            let mut tail = 0;
            for &i in nodes {
                for l in adj.of(i) {
                    let d = comp[l.node];
                    if d != c && best[d] > tail {
                        tail = best[d];
                        next[c] = Some(d);
                    }
                }
            }
            best[c] = nodes.iter().map(|&i| weight(i)).sum::<u32>() + tail;
        }
        Walks {
            comp,
            members,
            best,
            next,
        }
    }
}

/// Longest walks over condensed components; see [`Graph::longest_walks`].
pub(crate) struct Walks {
    /// Each node's component, `usize::MAX` for nodes left out.
    pub comp: Vec<usize>,
    /// The nodes of each component, ascending.
    pub members: Vec<Vec<usize>>,
    /// The largest total weight of a walk starting in each component.
    pub best: Vec<u32>,
    /// The component a longest walk goes to next.
    pub next: Vec<Option<usize>>,
}

impl Walks {
    /// The nodes of a longest walk starting in component `c`, in walk order (members of a cycle
    /// in index order).
    pub(crate) fn path(&self, c: usize) -> Vec<usize> {
        let mut nodes = Vec::new();
        let mut at = Some(c);
        while let Some(c) = at {
            nodes.extend_from_slice(&self.members[c]);
            at = self.next[c];
        }
        nodes
    }
}

/// Strongly connected components of the kept nodes (iterative Tarjan): each node's component
/// and each component's members, numbered in completion order (sinks first).
fn components(adj: &Adjacency, keep: &[bool]) -> (Vec<usize>, Vec<Vec<usize>>) {
    const NONE: usize = usize::MAX;
    let n = keep.len();
    let mut order = vec![NONE; n];
    let mut low = vec![0usize; n];
    let mut on_stack = vec![false; n];
    let mut comp = vec![NONE; n];
    let mut members: Vec<Vec<usize>> = Vec::new();
    let mut stack: Vec<usize> = Vec::new();
    let mut calls: Vec<(usize, usize)> = Vec::new();
    let mut counter = 0;
    for root in 0..n {
        if !keep[root] || order[root] != NONE {
            continue;
        }
        calls.push((root, 0));
        order[root] = counter;
        low[root] = counter;
        counter += 1;
        stack.push(root);
        on_stack[root] = true;
        while let Some(top) = calls.last_mut() {
            let v = top.0;
            if let Some(w) = adj.of(v).get(top.1).map(|l| l.node) {
                top.1 += 1;
                if order[w] == NONE {
                    order[w] = counter;
                    low[w] = counter;
                    counter += 1;
                    stack.push(w);
                    on_stack[w] = true;
                    calls.push((w, 0));
                } else if on_stack[w] {
                    low[v] = low[v].min(order[w]);
                }
                continue;
            }
            calls.pop();
            if let Some(&(parent, _)) = calls.last() {
                low[parent] = low[parent].min(low[v]);
            }
            if low[v] == order[v] {
                let c = members.len();
                let mut nodes = Vec::new();
                while let Some(w) = stack.pop() {
                    on_stack[w] = false;
                    comp[w] = c;
                    nodes.push(w);
                    if w == v {
                        break;
                    }
                }
                nodes.sort_unstable();
                members.push(nodes);
            }
        }
    }
    (comp, members)
}

/// Whether a group chain puts a node inside a group of `kind` (membership, never geometry).
pub(crate) struct Membership {
    inside: Vec<bool>,
    index: std::collections::HashMap<String, usize>,
}

impl Membership {
    /// Works out, for every group, whether it is or sits inside a group of `kind`.
    pub(super) fn new(board: &Board, kind: GroupKind) -> Membership {
        let index: std::collections::HashMap<String, usize> = board
            .groups
            .iter()
            .enumerate()
            .map(|(i, g)| (g.id.clone(), i))
            .collect();
        let inside = (0..board.groups.len())
            .map(|start| {
                let mut at = Some(start);
                // A parent cycle ends the walk after visiting every group once.
                for _ in 0..board.groups.len() {
                    let Some(g) = at else { break };
                    let group = &board.groups[g];
                    if group.kind == kind {
                        return true;
                    }
                    at = group.parent.as_deref().and_then(|p| index.get(p).copied());
                }
                false
            })
            .collect();
        Membership { inside, index }
    }

    /// Whether a node in group `group` is inside a group of the kind.
    pub(super) fn contains(&self, group: Option<&str>) -> bool {
        group.and_then(|g| self.index.get(g)).is_some_and(|&g| self.inside[g])
    }
}
