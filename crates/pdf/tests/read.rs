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
fn a_device_that_never_ends_is_refused_not_read_on() {
    // /dev/zero reports a size of 0 and never ends: without a bound on the
    // read itself this would fill the memory.
    match read_path(std::path::Path::new("/dev/zero"), &limited(1 << 20)) {
        Err(Error::FileTooLarge { size, limit }) => {
            assert_eq!((size, limit), ((1 << 20) + 1, 1 << 20))
        }
        other => panic!("expected FileTooLarge, got {:?}", other.map(|d| d.len())),
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
