//! Prints the text of PDF, text or Markdown files, one output file per input:
//! `pdftext OUT_DIR FILE...` writes `OUT_DIR/<stem>.txt` (pages ended by a
//! form feed, running headers and footers in place), like `pdftotext`.
//! Errors go to stderr, one line per file.

use std::path::{Path, PathBuf};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some((out_dir, files)) = args.split_first() else {
        eprintln!("usage: pdftext OUT_DIR FILE...");
        std::process::exit(2);
    };
    let options = oppdrag_pdf::Options::default();
    let mut failed = false;
    for file in files {
        let path = Path::new(file);
        let stem = path
            .file_stem()
            .map_or("out".into(), |s| s.to_string_lossy().into_owned());
        match oppdrag_pdf::load_path(path, &options) {
            Ok(doc) if std::env::var_os("PDFTEXT_JSON").is_some() => {
                for page in &doc.pages {
                    for l in &page.lines {
                        let cells: Vec<String> = l
                            .cells
                            .iter()
                            .map(|c| format!("[{:.0}-{:.0}] {}", c.x0, c.x1, c.text))
                            .collect();
                        println!(
                            "p{} y={:.1} s={:.1} b={} | {}",
                            page.number,
                            l.y,
                            l.size,
                            l.bold,
                            cells.join(" | ")
                        );
                    }
                }
            }
            Ok(doc) => {
                let mut text = String::new();
                for page in &doc.pages {
                    for l in &page.header {
                        text.push_str(l);
                        text.push('\n');
                    }
                    for l in &page.lines {
                        text.push_str(&l.text);
                        text.push('\n');
                    }
                    for l in &page.footer {
                        text.push_str(l);
                        text.push('\n');
                    }
                    text.push('\x0c');
                }
                let out: PathBuf = Path::new(out_dir).join(format!("{stem}.txt"));
                if let Err(err) = std::fs::write(&out, text) {
                    eprintln!("{}: {err}", out.display());
                    failed = true;
                }
            }
            Err(err) => {
                eprintln!("{file}: {err}");
                failed = true;
            }
        }
    }
    if failed {
        std::process::exit(2);
    }
}
