//! Opening and creating an index, and the writer that adds files to it.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use oppdrag_model::Record;
use tantivy::collector::{DocSetCollector, TopDocs};
use tantivy::directory::error::LockError;
use tantivy::directory::MmapDirectory;
use tantivy::indexer::{IndexWriterOptions, LogMergePolicy};
use tantivy::query::{BooleanQuery, Query, TermQuery};
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::{
    Index, IndexReader, IndexWriter, ReloadPolicy, Searcher, TantivyDocument, TantivyError, Term,
};

use crate::analysis;
use crate::document::{file_document, record_document, FileFacts, Source, FILE_MARKER};
use crate::error::{Error, Result};
use crate::schema::Fields;

/// Smallest writer memory budget tantivy accepts per thread, in bytes.
const MIN_BUDGET_PER_THREAD: usize = 15_000_000;
/// Background merges run one at a time: each merge holds buffers of its own,
/// so concurrent merges of a growing index add up (tantivy's default is 4).
const MERGE_THREADS: usize = 1;
/// Segments with more documents than this are not merged any further, so a
/// merge never grows with the size of the whole index (tantivy's default is
/// 10 million: merges of ever larger segments, each mapped and read in full).
///
/// Below the size of the segment a bulk run commits (500 letters ≈ 15 000
/// records), so a bulk load writes segments and never merges them: peak
/// memory stays flat (BENCHMARKS.md, "Peak memory"), at the price of one
/// segment per commit (20 for 10 000 letters). Small segments, from
/// incremental runs, are still merged. 50 000 here gives 5 segments for
/// 10 000 letters and 1.6× the peak memory of 1 000.
const MAX_DOCS_BEFORE_MERGE: usize = 10_000;
/// Segments of one size class merged together (tantivy's default is 8): a
/// merge maps and reads every page of its input segments, so fewer inputs
/// mean a smaller peak.
const MIN_SEGMENTS_IN_MERGE: usize = 4;

/// An oppdrag search index: a tantivy index with the oppdrag schema, on disk or in RAM.
pub struct RecordIndex {
    index: Index,
    fields: Fields,
    reader: IndexReader,
    dir: PathBuf,
}

impl std::fmt::Debug for RecordIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RecordIndex")
            .field("dir", &self.dir)
            .finish()
    }
}

impl RecordIndex {
    /// Creates an empty index in memory (for tests and benchmarks).
    pub fn create_in_ram() -> Result<RecordIndex> {
        let fields = Fields::new();
        let index = Index::create_in_ram(fields.schema.clone());
        RecordIndex::wrap(index, fields, PathBuf::from("<ram>"))
    }

    /// Opens the index in `dir`.
    ///
    /// # Errors
    ///
    /// [`Error::NoIndex`] when `dir` holds no index, [`Error::SchemaMismatch`]
    /// when it was built with another schema.
    pub fn open(dir: &Path) -> Result<RecordIndex> {
        if !dir.is_dir() {
            return Err(Error::NoIndex {
                dir: dir.to_path_buf(),
            });
        }
        let directory = MmapDirectory::open(dir).map_err(|e| Error::Io {
            path: dir.to_path_buf(),
            source: std::io::Error::other(e.to_string()),
        })?;
        let exists = Index::exists(&directory).map_err(|e| Error::Io {
            path: dir.to_path_buf(),
            source: std::io::Error::other(e.to_string()),
        })?;
        if !exists {
            return Err(Error::NoIndex {
                dir: dir.to_path_buf(),
            });
        }
        let index = Index::open(directory)?;
        let fields = Fields::new();
        if index.schema() != fields.schema {
            return Err(Error::SchemaMismatch {
                dir: dir.to_path_buf(),
            });
        }
        RecordIndex::wrap(index, fields, dir.to_path_buf())
    }

    /// Opens the index in `dir`, creating the directory and an empty index when needed.
    pub fn open_or_create(dir: &Path) -> Result<RecordIndex> {
        std::fs::create_dir_all(dir).map_err(|source| Error::Io {
            path: dir.to_path_buf(),
            source,
        })?;
        match RecordIndex::open(dir) {
            Err(Error::NoIndex { .. }) => {}
            other => return other,
        }
        let fields = Fields::new();
        match Index::create_in_dir(dir, fields.schema.clone()) {
            Ok(index) => RecordIndex::wrap(index, fields, dir.to_path_buf()),
            // Another process created it first.
            Err(TantivyError::IndexAlreadyExists) => RecordIndex::open(dir),
            Err(e) => Err(e.into()),
        }
    }

    fn wrap(index: Index, fields: Fields, dir: PathBuf) -> Result<RecordIndex> {
        analysis::register(index.tokenizers());
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        Ok(RecordIndex {
            index,
            fields,
            reader,
            dir,
        })
    }

    /// Returns the directory of the index (`<ram>` for an index in memory).
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Returns the schema's field handles.
    pub fn fields(&self) -> &Fields {
        &self.fields
    }

    /// Returns the underlying tantivy index.
    pub fn tantivy(&self) -> &Index {
        &self.index
    }

    /// Returns a searcher on the last commit this handle has seen.
    pub fn searcher(&self) -> Searcher {
        self.reader.searcher()
    }

    /// Makes the searcher see the latest commit (of this or another process).
    pub fn refresh(&self) -> Result<()> {
        Ok(self.reader.reload()?)
    }

    /// Starts the single writer of this index.
    ///
    /// `threads` indexing threads share `memory` bytes (each gets at least 15 MB).
    ///
    /// # Errors
    ///
    /// [`Error::Locked`] when another writer (in this or another process) is open.
    pub fn writer(&self, threads: usize, memory: usize) -> Result<RecordWriter<'_>> {
        let threads = threads.clamp(1, 8);
        let memory = memory.max(threads * MIN_BUDGET_PER_THREAD);
        let options = IndexWriterOptions::builder()
            .num_worker_threads(threads)
            .memory_budget_per_thread(memory / threads)
            .num_merge_threads(MERGE_THREADS)
            .build();
        let writer = self
            .index
            .writer_with_options(options)
            .map_err(|e| match e {
                TantivyError::LockFailure(LockError::LockBusy, _) => Error::Locked {
                    dir: self.dir.clone(),
                },
                other => Error::Tantivy(other),
            })?;
        writer.set_merge_policy(Box::new(merge_policy()));
        Ok(RecordWriter {
            index: self,
            writer,
        })
    }

    /// Builds the index documents of a file's records (one per record and
    /// the file's marker), for [`RecordWriter::add_prepared`].
    ///
    /// Any thread may prepare files while one writer adds them: the work
    /// that grows with the records (their JSON, their fields) is then done
    /// in parallel, next to extraction, rather than by the writer's caller.
    /// The documents use the field handles of this index's schema: add them
    /// with a writer of this index (every oppdrag index has the same schema,
    /// so another one's writer does too, but nothing checks it).
    ///
    /// # Errors
    ///
    /// [`Error::Serialize`] when a record cannot be written as JSON. Callers
    /// that index many files report it for that file and go on.
    pub fn prepare(&self, source: &Source, records: &[Record]) -> Result<PreparedFile> {
        let fields = &self.fields;
        let facts = FileFacts::of(records);
        let mut docs = Vec::with_capacity(records.len() + 1);
        for record in records {
            docs.push(record_document(fields, source, &facts, record)?);
        }
        let name = records
            .first()
            .map(|r| r.doc().to_string())
            .unwrap_or_else(|| file_name(&source.path));
        docs.push(file_document(fields, source, &name));
        Ok(PreparedFile {
            path: source.path.clone(),
            docs,
            records: records.len(),
        })
    }

    /// Returns every indexed file: path → content hash.
    pub fn files(&self) -> Result<BTreeMap<String, String>> {
        let searcher = self.searcher();
        let query = TermQuery::new(
            Term::from_field_text(self.fields.record_type, FILE_MARKER),
            IndexRecordOption::Basic,
        );
        let mut files = BTreeMap::new();
        for address in searcher.search(&query, &DocSetCollector)? {
            let doc: TantivyDocument = searcher.doc(address)?;
            let get = |field| {
                doc.get_first(field)
                    .and_then(|v| v.as_str())
                    .unwrap_or_default()
                    .to_string()
            };
            files.insert(get(self.fields.path), get(self.fields.hash));
        }
        Ok(files)
    }

    /// Returns the content hash the last commit holds for the file at `path`,
    /// or `None` when that file is not indexed.
    ///
    /// One term lookup in the index: checking files one by one this way
    /// keeps no list of every indexed file in memory.
    pub fn file_hash(&self, path: &str) -> Result<Option<String>> {
        let searcher = self.searcher();
        let marker = |field, text| -> Box<dyn Query> {
            Box::new(TermQuery::new(
                Term::from_field_text(field, text),
                IndexRecordOption::Basic,
            ))
        };
        let query = BooleanQuery::intersection(vec![
            marker(self.fields.path, path),
            marker(self.fields.record_type, FILE_MARKER),
        ]);
        let Some((_, address)) = searcher.search(&query, &TopDocs::with_limit(1))?.pop() else {
            return Ok(None);
        };
        let doc: TantivyDocument = searcher.doc(address)?;
        Ok(doc
            .get_first(self.fields.hash)
            .and_then(|v| v.as_str())
            .map(str::to_string))
    }

    /// Returns the number of live records (markers of files not counted).
    pub fn num_records(&self) -> Result<u64> {
        let searcher = self.searcher();
        let total: u64 = searcher
            .segment_readers()
            .iter()
            .map(|s| u64::from(s.num_docs()))
            .sum();
        let markers = searcher.search(
            &TermQuery::new(
                Term::from_field_text(self.fields.record_type, FILE_MARKER),
                IndexRecordOption::Basic,
            ),
            &tantivy::collector::Count,
        )?;
        Ok(total.saturating_sub(markers as u64))
    }
}

/// A file's index documents, built by [`RecordIndex::prepare`] on any thread.
pub struct PreparedFile {
    path: String,
    docs: Vec<TantivyDocument>,
    records: usize,
}

impl std::fmt::Debug for PreparedFile {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PreparedFile")
            .field("path", &self.path)
            .field("records", &self.records)
            .finish()
    }
}

impl PreparedFile {
    /// The number of records (the file's marker not counted).
    pub fn records(&self) -> usize {
        self.records
    }
}

/// The one writer of an index: replaces and removes files, then commits.
///
/// Nothing written is visible, on disk or to searchers, before
/// [`commit`](RecordWriter::commit). A process killed before that leaves the
/// index as it was at the previous commit.
pub struct RecordWriter<'a> {
    index: &'a RecordIndex,
    writer: IndexWriter<TantivyDocument>,
}

impl std::fmt::Debug for RecordWriter<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RecordWriter")
            .field("dir", &self.index.dir)
            .finish()
    }
}

impl RecordWriter<'_> {
    /// Replaces every record of the file at `source.path` by `records`, and
    /// remembers the file's hash; returns the number of records added.
    pub fn replace_file(&mut self, source: &Source, records: &[Record]) -> Result<usize> {
        let file = self.index.prepare(source, records)?;
        self.add_prepared(file)
    }

    /// Replaces every record of a file by the documents
    /// [`RecordIndex::prepare`] built for it; returns the number of records added.
    pub fn add_prepared(&mut self, file: PreparedFile) -> Result<usize> {
        self.remove_file(&file.path);
        for doc in file.docs {
            self.writer.add_document(doc)?;
        }
        Ok(file.records)
    }

    /// Removes every record of the file at `path` (and its marker).
    pub fn remove_file(&mut self, path: &str) {
        self.writer
            .delete_term(Term::from_field_text(self.index.fields.path, path));
    }

    /// Commits everything written so far, atomically, and refreshes the index's searcher.
    pub fn commit(&mut self) -> Result<()> {
        self.checkpoint()?;
        self.index.refresh()
    }

    /// Commits everything written so far, atomically, without refreshing
    /// the index's searcher, which goes on seeing the state it saw before.
    ///
    /// For the intermediate commits of a bulk load: a refresh opens every
    /// segment of the index, and the pages it reads stay resident, so
    /// refreshing after each of many commits makes the memory of a long
    /// run grow with the size of the index.
    pub fn checkpoint(&mut self) -> Result<()> {
        self.writer.commit()?;
        Ok(())
    }

    /// Drops uncommitted changes, returning to the last commit.
    pub fn rollback(&mut self) -> Result<()> {
        self.writer.rollback()?;
        Ok(())
    }

    /// Waits for background merges and releases the lock.
    ///
    /// Uncommitted changes are dropped; call [`commit`](RecordWriter::commit) first.
    pub fn finish(self) -> Result<()> {
        self.writer.wait_merging_threads()?;
        Ok(())
    }
}

/// tantivy's log merge policy with bounded merges: at least
/// [`MIN_SEGMENTS_IN_MERGE`] segments of a size class, none larger than
/// [`MAX_DOCS_BEFORE_MERGE`] documents.
fn merge_policy() -> LogMergePolicy {
    let mut policy = LogMergePolicy::default();
    policy.set_max_docs_before_merge(MAX_DOCS_BEFORE_MERGE);
    policy.set_min_num_segments(MIN_SEGMENTS_IN_MERGE);
    policy
}

/// The last component of a path, or the path itself.
fn file_name(path: &str) -> String {
    Path::new(path)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.to_string())
}
