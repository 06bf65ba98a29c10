//! The binary's allocator: mimalloc, and how soon it gives memory back.

/// mimalloc rather than the system allocator: 7–9 % less CPU for the
/// whole pipeline (PDF parsing, rules and tantivy all allocate many small
/// objects on several threads); BENCHMARKS.md, "Allocator".
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc 2's number for its purge delay option (`mi_option_purge_delay`
/// in its `mimalloc.h`; the Rust bindings give it no name).
const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// The purge delay set: freed memory goes back to the system after 1 ms.
const PURGE_DELAY_MS: std::ffi::c_long = 1;

/// Makes mimalloc return freed memory after [`PURGE_DELAY_MS`] instead of
/// its default 10 ms, unless `MIMALLOC_PURGE_DELAY` says otherwise.
///
/// With the default, tantivy's segment buffers, freed and allocated again
/// at every commit, lingered long enough that the peak RSS of a long run
/// varied by up to 1.22× that of a short one; with 1 ms it stays within
/// 1.08× at the same speed (BENCHMARKS.md, "Allocator").
pub fn configure() {
    if std::env::var_os("MIMALLOC_PURGE_DELAY").is_none() {
        // SAFETY: mi_option_set stores one integer in mimalloc's option
        // table; the purge delay accepts any value (-1 turns purging off).
        unsafe { libmimalloc_sys::mi_option_set(PURGE_DELAY, PURGE_DELAY_MS) };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_option_number_is_the_purge_delay() {
        // mimalloc's documented default purge delay is 10 ms; no other
        // option near it defaults to 10.
        if std::env::var_os("MIMALLOC_PURGE_DELAY").is_some() {
            return;
        }
        // SAFETY: reads one integer from mimalloc's option table.
        let before = unsafe { libmimalloc_sys::mi_option_get(PURGE_DELAY) };
        assert_eq!(before, 10);
        configure();
        // SAFETY: as above.
        let after = unsafe { libmimalloc_sys::mi_option_get(PURGE_DELAY) };
        assert_eq!(after, PURGE_DELAY_MS);
    }
}
