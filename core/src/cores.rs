//! Work cut into one run per core, each run on a thread of its own.

/// How many threads work on all cores uses: one per core, at most 16.
pub(crate) fn threads() -> usize {
    std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, 16)
}

/// Cuts `items` into one run per core (at least `min_run` items each, so that a short
/// list is not spread thin) and calls `f` on each run on a thread of its own. Returns what
/// each run gave, in the order of the runs. A single run is done on this thread.
pub(crate) fn in_runs<T: Sync, R: Send>(
    items: &[T],
    min_run: usize,
    f: impl Fn(&[T]) -> R + Sync,
) -> Vec<R> {
    let per = items.len().div_ceil(threads()).max(min_run).max(1);
    if items.len() <= per {
        return vec![f(items)];
    }
    let f = &f;
    std::thread::scope(|s| {
        let handles: Vec<_> = items
            .chunks(per)
            .map(|run| s.spawn(move || f(run)))
            .collect();
        handles
            .into_iter()
            // A panic in a worker is a bug; surface it rather than lose work silently.
            .map(|h| h.join().unwrap_or_else(|p| std::panic::resume_unwind(p)))
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_cover_every_item_once_in_order() {
        for n in [0, 1, 2, 3, 17, 64, 1000] {
            let items: Vec<usize> = (0..n).collect();
            for min_run in [1, 10, 2000] {
                let runs = in_runs(&items, min_run, <[usize]>::to_vec);
                assert_eq!(runs.concat(), items, "n {n}, min_run {min_run}");
                assert!(runs.len() <= threads().max(1));
                if n > 0 {
                    assert!(runs.iter().all(|r| !r.is_empty()));
                }
                if min_run >= n {
                    assert_eq!(runs.len(), 1);
                }
            }
        }
    }
}
