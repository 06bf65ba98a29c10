//! Reading files: the size limit holds before and while a file is read.

use oppdrag_pdf::{load_path, read_path, Error, Options};

fn limited(max_file_bytes: u64) -> Options {
    Options {
        max_file_bytes,
        ..Options::default()
    }
}

#[test]
fn a_file_over_the_limit_is_refused_with_its_size() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.txt");
    std::fs::write(&path, "ord ".repeat(100)).unwrap();
    match read_path(&path, &limited(399)) {
        Err(Error::FileTooLarge { size, limit }) => assert_eq!((size, limit), (400, 399)),
        other => panic!("expected FileTooLarge, got {other:?}"),
    }
    assert!(matches!(
        load_path(&path, &limited(399)),
        Err(Error::FileTooLarge { .. })
    ));
    assert_eq!(read_path(&path, &limited(400)).unwrap().len(), 400);
}

#[cfg(unix)]
#[test]
fn devices_pipes_and_directories_are_refused_not_read() {
    // /dev/zero never ends; a pipe without a writer blocks the first read
    // (here: its open) for ever.
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("fifo.pdf");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    let mut paths = vec![
        std::path::PathBuf::from("/dev/zero"),
        dir.path().to_path_buf(),
    ];
    if made.is_ok_and(|status| status.success()) {
        paths.push(fifo);
    }
    for path in paths {
        match read_path(&path, &limited(1 << 20)) {
            Err(err @ Error::NotAFile) => {
                assert_eq!(err.to_string(), "cannot read: not a regular file")
            }
            other => panic!(
                "{}: expected NotAFile, got {:?}",
                path.display(),
                other.map(|d| d.len())
            ),
        }
    }
}

#[test]
fn read_then_load_bytes_is_load_path() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("brev.txt");
    std::fs::write(
        &path,
        "TB2024-07 Avd.HOD: FHA Oppfølging\nFrist: 1. juni 2024\n",
    )
    .unwrap();
    let options = Options::default();
    let data = read_path(&path, &options).unwrap();
    let name = oppdrag_pdf::file_name(&path);
    assert_eq!(name, "brev.txt");
    let via_bytes = oppdrag_pdf::load_bytes(&name, &data, &options).unwrap();
    let via_path = load_path(&path, &options).unwrap();
    assert_eq!(
        serde_json::to_string(&via_bytes).unwrap(),
        serde_json::to_string(&via_path).unwrap()
    );
}
