//! Breaking loops: the edges that go back to a state already on the path from the start (a
//! Choice looping to poll again, a Catch going back to retry by hand) are laid out turned round,
//! so that every other edge goes down.

/// Which of `edges` (`(from, to)` between `count` nodes, no self-loops) go back: found by a
/// depth-first walk from node 0 (Start) following the edges in their order, then from every node
/// not reached yet, in order.
pub(super) fn back_edges(count: usize, edges: &[(usize, usize)]) -> Vec<bool> {
    let mut outgoing: Vec<Vec<(usize, usize)>> = vec![Vec::new(); count];
    for (n, &(from, to)) in edges.iter().enumerate() {
        outgoing[from].push((n, to));
    }
    let mut back = vec![false; edges.len()];
    // 0 not seen, 1 on the path, 2 done.
    let mut seen = vec![0u8; count];
    for root in 0..count {
        if seen[root] != 0 {
            continue;
        }
        seen[root] = 1;
        // Each frame: a node and how many of its edges were followed.
        let mut path: Vec<(usize, usize)> = vec![(root, 0)];
        while let Some(frame) = path.last_mut() {
            let (node, next) = *frame;
            let Some(&(n, to)) = outgoing[node].get(next) else {
                seen[node] = 2;
                path.pop();
                continue;
            };
            frame.1 += 1;
            match seen[to] {
                0 => {
                    seen[to] = 1;
                    path.push((to, 0));
                }
                1 => back[n] = true,
                _ => {}
            }
        }
    }
    back
}

#[cfg(test)]
mod tests {
    use super::back_edges;

    #[test]
    fn loops_are_broken_where_they_close() {
        // 0 → 1 → 2 → 1 (a loop), 2 → 3, 3 → 0 (back to the start).
        let edges = [(0, 1), (1, 2), (2, 1), (2, 3), (3, 0)];
        assert_eq!(back_edges(4, &edges), [false, false, true, false, true]);
    }

    #[test]
    fn nodes_nothing_reaches_are_walked_too() {
        let edges = [(1, 2), (2, 1)];
        assert_eq!(back_edges(3, &edges), [false, true]);
    }
}
