//! Turns the paths given on the command line into the list of input files.

use std::path::{Path, PathBuf};

/// File extensions oppdrag reads, lower case.
pub const EXTENSIONS: &[&str] = &["pdf", "txt", "md"];

/// Reports whether `path` has an extension oppdrag reads.
pub fn is_input(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| EXTENSIONS.iter().any(|x| e.eq_ignore_ascii_case(x)))
}

/// Expands `paths` into input files: files are kept as given (whatever their
/// extension), directories are walked recursively for `.pdf`, `.txt` and `.md`
/// files in sorted order. Paths that do not exist are returned as errors, in
/// order, so that the caller can report them and go on.
pub fn expand(paths: &[PathBuf]) -> Vec<Result<PathBuf, String>> {
    let mut out = Vec::new();
    for path in paths {
        if path.is_dir() {
            let walker = walkdir::WalkDir::new(path)
                .follow_links(true)
                .sort_by_file_name();
            for entry in walker {
                match entry {
                    Ok(e) if e.file_type().is_file() && is_input(e.path()) => {
                        out.push(Ok(e.into_path()))
                    }
                    Ok(_) => {}
                    Err(err) => out.push(Err(format!("{}: {err}", path.display()))),
                }
            }
        } else if path.exists() {
            out.push(Ok(path.clone()));
        } else {
            out.push(Err(format!(
                "{}: no such file or directory",
                path.display()
            )));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn walks_directories_for_known_extensions_in_order() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("sub")).unwrap();
        for name in ["b.pdf", "a.txt", "sub/c.MD", "skip.docx"] {
            std::fs::write(dir.path().join(name), "x").unwrap();
        }
        let found: Vec<String> = expand(&[dir.path().to_path_buf(), "missing.pdf".into()])
            .into_iter()
            .map(|r| match r {
                Ok(p) => p.strip_prefix(dir.path()).unwrap().display().to_string(),
                Err(e) => format!("error {e}"),
            })
            .collect();
        assert_eq!(
            found,
            [
                "a.txt",
                "b.pdf",
                "sub/c.MD",
                "error missing.pdf: no such file or directory"
            ]
        );
    }
}
