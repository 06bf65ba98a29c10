//! Running on a given number of CPUs, for `oppdrag bench --jobs N`.
//!
//! `--jobs N` sets the number of workers, but tantivy's indexing thread,
//! its store compressor and, with `--vs-pdftotext`, the pdftotext
//! processes run beside them: unpinned, `--jobs 1` kept 1.3 cores busy on
//! this project's letters. A benchmark at `--jobs N` therefore pins the
//! process to `N` CPUs first, so its figures are those of `N` cores.

use std::io;

/// Restricts the calling thread — and every thread and process it starts
/// afterwards, which inherit the mask — to the `n` lowest-numbered CPUs
/// it may run on now.
///
/// Returns the CPUs chosen, or `None` when `n` is at least the number of
/// CPUs available (nothing to restrict). Call it before any other thread
/// is started: threads that exist already keep their mask.
///
/// # Errors
///
/// The operating system's error when the mask cannot be read or set, and
/// [`io::ErrorKind::Unsupported`] off Linux.
pub fn pin_to(n: usize) -> io::Result<Option<Vec<usize>>> {
    let allowed = allowed()?;
    if n == 0 || n >= allowed.len() {
        return Ok(None);
    }
    let chosen: Vec<usize> = allowed.into_iter().take(n).collect();
    set(&chosen)?;
    Ok(Some(chosen))
}

/// The CPUs the calling thread may run on, in increasing order.
#[cfg(target_os = "linux")]
fn allowed() -> io::Result<Vec<usize>> {
    // SAFETY: an all-zero cpu_set_t is the empty set; sched_getaffinity
    // writes at most `size_of::<cpu_set_t>()` bytes into it.
    let mut set: libc::cpu_set_t = unsafe { std::mem::zeroed() };
    let size = std::mem::size_of::<libc::cpu_set_t>();
    // SAFETY: pid 0 is the calling thread; `set` is valid for `size` bytes.
    if unsafe { libc::sched_getaffinity(0, size, &mut set) } != 0 {
        return Err(io::Error::last_os_error());
    }
    let max = usize::try_from(libc::CPU_SETSIZE).unwrap_or(0);
    // SAFETY: CPU_ISSET only reads the set, and every cpu < CPU_SETSIZE is in range.
    Ok((0..max)
        .filter(|&cpu| unsafe { libc::CPU_ISSET(cpu, &set) })
        .collect())
}

/// Sets the calling thread's CPUs.
#[cfg(target_os = "linux")]
fn set(cpus: &[usize]) -> io::Result<()> {
    // SAFETY: as in `allowed`: the empty set, then CPU_SET on CPUs below
    // CPU_SETSIZE (they came from `allowed`), then sched_setaffinity reads it.
    let mut set: libc::cpu_set_t = unsafe { std::mem::zeroed() };
    for &cpu in cpus {
        unsafe { libc::CPU_SET(cpu, &mut set) };
    }
    let size = std::mem::size_of::<libc::cpu_set_t>();
    if unsafe { libc::sched_setaffinity(0, size, &set) } != 0 {
        return Err(io::Error::last_os_error());
    }
    Ok(())
}

#[cfg(not(target_os = "linux"))]
fn allowed() -> io::Result<Vec<usize>> {
    Err(io::Error::new(
        io::ErrorKind::Unsupported,
        "pinning to CPUs is implemented on Linux only",
    ))
}

#[cfg(not(target_os = "linux"))]
fn set(_: &[usize]) -> io::Result<()> {
    Err(io::Error::new(
        io::ErrorKind::Unsupported,
        "pinning to CPUs is implemented on Linux only",
    ))
}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    use super::*;

    /// On a thread of its own, as pinning changes the calling thread.
    #[test]
    fn pinning_restricts_the_thread_and_its_children() {
        std::thread::spawn(|| {
            let before = allowed().unwrap();
            assert!(!before.is_empty());
            assert_eq!(pin_to(before.len()).unwrap(), None);
            assert_eq!(pin_to(0).unwrap(), None);
            if before.len() < 2 {
                return;
            }
            let chosen = pin_to(1).unwrap().unwrap();
            assert_eq!(chosen, [before[0]]);
            assert_eq!(allowed().unwrap(), chosen);
            // A thread started now inherits the mask.
            let child = std::thread::spawn(|| allowed().unwrap()).join().unwrap();
            assert_eq!(child, chosen);
        })
        .join()
        .unwrap();
    }
}
