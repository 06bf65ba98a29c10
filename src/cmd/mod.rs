//! One module per subcommand: its flags (`Args`) and its `run` function.

pub mod bench;
pub mod calendar;
pub mod corpus;
pub mod diff;
pub mod eval;
pub mod extract;
pub mod index;
pub mod search;
pub mod stats;
pub mod text;
