//! Execution order under `after` and `before` constraints.
//!
//! A hook's callbacks arrive sorted by (priority, path, line). Constraints beat that order: a
//! topological sort (Kahn's) repeatedly runs, among the callbacks whose constraints are met, the
//! one that comes first by (priority, path, line), so the result is the same on every build. A
//! target that is not among the sorted callbacks (another context's callback, a durable one, a
//! callback of an unlinked crate) counts as met. A path names every callback registered with it.
//!
//! Constraints may form a cycle, across crates, which only the registry build can see: then the
//! sort keeps the priority order and returns each cycle, for [`Registry::validate`] to report.
//!
//! [`Registry::validate`]: crate::Registry::validate

use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap};
use std::hash::{BuildHasherDefault, Hasher};

use crate::Callback;

/// What the sort needs to know about a callback.
pub(crate) trait Node: Copy {
    /// The path constraints name it by.
    fn path(&self) -> &str;
    /// The paths it runs after.
    fn after(&self) -> &[&'static str];
    /// The paths it runs before.
    fn before(&self) -> &[&'static str];
    /// Whether it takes part in the order: durable callbacks run in workers, unordered, so a
    /// constraint naming one counts as met.
    fn is_ordered(&self) -> bool;
}

impl Node for &'static Callback {
    fn path(&self) -> &str {
        self.path
    }
    fn after(&self) -> &[&'static str] {
        self.options().after
    }
    fn before(&self) -> &[&'static str] {
        self.options().before
    }
    fn is_ordered(&self) -> bool {
        self.durable().is_none()
    }
}

/// `nodes`, given in (priority, path, line) order, in constrained order; or unchanged, with the
/// cycles that prevent it (each in cycle order: every callback must run before the next, and the
/// last before the first).
pub(crate) fn constrained<N: Node>(nodes: Vec<N>) -> (Vec<N>, Vec<Vec<N>>) {
    if nodes.iter().all(|node| node.after().is_empty() && node.before().is_empty()) {
        return (nodes, Vec::new());
    }
    let graph = Graph::of(&nodes);
    match graph.sort() {
        Ok(order) => (order.into_iter().map(|index| nodes[index]).collect(), Vec::new()),
        Err(remaining) => {
            let cycles = graph.cycles(remaining);
            let cycles =
                cycles.into_iter().map(|cycle| cycle.into_iter().map(|index| nodes[index]).collect()).collect();
            (nodes, cycles)
        }
    }
}

/// `ordered` (a plan's callbacks, in constrained order) merged with `unordered` (durable
/// callbacks, which no constraint involves, in priority order): each durable callback comes where
/// the sort of both would place it, before the first callback that comes after it by (priority,
/// path, line). So a plan and its durable callbacks list in the same order as a sort of all of
/// them, without one.
pub(crate) fn with_unordered<'a>(
    ordered: impl Iterator<Item = &'static Callback> + 'a,
    unordered: impl Iterator<Item = &'static Callback> + 'a,
) -> impl Iterator<Item = &'static Callback> + 'a {
    let key = |c: &Callback| (c.priority, c.path, c.line());
    let (mut ordered, mut unordered) = (ordered.peekable(), unordered.peekable());
    std::iter::from_fn(move || match (ordered.peek(), unordered.peek()) {
        (Some(next), Some(free)) if key(free) < key(next) => unordered.next(),
        (Some(_), _) => ordered.next(),
        (None, _) => unordered.next(),
    })
}

/// FNV-1a: paths are short and come from the program itself, so a fast hash is enough.
struct FnvHasher(u64);

impl Default for FnvHasher {
    fn default() -> Self {
        FnvHasher(0xcbf2_9ce4_8422_2325)
    }
}

impl Hasher for FnvHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            self.0 = (self.0 ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
        }
    }
}

type Fnv = BuildHasherDefault<FnvHasher>;

/// The constraints as edges between positions in the priority order: `from` must run before `to`.
/// The successors of `n` are `targets[starts[n]..starts[n + 1]]`, built without an allocation
/// per callback.
struct Graph {
    starts: Vec<usize>,
    targets: Vec<usize>,
    predecessors: Vec<usize>,
}

impl Graph {
    fn of<N: Node>(nodes: &[N]) -> Graph {
        let ordered: Vec<(usize, &N)> = nodes.iter().enumerate().filter(|(_, node)| node.is_ordered()).collect();
        // Only the paths that constraints name are looked up: the first callback with the path,
        // and `same_path` links the next ones.
        const NONE: usize = usize::MAX;
        let mut by_path: HashMap<&str, usize, Fnv> = HashMap::default();
        for (_, node) in &ordered {
            for path in node.after().iter().chain(node.before()) {
                by_path.insert(path, NONE);
            }
        }
        let mut same_path = vec![NONE; nodes.len()];
        for &(index, node) in ordered.iter().rev() {
            if let Some(first) = by_path.get_mut(node.path()) {
                same_path[index] = *first;
                *first = index;
            }
        }
        let named = |path: &str| {
            let first = by_path.get(path).copied().unwrap_or(NONE);
            let next = |&index: &usize| Some(same_path[index]).filter(|&next| next != NONE);
            std::iter::successors(Some(first).filter(|&first| first != NONE), next)
        };
        let mut edges: Vec<(usize, usize)> = Vec::new();
        for &(index, node) in &ordered {
            for path in node.after() {
                edges.extend(named(path).map(|target| (target, index)));
            }
            for path in node.before() {
                edges.extend(named(path).map(|target| (index, target)));
            }
        }
        let mut graph = Graph {
            starts: vec![0; nodes.len() + 1],
            targets: vec![0; edges.len()],
            predecessors: vec![0; nodes.len()],
        };
        for &(from, to) in &edges {
            graph.starts[from + 1] += 1;
            graph.predecessors[to] += 1;
        }
        for index in 0..nodes.len() {
            graph.starts[index + 1] += graph.starts[index];
        }
        let mut next = graph.starts.clone();
        for (from, to) in edges {
            graph.targets[next[from]] = to;
            next[from] += 1;
        }
        graph
    }

    fn successors(&self, node: usize) -> &[usize] {
        &self.targets[self.starts[node]..self.starts[node + 1]]
    }

    /// Kahn's sort, always taking the ready node that comes first in the priority order: the
    /// order, or the count of unmet predecessors per node when some are left in a cycle.
    fn sort(&self) -> Result<Vec<usize>, Vec<usize>> {
        let mut unmet = self.predecessors.clone();
        let mut ready: BinaryHeap<Reverse<usize>> =
            (0..unmet.len()).filter(|&index| unmet[index] == 0).map(Reverse).collect();
        let mut order = Vec::with_capacity(unmet.len());
        while let Some(Reverse(index)) = ready.pop() {
            order.push(index);
            for &next in self.successors(index) {
                unmet[next] -= 1;
                if unmet[next] == 0 {
                    ready.push(Reverse(next));
                }
            }
        }
        if order.len() == unmet.len() { Ok(order) } else { Err(unmet) }
    }

    /// Every cycle among the nodes the sort could not place (`unmet[i] > 0`), disjoint, each in
    /// cycle order starting from its node that comes first in the priority order.
    fn cycles(&self, mut unmet: Vec<usize>) -> Vec<Vec<usize>> {
        // Predecessors, to walk backwards: every node left has a predecessor left.
        let mut before: Vec<Vec<usize>> = vec![Vec::new(); unmet.len()];
        for from in 0..unmet.len() {
            for &to in self.successors(from) {
                before[to].push(from);
            }
        }
        let mut cycles = Vec::new();
        while let Some(start) = (0..unmet.len()).find(|&index| unmet[index] > 0) {
            // Walk back from `start` until a node repeats: the walk from there is a cycle.
            let mut seen: HashMap<usize, usize> = HashMap::new();
            let mut walk = Vec::new();
            let mut node = start;
            while let std::collections::hash_map::Entry::Vacant(entry) = seen.entry(node) {
                entry.insert(walk.len());
                walk.push(node);
                node = before[node].iter().copied().find(|&previous| unmet[previous] > 0).unwrap_or(node);
            }
            let mut cycle: Vec<usize> = walk.split_off(seen[&node]);
            // Walked backwards: reverse into execution order, then start at the first by priority.
            cycle.reverse();
            let first = cycle.iter().enumerate().min_by_key(|(_, index)| **index).map_or(0, |(at, _)| at);
            cycle.rotate_left(first);
            // Remove the cycle, then every node that no longer waits on a cycle.
            let mut freed: Vec<usize> = cycle.clone();
            for &index in &cycle {
                unmet[index] = 0;
            }
            while let Some(index) = freed.pop() {
                for &next in self.successors(index) {
                    if unmet[next] > 0 {
                        unmet[next] -= 1;
                        if unmet[next] == 0 {
                            freed.push(next);
                        }
                    }
                }
            }
            cycles.push(cycle);
        }
        cycles
    }
}

#[cfg(test)]
mod tests {
    use super::{Node, constrained};

    /// A callback as the sort sees it; `durable` ones take no part in the order.
    #[derive(Debug, PartialEq)]
    struct Test {
        path: &'static str,
        after: &'static [&'static str],
        before: &'static [&'static str],
        durable: bool,
    }

    impl Node for &Test {
        fn path(&self) -> &str {
            self.path
        }
        fn after(&self) -> &[&'static str] {
            self.after
        }
        fn before(&self) -> &[&'static str] {
            self.before
        }
        fn is_ordered(&self) -> bool {
            !self.durable
        }
    }

    const fn node(path: &'static str, after: &'static [&'static str], before: &'static [&'static str]) -> Test {
        Test { path, after, before, durable: false }
    }

    /// The paths of `nodes` (given in priority order) once sorted, and of the cycles found.
    fn sort(nodes: &[Test]) -> (Vec<&'static str>, Vec<Vec<&'static str>>) {
        let (order, cycles) = constrained(nodes.iter().collect());
        let paths = |nodes: Vec<&Test>| nodes.into_iter().map(|n| n.path).collect::<Vec<_>>();
        (paths(order), cycles.into_iter().map(paths).collect())
    }

    #[test]
    fn without_constraints_keeps_the_priority_order() {
        let nodes = [node("c", &[], &[]), node("a", &[], &[]), node("b", &[], &[])];
        assert_eq!(sort(&nodes), (vec!["c", "a", "b"], vec![]));
    }

    #[test]
    fn constraints_beat_priorities_and_the_priority_order_breaks_ties() {
        // `x` must follow `z`; of the callbacks ready at each step, the first by priority runs.
        let nodes = [node("x", &["z"], &[]), node("y", &[], &[]), node("z", &[], &[]), node("w", &[], &[])];
        assert_eq!(sort(&nodes).0, ["y", "z", "x", "w"]);
        // `x` waits for `z`, which waits for `y` by priority.
        let nodes = [node("x", &[], &[]), node("y", &[], &[]), node("z", &[], &["x"])];
        assert_eq!(sort(&nodes).0, ["y", "z", "x"]);
    }

    #[test]
    fn a_chain_declared_against_the_priorities_runs_in_chain_order() {
        let nodes = [node("c", &["b"], &[]), node("b", &["a"], &[]), node("a", &[], &[])];
        assert_eq!(sort(&nodes), (vec!["a", "b", "c"], vec![]));
    }

    #[test]
    fn absent_and_durable_targets_count_as_met() {
        let durable = Test { durable: true, ..node("d", &[], &[]) };
        let nodes = [node("a", &["missing", "d"], &["gone"]), node("b", &[], &[]), durable];
        assert_eq!(sort(&nodes), (vec!["a", "b", "d"], vec![]));
    }

    #[test]
    fn a_path_names_every_callback_registered_with_it() {
        let nodes = [node("a", &["twice"], &[]), node("twice", &[], &[]), node("b", &[], &[]), node("twice", &[], &[])];
        assert_eq!(sort(&nodes).0, ["twice", "b", "twice", "a"]);
    }

    #[test]
    fn a_cycle_keeps_the_priority_order_and_is_returned_in_cycle_order() {
        // a after c, c after b, b after a: b runs before c, c before a, a before b.
        let nodes = [
            node("a", &["c"], &[]),
            node("b", &["a"], &[]),
            node("free", &[], &[]),
            node("c", &["b"], &["after_cycle"]),
            node("after_cycle", &[], &[]),
        ];
        let (order, cycles) = sort(&nodes);
        assert_eq!(order, ["a", "b", "free", "c", "after_cycle"]);
        assert_eq!(cycles, [["a", "b", "c"]]);
    }

    #[test]
    fn every_disjoint_cycle_is_returned_and_a_self_constraint_is_one() {
        let nodes = [
            node("a", &["b"], &[]),
            node("b", &["a"], &[]),
            node("c", &[], &["d"]),
            node("d", &[], &["c"]),
            node("e", &["e"], &[]),
        ];
        let (order, cycles) = sort(&nodes);
        assert_eq!(order, ["a", "b", "c", "d", "e"]);
        assert_eq!(cycles, [vec!["a", "b"], vec!["c", "d"], vec!["e"]]);
    }
}
