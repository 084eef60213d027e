//! File names made from the document's words: a heading of 300 characters or a long
//! name must still give a file name every system accepts (most refuse more than 255
//! bytes). An identifier is cut at a word boundary past [`MAX_LEN`] bytes and given a
//! suffix computed from the whole text, so that two long headings that start alike still
//! get two files, and the same heading always the same one.

/// The longest identifier kept whole (bytes; ids are ASCII).
pub const MAX_LEN: usize = 64;

/// The identifier of `text` ([`crate::slug::slugify`]), at most [`MAX_LEN`] + 7 bytes.
pub fn file_id(text: &str) -> String {
    let full = crate::slug::slugify(text);
    if full.len() <= MAX_LEN {
        return full;
    }
    let cut = full[..MAX_LEN]
        .rfind('-')
        .filter(|&i| i > MAX_LEN / 2)
        .unwrap_or(MAX_LEN);
    let head = full[..cut].trim_end_matches('-');
    format!("{head}-{:06x}", fnv1a(full.as_bytes()) & 0xff_ffff)
}

/// FNV-1a, 64 bits: stable across runs, platforms and versions (unlike `DefaultHasher`).
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_ids_are_slugs() {
        assert_eq!(file_id("Nos valeurs"), "nos-valeurs");
    }

    #[test]
    fn long_ids_are_cut_with_a_stable_suffix() {
        let long = "Très ".repeat(80);
        let id = file_id(&long);
        assert!(id.len() <= MAX_LEN + 7, "{id}");
        assert!(crate::slug::is_id(&id), "{id}");
        assert_eq!(id, file_id(&long));
        let other = format!("{long} autre");
        assert_ne!(file_id(&other), id);
        let jeanne = format!("Jean{}", "ne".repeat(200));
        assert!(crate::slug::is_id(&file_id(&jeanne)));
        assert!(file_id(&jeanne).len() <= MAX_LEN + 7);
    }
}
