//! A compact layered (Sugiyama-style) placement of boxes of any size along a flow.
//!
//! Works in an abstract frame: the *flow* axis runs from rank to rank, the *cross* axis along a
//! rank. Steps: break cycles (reverse the back edges of a depth-first search), rank by longest
//! path (sources pulled next to their first successor), order each rank by barycenter sweeps
//! keeping the order with the fewest crossings, then place along each rank by weighted
//! isotonic regression (as close to the neighbours' mean as the spacing allows). Boxes in one
//! rank never overlap and ranks are separated by the thickest box, so no two boxes overlap.

use std::collections::HashSet;

/// Gaps between boxes, in world units.
#[derive(Clone, Copy, Debug)]
pub(super) struct Spacing {
    /// Between neighbours in one rank.
    pub cross: f32,
    /// Between consecutive ranks.
    pub flow: f32,
}

/// Barycenter sweeps (down and up count as one each).
const SWEEPS: usize = 12;
/// Rounds of coordinate refinement.
const ROUNDS: usize = 8;

/// Centres `(cross, flow)` for boxes of `sizes` `(cross, flow)` joined by `edges` (indices).
pub(super) fn place(sizes: &[(f32, f32)], edges: &[(usize, usize)], spacing: Spacing) -> Vec<(f32, f32)> {
    let n = sizes.len();
    if n == 0 {
        return Vec::new();
    }
    let dag = acyclic(n, edges);
    let mut preds: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut succs: Vec<Vec<usize>> = vec![Vec::new(); n];
    for &(a, b) in &dag {
        succs[a].push(b);
        preds[b].push(a);
    }
    let rank = ranks(n, &preds, &succs);
    let layers = order(n, &rank, &preds, &succs);
    let cross = coordinates(sizes, &layers, &preds, &succs, spacing.cross);

    let mut thickness = vec![0.0f32; layers.len()];
    for (r, layer) in layers.iter().enumerate() {
        thickness[r] = layer.iter().map(|&v| sizes[v].1).fold(0.0, f32::max);
    }
    let mut flow_at = vec![0.0f32; layers.len()];
    let mut f = 0.0;
    for r in 0..layers.len() {
        if r > 0 {
            f += thickness[r - 1] / 2.0 + spacing.flow + thickness[r] / 2.0;
        }
        flow_at[r] = f;
    }
    (0..n).map(|v| (cross[v], flow_at[rank[v]])).collect()
}

/// The edges without self-loops and duplicates, with the back edges of a depth-first search
/// reversed so that the result has no cycle.
fn acyclic(n: usize, edges: &[(usize, usize)]) -> Vec<(usize, usize)> {
    let mut out_edges: Vec<Vec<usize>> = vec![Vec::new(); n];
    for &(a, b) in edges {
        if a != b && a < n && b < n {
            out_edges[a].push(b);
        }
    }
    // 0: not visited, 1: on the stack, 2: done.
    let mut state = vec![0u8; n];
    let mut seen = HashSet::new();
    let mut dag = Vec::new();
    for root in 0..n {
        if state[root] != 0 {
            continue;
        }
        let mut stack = vec![(root, 0usize)];
        state[root] = 1;
        while let Some(top) = stack.last_mut() {
            let (v, next) = *top;
            if let Some(&w) = out_edges[v].get(next) {
                top.1 += 1;
                let e = if state[w] == 1 { (w, v) } else { (v, w) };
                if seen.insert(e) {
                    dag.push(e);
                }
                if state[w] == 0 {
                    state[w] = 1;
                    stack.push((w, 0));
                }
            } else {
                state[v] = 2;
                stack.pop();
            }
        }
    }
    dag
}

/// Longest-path ranks from the sources; a source then moves down next to its nearest successor.
fn ranks(n: usize, preds: &[Vec<usize>], succs: &[Vec<usize>]) -> Vec<usize> {
    let mut indeg: Vec<usize> = preds.iter().map(Vec::len).collect();
    let mut topo: Vec<usize> = (0..n).filter(|&v| indeg[v] == 0).collect();
    let mut k = 0;
    while k < topo.len() {
        let v = topo[k];
        k += 1;
        for &w in &succs[v] {
            indeg[w] -= 1;
            if indeg[w] == 0 {
                topo.push(w);
            }
        }
    }
    let mut rank = vec![0usize; n];
    for &v in &topo {
        for &w in &succs[v] {
            rank[w] = rank[w].max(rank[v] + 1);
        }
    }
    for &v in topo.iter().rev() {
        if preds[v].is_empty()
            && let Some(min) = succs[v].iter().map(|&w| rank[w]).min()
        {
            rank[v] = min.saturating_sub(1);
        }
    }
    rank
}

/// The boxes of each rank in an order with few crossings.
fn order(n: usize, rank: &[usize], preds: &[Vec<usize>], succs: &[Vec<usize>]) -> Vec<Vec<usize>> {
    let count = rank.iter().max().map_or(0, |m| m + 1);
    let mut layers: Vec<Vec<usize>> = vec![Vec::new(); count];
    for v in 0..n {
        layers[rank[v]].push(v);
    }
    let mut pos = vec![0usize; n];
    let set_pos = |layers: &[Vec<usize>], pos: &mut [usize]| {
        for layer in layers {
            for (i, &v) in layer.iter().enumerate() {
                pos[v] = i;
            }
        }
    };
    set_pos(&layers, &mut pos);
    let mut best = layers.clone();
    let mut best_crossings = crossings(&layers, &pos, succs, rank);
    for sweep in 0..SWEEPS {
        let down = sweep % 2 == 0;
        let ranks: Vec<usize> = if down {
            (1..count).collect()
        } else {
            (0..count.saturating_sub(1)).rev().collect()
        };
        for r in ranks {
            let side = if down { preds } else { succs };
            let mut keyed: Vec<(f32, usize)> = layers[r]
                .iter()
                .map(|&v| {
                    let own = relative(pos[v], layers[r].len());
                    let ns = &side[v];
                    let key = if ns.is_empty() {
                        own
                    } else {
                        ns.iter().map(|&u| relative(pos[u], layers[rank[u]].len())).sum::<f32>() / ns.len() as f32
                    };
                    (key, v)
                })
                .collect();
            keyed.sort_by(|a, b| a.0.total_cmp(&b.0));
            layers[r] = keyed.into_iter().map(|(_, v)| v).collect();
            for (i, &v) in layers[r].iter().enumerate() {
                pos[v] = i;
            }
        }
        let c = crossings(&layers, &pos, succs, rank);
        if c < best_crossings {
            best_crossings = c;
            best = layers.clone();
        }
        if best_crossings == 0 {
            break;
        }
    }
    best
}

/// A position in a rank as a fraction of the rank, so ranks of different lengths compare.
fn relative(pos: usize, len: usize) -> f32 {
    (pos as f32 + 0.5) / len.max(1) as f32
}

/// Crossings between edges joining adjacent ranks (longer edges are not counted), counted as
/// inversions with a Fenwick tree.
fn crossings(layers: &[Vec<usize>], pos: &[usize], succs: &[Vec<usize>], rank: &[usize]) -> u64 {
    let mut total = 0u64;
    for r in 0..layers.len().saturating_sub(1) {
        let mut pairs: Vec<(usize, usize)> = Vec::new();
        for &v in &layers[r] {
            for &w in &succs[v] {
                if rank[w] == r + 1 {
                    pairs.push((pos[v], pos[w]));
                }
            }
        }
        pairs.sort_unstable();
        let size = layers[r + 1].len() + 1;
        let mut tree = vec![0u64; size + 1];
        for (k, &(_, b)) in pairs.iter().enumerate() {
            // How many earlier edges end after b.
            let mut i = b + 1;
            let mut at_most = 0;
            while i > 0 {
                at_most += tree[i];
                i -= i & i.wrapping_neg();
            }
            total += k as u64 - at_most;
            let mut i = b + 1;
            while i <= size {
                tree[i] += 1;
                i += i & i.wrapping_neg();
            }
        }
    }
    total
}

/// Cross-axis centres: each rank packed with its gaps, then pulled towards its neighbours.
fn coordinates(
    sizes: &[(f32, f32)],
    layers: &[Vec<usize>],
    preds: &[Vec<usize>],
    succs: &[Vec<usize>],
    gap: f32,
) -> Vec<f32> {
    let n = sizes.len();
    let mut x = vec![0.0f32; n];
    for layer in layers {
        let mut at = 0.0;
        for (i, &v) in layer.iter().enumerate() {
            if i > 0 {
                at += (sizes[layer[i - 1]].0 + sizes[v].0) / 2.0 + gap;
            }
            x[v] = at;
        }
        let mid = at / 2.0;
        for &v in layer {
            x[v] -= mid;
        }
    }
    let count = layers.len();
    for round in 0..ROUNDS {
        let last = round + 1 == ROUNDS;
        let down = round % 2 == 0;
        let ranks: Vec<usize> = if down {
            (0..count).collect()
        } else {
            (0..count).rev().collect()
        };
        for r in ranks {
            let layer = &layers[r];
            let mut target = Vec::with_capacity(layer.len());
            let mut weight = Vec::with_capacity(layer.len());
            for &v in layer {
                let ns: Vec<usize> = if last {
                    preds[v].iter().chain(&succs[v]).copied().collect()
                } else if down {
                    preds[v].clone()
                } else {
                    succs[v].clone()
                };
                if ns.is_empty() {
                    target.push(x[v]);
                    weight.push(0.01);
                } else {
                    target.push(ns.iter().map(|&u| x[u]).sum::<f32>() / ns.len() as f32);
                    weight.push(ns.len() as f32);
                }
            }
            let seps: Vec<f32> = layer
                .windows(2)
                .map(|w| (sizes[w[0]].0 + sizes[w[1]].0) / 2.0 + gap)
                .collect();
            let placed = fit(&target, &weight, &seps);
            for (&v, p) in layer.iter().zip(placed) {
                x[v] = p;
            }
        }
    }
    x
}

/// Positions `x` minimising `Σ weight·(x − target)²` with `x[i+1] − x[i] ≥ seps[i]`: pool
/// adjacent violators on the targets shifted by the cumulative separations.
fn fit(target: &[f32], weight: &[f32], seps: &[f32]) -> Vec<f32> {
    let n = target.len();
    let mut offset = vec![0.0f32; n];
    for i in 1..n {
        offset[i] = offset[i - 1] + seps.get(i - 1).copied().unwrap_or(0.0);
    }
    // Blocks of (weighted mean, total weight, length).
    let mut blocks: Vec<(f32, f32, usize)> = Vec::new();
    for i in 0..n {
        let mut block = (target[i] - offset[i], weight[i].max(1e-6), 1usize);
        while let Some(&(m, w, len)) = blocks.last() {
            if m <= block.0 {
                break;
            }
            blocks.pop();
            let tw = w + block.1;
            block = ((m * w + block.0 * block.1) / tw, tw, len + block.2);
        }
        blocks.push(block);
    }
    let mut out = Vec::with_capacity(n);
    for (m, _, len) in blocks {
        for _ in 0..len {
            out.push(m + offset[out.len()]);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const GAP: Spacing = Spacing {
        cross: 40.0,
        flow: 60.0,
    };

    #[test]
    fn a_chain_goes_down_one_rank_per_box() {
        let p = place(&[(10.0, 10.0); 3], &[(0, 1), (1, 2)], GAP);
        assert!(p[0].1 < p[1].1 && p[1].1 < p[2].1, "{p:?}");
        assert!((p[0].0 - p[2].0).abs() < 1e-3, "a chain stays straight: {p:?}");
    }

    #[test]
    fn a_cycle_still_gets_ranks() {
        let p = place(&[(10.0, 10.0); 3], &[(0, 1), (1, 2), (2, 0), (1, 1)], GAP);
        let mut flows: Vec<f32> = p.iter().map(|q| q.1).collect();
        flows.dedup();
        assert_eq!(flows.len(), 3, "{p:?}");
    }

    #[test]
    fn barycenter_untangles_a_crossing() {
        // 0→3, 1→2 cross when 2 sits left of 3.
        let p = place(&[(10.0, 10.0); 4], &[(0, 3), (1, 2)], GAP);
        assert_eq!(p[0].0 < p[1].0, p[3].0 < p[2].0, "{p:?}");
    }

    #[test]
    fn fit_keeps_separations() {
        let x = fit(&[0.0, 0.0, 0.0], &[1.0, 1.0, 1.0], &[10.0, 10.0]);
        assert!((x[1] - x[0] - 10.0).abs() < 1e-4 && (x[2] - x[1] - 10.0).abs() < 1e-4);
        assert!((x[1]).abs() < 1e-4, "centred on the targets: {x:?}");
    }
}
