//! What one run computed, kept for the next run of the same process (the live preview's
//! rebuilds): a value is computed again only when the fingerprint of everything it is
//! computed from changed. One rule for every such memory — the parsed files of `load`,
//! the per-file diagnostics and rendered Markdown of `check`, the Markdown of the site —
//! so that none of them can drift from the others.
//!
//! A [`Memo`] holds the values the previous run used (`previous`) and collects those this
//! run uses (`next`); [`Memo::next`] turns the second into the first, so a value no run
//! asked for is dropped one run later and memory stays proportional to the repository.
//! Keys are 64-bit SipHash fingerprints ([`fingerprint`]) of *every* input of the value:
//! two different inputs share one with probability 2⁻⁶⁴, the price of not keeping the
//! inputs themselves.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::sync::{Mutex, PoisonError};

/// Values computed by the previous run, by the fingerprint of their inputs.
#[derive(Debug)]
pub struct Memo<V> {
    previous: HashMap<u64, V>,
    next: Mutex<HashMap<u64, V>>,
}

impl<V> Default for Memo<V> {
    fn default() -> Self {
        Memo {
            previous: HashMap::new(),
            next: Mutex::default(),
        }
    }
}

impl<V: Clone> Memo<V> {
    /// The memo for the next run: what this one used, and nothing else.
    pub fn next(self) -> Memo<V> {
        Memo {
            previous: self
                .next
                .into_inner()
                .unwrap_or_else(PoisonError::into_inner),
            next: Mutex::default(),
        }
    }

    /// The value of inputs of fingerprint `key`: the previous run's, or `compute`'s.
    /// Safe to call from many threads at once.
    pub fn get_or(&self, key: u64, compute: impl FnOnce() -> V) -> V {
        let value = match self.previous.get(&key) {
            Some(value) => value.clone(),
            None => compute(),
        };
        // Every update inserts a whole entry: a panicking holder leaves it consistent.
        self.keep(key, value.clone());
        value
    }

    /// The previous run's value for `key`, if it left one. Not kept for the next run
    /// unless given to [`Memo::keep`].
    pub fn get(&self, key: u64) -> Option<V> {
        self.previous.get(&key).cloned()
    }

    /// Keeps `value` as this run's for `key` (the next run's [`Memo::get`] finds it).
    pub fn keep(&self, key: u64, value: V) {
        self.next
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .insert(key, value);
    }

    /// How many values the previous run left.
    #[cfg(test)]
    fn len(&self) -> usize {
        self.previous.len()
    }
}

/// The fingerprint of a value's `Hash` (SipHash 1-3 with fixed keys: the same in every
/// run of a process, which is all a memo needs).
pub fn fingerprint(value: &impl Hash) -> u64 {
    let mut h = std::hash::DefaultHasher::new();
    value.hash(&mut h);
    h.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::Cell;

    #[test]
    fn a_value_is_computed_again_only_when_its_inputs_change() {
        let computed = Cell::new(0);
        let compute = |v: &str| {
            computed.set(computed.get() + 1);
            v.to_string()
        };
        let memo = Memo::default();
        assert_eq!(memo.get_or(fingerprint(&"a"), || compute("a")), "a");
        assert_eq!(memo.get_or(fingerprint(&"b"), || compute("b")), "b");
        let memo = memo.next();
        assert_eq!(memo.len(), 2);
        assert_eq!(memo.get_or(fingerprint(&"a"), || compute("a")), "a");
        assert_eq!(computed.get(), 2, "kept");
        assert_eq!(memo.get_or(fingerprint(&"c"), || compute("c")), "c");
        assert_eq!(computed.get(), 3, "a new input is computed");
        // "b" was not asked for by this run: gone from the next one.
        let memo = memo.next();
        assert_eq!(memo.len(), 2);
        assert_eq!(memo.get_or(fingerprint(&"b"), || compute("b")), "b");
        assert_eq!(computed.get(), 4);
    }
}
