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
//!
//! That suits dense arrays, written in full (tokens, prefix sums). Sparse
//! ones, where most tokens are never written (the speaker-parsing memo,
//! the cue index, quote flags), come from zeroed memory instead
//! ([`zeroed_u32`]): the kernel maps zero pages, and only the pages written
//! are ever cleared and faulted in.

/// Arrays at least this large (bytes) are advised to use huge pages.
pub(crate) const HUGE_THRESHOLD: usize = 4 << 20;

/// Documents of at least this many tokens count what they will store
/// (quotations, names) to size a table once; an article's few entries grow
/// as usual, in cache, and the counting pass is not worth it there.
pub(crate) const PRESIZE_MIN_TOKENS: usize = 1 << 16;

/// An empty vector with room for `n` elements.
pub(crate) fn with_capacity<T>(n: usize) -> Vec<T> {
    let v = Vec::with_capacity(n);
    advise(&v);
    v
}

/// Pushes `x`, growing a full vector as `Vec::push` does (doubling) but
/// advising the new allocation to use huge pages like [`with_capacity`]:
/// for arrays whose length the caller can only estimate (tokens).
#[inline(always)]
pub(crate) fn push<T>(v: &mut Vec<T>, x: T) {
    if v.len() == v.capacity() {
        grow(v);
    }
    v.push(x);
}

#[cold]
#[inline(never)]
fn grow<T>(v: &mut Vec<T>) {
    move_to(v, v.capacity().saturating_mul(2).max(8));
}

/// Makes room for `additional` more elements like `Vec::reserve` (at least
/// doubling when it must grow), in an allocation advised like
/// [`with_capacity`].
pub(crate) fn reserve<T>(v: &mut Vec<T>, additional: usize) {
    let need = v.len().saturating_add(additional);
    if need > v.capacity() {
        move_to(v, need.max(v.capacity().saturating_mul(2)));
    }
}

/// Moves the elements into a new allocation of `capacity`, advised before
/// the copy writes to it (`Vec::reserve` would let `realloc` copy into
/// fresh 4 KB pages first).
fn move_to<T>(v: &mut Vec<T>, capacity: usize) {
    let mut bigger = with_capacity(capacity);
    bigger.append(v);
    *v = bigger;
}

/// `n` zeroed `u32`s, from the allocator's zeroed memory (`calloc`): for a
/// large array the kernel maps zero pages and a page costs only when it is
/// first written. For sparse per-token arrays (the speaker-parsing memo,
/// the cue index, quote flags), where most tokens are never written, that
/// avoids clearing and faulting in most of the array; so these are not
/// advised to use huge pages (a write would then clear 2 MB).
pub(crate) fn zeroed_u32(n: usize) -> Vec<u32> {
    vec![0; n]
}

/// `n` `false` flags, lazily zeroed like [`zeroed_u32`].
pub(crate) fn zeroed_flags(n: usize) -> Vec<bool> {
    vec![false; n]
}

/// `n` zeroed atomics, lazily zeroed like [`zeroed_u32`].
pub(crate) fn zeroed_atomic_u32(n: usize) -> Box<[core::sync::atomic::AtomicU32]> {
    use core::sync::atomic::AtomicU32;
    // `AtomicU32` has the size and bit validity of `u32`; its alignment
    // must match too for the cast below.
    const _: () = assert!(align_of::<AtomicU32>() == align_of::<u32>());
    let v = zeroed_u32(n).into_boxed_slice();
    let raw = Box::into_raw(v) as *mut [AtomicU32];
    // SAFETY: `AtomicU32` has the same size, alignment (checked above) and
    // bit validity as `u32`, so a boxed slice of `n` zero `u32`s is a valid
    // boxed slice of `n` zero atomics, allocated with the same layout.
    unsafe { Box::from_raw(raw) }
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
    fn push_and_reserve_behave_like_vec() {
        for n in [0usize, 1, 7, 1000, HUGE_THRESHOLD / 8 + 5] {
            let mut v: Vec<u64> = with_capacity(n / 3);
            let mut w: Vec<u64> = Vec::new();
            for i in 0..n as u64 {
                push(&mut v, i * 3);
                w.push(i * 3);
            }
            assert_eq!(v, w);
            reserve(&mut v, 100);
            assert!(v.capacity() >= n + 100);
            assert_eq!(v, w);
        }
    }

    #[test]
    fn zeroed_arrays_are_zero() {
        use core::sync::atomic::Ordering;
        for n in [0, 1, 1000, HUGE_THRESHOLD + 3] {
            assert!(zeroed_u32(n).iter().all(|&x| x == 0) && zeroed_u32(n).len() == n);
            assert!(zeroed_flags(n).iter().all(|&x| !x) && zeroed_flags(n).len() == n);
            let a = zeroed_atomic_u32(n);
            assert_eq!(a.len(), n);
            assert!(a.iter().all(|x| x.load(Ordering::Relaxed) == 0));
            if let Some(x) = a.last() {
                x.store(7, Ordering::Relaxed);
                assert_eq!(x.load(Ordering::Relaxed), 7);
            }
        }
    }

    #[test]
    fn with_capacity_behaves_like_vec() {
        for n in [0, 1, 1000, HUGE_THRESHOLD + 3] {
            let w: Vec<u64> = with_capacity(n);
            assert!(w.is_empty() && w.capacity() >= n);
        }
    }
}
