//! "Did you mean" suggestions for misspelled hook names.

/// The candidate closest to `name` by edit distance, if it is close enough to be a likely typo:
/// at most one edit for short names, a third of the length for longer ones.
///
/// Validation compares every undeclared name with every declared one, so this allocates its
/// buffers once per call and gives up on a candidate as soon as it cannot be within the limit.
pub(crate) fn closest<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let name: Vec<char> = name.chars().collect();
    let limit = (name.len() / 3).max(1);
    let mut scratch = Scratch::default();
    let mut best: Option<(usize, &'a str)> = None;
    for candidate in candidates {
        let bound = best.map_or(limit, |(distance, _)| distance);
        if let Some(distance) = scratch.distance_within(&name, candidate, bound) {
            if distance > 0 && best.is_none_or(|best| (distance, candidate) < best) {
                best = Some((distance, candidate));
            }
        }
    }
    best.map(|(_, candidate)| candidate)
}

/// Reusable rows for [`Scratch::distance_within`].
#[derive(Default)]
struct Scratch {
    other: Vec<char>,
    rows: [Vec<usize>; 3],
}

impl Scratch {
    /// The edit distance between `a` and `b` (Levenshtein, a swap of two neighbours counting as
    /// one edit), or `None` when it is more than `bound`.
    fn distance_within(&mut self, a: &[char], b: &str, bound: usize) -> Option<usize> {
        self.other.clear();
        self.other.extend(b.chars());
        let b = &self.other;
        // The length difference is a lower bound of the distance.
        if a.len().abs_diff(b.len()) > bound {
            return None;
        }
        let [before_previous, previous, current] = &mut self.rows;
        for row in [&mut *before_previous, &mut *previous, &mut *current] {
            row.clear();
            row.resize(b.len() + 1, 0);
        }
        previous.iter_mut().enumerate().for_each(|(j, cell)| *cell = j);
        for i in 1..=a.len() {
            current[0] = i;
            let mut row_minimum = i;
            for j in 1..=b.len() {
                let substitution = previous[j - 1] + usize::from(a[i - 1] != b[j - 1]);
                let mut cell = substitution.min(previous[j] + 1).min(current[j - 1] + 1);
                if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                    cell = cell.min(before_previous[j - 2] + 1);
                }
                current[j] = cell;
                row_minimum = row_minimum.min(cell);
            }
            // Every later row is at least this row's minimum: stop once it exceeds the bound.
            if row_minimum > bound {
                return None;
            }
            std::mem::swap(before_previous, previous);
            std::mem::swap(previous, current);
        }
        Some(previous[b.len()]).filter(|distance| *distance <= bound)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn distance(a: &str, b: &str) -> Option<usize> {
        let a: Vec<char> = a.chars().collect();
        Scratch::default().distance_within(&a, b, usize::MAX)
    }

    #[test]
    fn distances() {
        assert_eq!(distance("user_created", "user_created"), Some(0));
        assert_eq!(distance("user_craeted", "user_created"), Some(1));
        assert_eq!(distance("user_create", "user_created"), Some(1));
        assert_eq!(distance("abc", "xyz"), Some(3));
        let a: Vec<char> = "abc".chars().collect();
        assert_eq!(Scratch::default().distance_within(&a, "xyz", 2), None);
    }

    #[test]
    fn suggests_only_close_names() {
        let known = ["user_created", "user_login", "payment_processed"];
        assert_eq!(closest("user_craeted", known), Some("user_created"));
        assert_eq!(closest("usr_login", known), Some("user_login"));
        assert_eq!(closest("shipment_sent", known), None);
        assert_eq!(closest("user_created", known), None);
    }

    #[test]
    fn prefers_the_closest_then_the_first_by_name() {
        assert_eq!(closest("order_b", ["order_c", "order_a", "order_bb"]), Some("order_a"));
        assert_eq!(closest("abcdefghi", ["abcdefgh", "abcdefghij"]), Some("abcdefgh"));
    }
}
