//! Integration tests: one binary, one module per topic.

mod cli;
mod index;
mod extract_records;
mod output;
mod eval;
mod extract_assignments;
mod corpus;
mod ingest;
