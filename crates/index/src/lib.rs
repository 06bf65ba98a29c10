//! Skeleton: the real implementation lands in this crate.
#![deny(missing_docs)]
