//! Which output paths are safe: the one check every path passes on its way into an
//! [`super::Output`], so that no content (an id, a slug, a static file name) can make vestis
//! write outside the output directory.

/// Checks that `path` is a safe relative output path: not empty, not absolute, no drive or
/// UNC prefix, no backslash, no NUL, and every `/`-separated segment a plain name
/// (not empty, not `.` or `..`).
pub fn validate_path(path: &str) -> Result<(), String> {
    let problem = path_problem(path);
    match problem {
        None => Ok(()),
        Some(problem) => Err(format!(
            "output path `{}` is not allowed: {problem}",
            path.escape_debug()
        )),
    }
}

/// What is wrong with `path`, if anything.
fn path_problem(path: &str) -> Option<&'static str> {
    if path.is_empty() {
        return Some("it is empty");
    }
    if path.contains('\0') {
        return Some("it contains a NUL character");
    }
    if path.contains('\\') {
        return Some("it contains a backslash; separate directories with `/`");
    }
    if path.starts_with('/') {
        return Some("it is absolute; output paths are relative to the output directory");
    }
    if has_drive_prefix(path) {
        return Some("it starts with a drive letter");
    }
    for segment in path.split('/') {
        match segment {
            "" => return Some("it has an empty segment (`//` or a trailing `/`)"),
            "." | ".." => return Some("it has a `.` or `..` segment"),
            _ => {}
        }
    }
    None
}

/// `C:`, `c:foo`: a Windows drive prefix, which would escape the output directory there.
fn has_drive_prefix(path: &str) -> bool {
    let bytes = path.as_bytes();
    bytes.len() >= 2 && bytes[0].is_ascii_alphabetic() && bytes[1] == b':'
}
