//! Deterministic pseudo-random numbers for the randomised tests.

/// Numbers from a 64-bit linear congruential generator started at `seed`
/// (its high bits): the same sequence on every run and machine.
pub(crate) fn numbers(seed: u64) -> impl FnMut() -> usize {
    let mut state = seed;
    move || {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (state >> 33) as usize
    }
}
