//! Per-document arrays that grow with the input (tokens, per-token flags),
//! backed by transparent huge pages when they are large.
//!
//! A 10 MB document needs arrays of tens of MB. With 4 KB pages every pass
//! over them walks thousands of pages, each a TLB miss (two-level page walks
//! under virtualisation), and the kernel faults every page in separately.
//! On Linux, arrays of at least [`HUGE_THRESHOLD`] bytes are marked
//! `MADV_HUGEPAGE` before they are first written, so the kernel may back
//! them with 2 MB pages (on systems whose transparent huge page setting is
//! `madvise` or `always`; a no-op elsewhere, and on failure). Arrays of
//! ordinary news articles (a few KB) are far below the threshold and are
//! left to the allocator.

/// Arrays at least this large (bytes) are advised to use huge pages.
pub(crate) const HUGE_THRESHOLD: usize = 4 << 20;

/// An empty vector with room for `n` elements.
pub(crate) fn with_capacity<T>(n: usize) -> Vec<T> {
    let v = Vec::with_capacity(n);
    advise(&v);
    v
}

/// A vector of `n` copies of `value`.
pub(crate) fn filled<T: Clone>(n: usize, value: T) -> Vec<T> {
    let mut v = with_capacity(n);
    v.resize(n, value);
    v
}

/// Marks the vector's spare capacity `MADV_HUGEPAGE` when it is large.
#[cfg(target_os = "linux")]
fn advise<T>(v: &Vec<T>) {
    const HUGE_PAGE: usize = 2 << 20;
    let bytes = v.capacity().saturating_mul(size_of::<T>());
    if bytes < HUGE_THRESHOLD {
        return;
    }
    let start = v.as_ptr() as usize;
    // Only whole huge pages inside the allocation.
    let first = start.next_multiple_of(HUGE_PAGE);
    let end = (start + bytes) & !(HUGE_PAGE - 1);
    if end > first {
        // SAFETY: `first..end` lies inside the vector's allocation, which is
        // live and owned by `v`; MADV_HUGEPAGE only changes how the kernel
        // backs those pages, never their contents or validity.
        unsafe {
            libc::madvise(first as *mut libc::c_void, end - first, libc::MADV_HUGEPAGE);
        }
    }
}

#[cfg(not(target_os = "linux"))]
fn advise<T>(_: &Vec<T>) {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filled_and_with_capacity_behave_like_vec() {
        for n in [0, 1, 1000, HUGE_THRESHOLD + 3] {
            let v = filled(n, 7u8);
            assert_eq!(v.len(), n);
            assert!(v.iter().all(|&b| b == 7));
            let w: Vec<u64> = with_capacity(n);
            assert!(w.is_empty() && w.capacity() >= n);
        }
    }
}
