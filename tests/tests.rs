//! Integration tests: one binary, one module per topic.

mod cli;
mod corpus;
mod eval;
mod extract_assignments;
mod extract_records;
mod index;
mod ingest;
mod output;
