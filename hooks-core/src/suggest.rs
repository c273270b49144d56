//! "Did you mean" suggestions for misspelled hook names.

/// The candidate closest to `name` by edit distance, if it is close enough to be a likely typo:
/// at most one edit for short names, a third of the length for longer ones.
pub(crate) fn closest<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let limit = (name.chars().count() / 3).max(1);
    let length = name.chars().count();
    candidates
        .into_iter()
        .filter(|candidate| *candidate != name)
        // The length difference is a lower bound of the distance: most names are ruled out here,
        // which keeps validation of thousands of hooks fast.
        .filter(|candidate| candidate.chars().count().abs_diff(length) <= limit)
        .map(|candidate| (edit_distance(name, candidate), candidate))
        .filter(|(distance, _)| *distance <= limit)
        .min()
        .map(|(_, candidate)| candidate)
}

/// Levenshtein distance, counting a swap of two neighbours as one edit.
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut before_previous = vec![0; b.len() + 1];
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    let mut current = vec![0; b.len() + 1];
    for i in 1..=a.len() {
        current[0] = i;
        for j in 1..=b.len() {
            let substitution = previous[j - 1] + usize::from(a[i - 1] != b[j - 1]);
            let mut best = substitution.min(previous[j] + 1).min(current[j - 1] + 1);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(before_previous[j - 2] + 1);
            }
            current[j] = best;
        }
        std::mem::swap(&mut before_previous, &mut previous);
        std::mem::swap(&mut previous, &mut current);
    }
    previous[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distances() {
        assert_eq!(edit_distance("user_created", "user_created"), 0);
        assert_eq!(edit_distance("user_craeted", "user_created"), 1);
        assert_eq!(edit_distance("user_create", "user_created"), 1);
        assert_eq!(edit_distance("abc", "xyz"), 3);
    }

    #[test]
    fn suggests_only_close_names() {
        let known = ["user_created", "user_login", "payment_processed"];
        assert_eq!(closest("user_craeted", known), Some("user_created"));
        assert_eq!(closest("usr_login", known), Some("user_login"));
        assert_eq!(closest("shipment_sent", known), None);
        assert_eq!(closest("user_created", known), None);
    }
}
