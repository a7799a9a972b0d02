//! A compact source map: generated (line, col) → original (line, col), all 1-based.
//!
//! Built from the codegen's mapping pairs; a lookup takes the last mapping at or before the
//! position on the same generated line (or the line's first mapping when the position
//! comes before all of them), which is how stack positions land on the statement or
//! expression the engine was running.

/// Generated → original positions of one compiled file.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LineMap {
    /// Sorted by generated position.
    entries: Vec<((u32, u32), (u32, u32))>,
}

impl LineMap {
    pub fn new(pairs: impl IntoIterator<Item = ((u32, u32), (u32, u32))>) -> LineMap {
        let mut entries: Vec<_> = pairs.into_iter().collect();
        entries.sort();
        entries.dedup_by_key(|e| e.0);
        LineMap { entries }
    }

    /// The original position of generated `line`:`col`, or `None` when the line has no
    /// mapping (code the compiler added, such as interop helpers).
    pub fn original(&self, line: u32, col: u32) -> Option<(u32, u32)> {
        let after = self.entries.partition_point(|e| e.0 <= (line, col));
        if after > 0 && self.entries[after - 1].0 .0 == line {
            return Some(self.entries[after - 1].1);
        }
        self.entries.get(after).filter(|e| e.0 .0 == line).map(|e| e.1)
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}
