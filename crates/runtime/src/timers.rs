//! Timers on a virtual clock. Headless runs keep the clock still, so `setTimeout(fn, 0)`
//! and every run of `setInterval(fn, 0)` happen when the page settles (the settle loop caps
//! how many), while longer timers wait until the clock is advanced (the window advances
//! it with real time).

use crate::engine::RealmId;
use std::collections::{BTreeMap, HashMap};

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Timer {
    pub realm: RealmId,
    pub id: u32,
    /// Milliseconds between runs of an interval.
    pub interval: Option<f64>,
}

#[derive(Default)]
pub struct Timers {
    /// Virtual time in milliseconds.
    now: f64,
    next_id: u32,
    seq: u64,
    /// (due time in µs, sequence) → timer: due order, then creation order.
    queue: BTreeMap<(u64, u64), Timer>,
    keys: HashMap<u32, (u64, u64)>,
}

impl Timers {
    pub fn add(&mut self, realm: RealmId, delay: f64, repeat: bool) -> u32 {
        self.next_id += 1;
        let delay = if delay.is_finite() && delay > 0.0 { delay } else { 0.0 };
        let timer = Timer { realm, id: self.next_id, interval: repeat.then_some(delay) };
        self.schedule(timer, delay);
        timer.id
    }

    fn schedule(&mut self, timer: Timer, delay: f64) {
        self.seq += 1;
        let key = (((self.now + delay) * 1000.0) as u64, self.seq);
        self.queue.insert(key, timer);
        self.keys.insert(timer.id, key);
    }

    pub fn clear(&mut self, id: u32) {
        if let Some(key) = self.keys.remove(&id) {
            self.queue.remove(&key);
        }
    }

    /// The next timer due at the current time (rescheduling intervals).
    pub fn pop_due(&mut self) -> Option<Timer> {
        let (&key, _) = self.queue.iter().next()?;
        if key.0 > (self.now * 1000.0) as u64 {
            return None;
        }
        let timer = self.queue.remove(&key)?;
        self.keys.remove(&timer.id);
        if let Some(interval) = timer.interval {
            self.schedule(timer, interval);
        }
        Some(timer)
    }

    /// Moves the clock forward by `ms`.
    pub fn advance(&mut self, ms: f64) {
        self.now += ms.max(0.0);
    }

    /// The virtual time in whole milliseconds (event time stamps).
    pub fn now_ms(&self) -> u64 {
        self.now as u64
    }

    /// Milliseconds until the next timer, if any.
    pub fn next_due_in(&self) -> Option<f64> {
        self.queue.keys().next().map(|k| (k.0 as f64 / 1000.0 - self.now).max(0.0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zero_delay_runs_now_longer_waits_for_the_clock() {
        let mut t = Timers::default();
        let a = t.add(0, 10.0, false);
        let b = t.add(0, 0.0, false);
        assert_eq!(t.pop_due().map(|t| t.id), Some(b));
        assert_eq!(t.pop_due(), None);
        t.advance(10.0);
        assert_eq!(t.pop_due().map(|t| t.id), Some(a));
    }

    #[test]
    fn intervals_reschedule_and_clear() {
        let mut t = Timers::default();
        let i = t.add(0, 0.0, true);
        let o = t.add(0, 0.0, false);
        // A zero-delay interval runs again after what was already due.
        let order: Vec<u32> = (0..3).filter_map(|_| t.pop_due().map(|t| t.id)).collect();
        assert_eq!(order, [i, o, i]);
        let j = t.add(0, 5.0, true);
        t.clear(i);
        assert_eq!(t.pop_due(), None);
        t.advance(5.0);
        assert_eq!(t.pop_due().map(|t| t.id), Some(j));
        t.clear(j);
        t.clear(i);
        t.advance(5.0);
        assert_eq!(t.pop_due(), None);
    }
}
