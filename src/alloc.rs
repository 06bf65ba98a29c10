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
///
/// Also turns transparent huge pages off for the process (see
/// [`disable_huge_pages`]) unless `MIMALLOC_ALLOW_THP` says otherwise.
pub fn configure() {
    if std::env::var_os("MIMALLOC_PURGE_DELAY").is_none() {
        // SAFETY: mi_option_set stores one integer in mimalloc's option
        // table; the purge delay accepts any value (-1 turns purging off).
        unsafe { libmimalloc_sys::mi_option_set(PURGE_DELAY, PURGE_DELAY_MS) };
    }
    if std::env::var_os("MIMALLOC_ALLOW_THP").is_none() {
        disable_huge_pages();
    }
}

/// Turns transparent huge pages off for this process, whatever the host's
/// setting. The build's `no_thp` stops mimalloc from asking for them, but
/// where the host's setting is `always` (a common default) the kernel backs
/// large regions with 2 MiB pages anyway; with huge pages mimalloc's peak
/// RSS was 146 MB against 80 MB without (BENCHMARKS.md, "Allocator").
/// mimalloc's own switch for this acts only through the environment.
#[cfg(target_os = "linux")]
fn disable_huge_pages() {
    // SAFETY: prctl(PR_SET_THP_DISABLE) takes integers only and touches no
    // memory of ours; on a kernel without it, it fails and nothing changes.
    unsafe { libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0) };
}

/// Transparent huge pages are a Linux matter.
#[cfg(not(target_os = "linux"))]
fn disable_huge_pages() {}

#[cfg(test)]
mod tests {
    use super::*;

    /// One test, as `configure` changes process-wide state.
    #[test]
    fn configure_sets_the_purge_delay_and_turns_huge_pages_off() {
        let purge_env = std::env::var_os("MIMALLOC_PURGE_DELAY").is_some();
        // mimalloc's documented default purge delay is 10 ms; no other
        // option near it defaults to 10.
        // SAFETY: reads one integer from mimalloc's option table.
        let before = unsafe { libmimalloc_sys::mi_option_get(PURGE_DELAY) };
        if !purge_env {
            assert_eq!(before, 10);
        }
        configure();
        // SAFETY: as above.
        let after = unsafe { libmimalloc_sys::mi_option_get(PURGE_DELAY) };
        if !purge_env {
            assert_eq!(after, PURGE_DELAY_MS);
        }
        #[cfg(target_os = "linux")]
        if std::env::var_os("MIMALLOC_ALLOW_THP").is_none() {
            // SAFETY: reads the process's flag; integers only.
            let disabled = unsafe { libc::prctl(libc::PR_GET_THP_DISABLE, 0, 0, 0, 0) };
            assert_eq!(disabled, 1);
        }
    }
}
