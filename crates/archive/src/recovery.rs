//! The recovery key: 128 random bits shown once to the chair, in groups that can be read aloud
//! and typed back. A checksum catches a typo before any cryptography is tried, and says which
//! group is wrong when it can.

use sha2::{Digest, Sha256};
use zeroize::Zeroizing;

use crate::keys::{self, SecretKey};
use crate::ArchiveError;

/// Crockford's base32: no I, L, O or U, so nothing is mistaken for 1, 0 or a rude word.
const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const SECRET_BYTES: usize = 16;
/// 128 bits take 26 base32 digits; 4 more carry a checksum: 30 digits in 6 groups of 5.
const SECRET_DIGITS: usize = 26;
const CHECK_DIGITS: usize = 4;
const GROUP: usize = 5;
pub(crate) const DIGITS: usize = SECRET_DIGITS + CHECK_DIGITS;

pub struct RecoveryKey {
    secret: Zeroizing<[u8; SECRET_BYTES]>,
}

impl std::fmt::Debug for RecoveryKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("RecoveryKey(hidden)")
    }
}

impl RecoveryKey {
    pub(crate) fn generate() -> Result<RecoveryKey, ArchiveError> {
        let mut secret = Zeroizing::new([0u8; SECRET_BYTES]);
        keys::fill_random(secret.as_mut())?;
        Ok(RecoveryKey { secret })
    }

    /// Reads what the chair typed or pasted: case, spaces and hyphens do not matter, and the
    /// letters people confuse with digits (I, L, O) are read as the digits. The file that
    /// [`RecoveryKey::file_text`] writes is accepted as it is (its heading line is skipped), and so
    /// is a line with a label before a colon ("Recovery key: ...").
    pub fn parse(typed: &str) -> Result<RecoveryKey, ArchiveError> {
        if typed.len() > MAX_TYPED_BYTES {
            return Err(ArchiveError::RecoveryKeyMistyped {
                group: None,
                reason: format!(
                    "a recovery key has {DIGITS} characters in {} groups, and far more was entered",
                    DIGITS / GROUP
                ),
            });
        }
        // A line that holds a whole key and nothing else wins; otherwise read everything but the
        // heading, so that the errors below can say which group is wrong.
        let mut lines = typed
            .lines()
            .map(without_label)
            .filter(|line| looks_like_a_key(line));
        match (lines.next(), lines.next()) {
            (Some(line), None) => parse_digits(line),
            _ => parse_digits(&without_heading(typed)),
        }
    }

    /// The text of a recovery-key file: a heading line, then the key.
    pub fn file_text(&self) -> Zeroizing<String> {
        file_text(&self.display())
    }

    /// The key as shown to the chair: `XXXXX-XXXXX-XXXXX-XXXXX-XXXXX-XXXXX`.
    pub fn display(&self) -> Zeroizing<String> {
        let mut digits = to_base32(self.secret.as_ref());
        digits.extend_from_slice(&checksum_digits(self.secret.as_ref()));
        let mut text = Zeroizing::new(String::with_capacity(DIGITS + DIGITS / GROUP));
        for (index, digit) in digits.iter().enumerate() {
            if index > 0 && index % GROUP == 0 {
                text.push('-');
            }
            text.push(char::from(ALPHABET[usize::from(*digit)]));
        }
        text
    }

    /// The key that wraps the archive's data key. 128 random bits need no slow derivation;
    /// the archive id keeps one recovery key from being tried against another archive's slot.
    pub(crate) fn wrapping_key(&self, archive_id: &str) -> SecretKey {
        let mut hasher = Sha256::new();
        hasher.update(b"scr-desk recovery key v1\0");
        hasher.update(archive_id.as_bytes());
        hasher.update([0]);
        hasher.update(self.secret.as_ref());
        let digest = Zeroizing::new(<[u8; 32]>::from(hasher.finalize()));
        SecretKey::from_array(*digest)
    }
}

/// The first line of a recovery-key file.
pub const FILE_HEADING: &str = "SCR Decision Desk recovery key";

/// A recovery-key file's text for a key as displayed (`XXXXX-XXXXX-...`); [`RecoveryKey::parse`]
/// reads it back as it is.
pub fn file_text(displayed: &str) -> Zeroizing<String> {
    Zeroizing::new(format!("{FILE_HEADING}\n{displayed}\n"))
}
/// Far more than a key with every separator doubled and a heading: anything longer is not a key,
/// and is refused before any work is done on it.
const MAX_TYPED_BYTES: usize = 1024;

fn parse_digits(typed: &str) -> Result<RecoveryKey, ArchiveError> {
    let mut digits = Zeroizing::new(Vec::with_capacity(DIGITS));
    for character in typed.chars() {
        if character.is_whitespace() || character == '-' {
            continue;
        }
        let value = digit_value(character).ok_or(ArchiveError::RecoveryKeyMistyped {
            group: group_of(digits.len()),
            reason: format!("'{character}' is not a character a recovery key uses"),
        })?;
        digits.push(value);
    }
    if digits.len() != DIGITS {
        return Err(ArchiveError::RecoveryKeyMistyped {
            group: None,
            reason: format!(
                "a recovery key has {DIGITS} characters in {} groups, and {} were entered",
                DIGITS / GROUP,
                digits.len()
            ),
        });
    }
    let secret = Zeroizing::new(from_base32(&digits[..SECRET_DIGITS]));
    let expected = checksum_digits(secret.as_ref());
    // The last secret character carries two spare bits that decoding drops: a typo that
    // changes only those would otherwise pass, so the characters must re-encode exactly.
    let canonical = Zeroizing::new(to_base32(secret.as_ref()));
    if digits[SECRET_DIGITS..] != expected[..] || digits[..SECRET_DIGITS] != canonical[..] {
        return Err(ArchiveError::RecoveryKeyMistyped {
            group: None,
            reason: "the recovery key does not add up: one or more characters are wrong".into(),
        });
    }
    Ok(RecoveryKey { secret })
}

/// "Recovery key: ABCDE-..." → "ABCDE-...".
fn without_label(line: &str) -> &str {
    line.rsplit_once(':').map_or(line, |(_, rest)| rest)
}

/// The heading removed wherever it stands: a one-line field given the pasted file runs the
/// heading and the key together.
fn without_heading(text: &str) -> String {
    let mut rest = text.to_owned();
    while let Some(at) = rest.to_ascii_lowercase().find(&FILE_HEADING.to_ascii_lowercase()) {
        rest.replace_range(at..at + FILE_HEADING.len(), "\n");
    }
    rest.lines().map(without_label).collect::<Vec<_>>().join("\n")
}

/// Exactly a key's number of characters, every one of them a key character.
fn looks_like_a_key(line: &str) -> bool {
    let mut count = 0;
    for character in line.chars().filter(|c| !c.is_whitespace() && *c != '-') {
        if digit_value(character).is_none() {
            return false;
        }
        count += 1;
    }
    count == DIGITS
}

fn group_of(index: usize) -> Option<usize> {
    Some(index / GROUP + 1)
}

fn digit_value(character: char) -> Option<u8> {
    let upper = match character.to_ascii_uppercase() {
        'I' | 'L' => '1',
        'O' => '0',
        other => other,
    };
    ALPHABET
        .iter()
        .position(|&symbol| char::from(symbol) == upper)
        .and_then(|position| u8::try_from(position).ok())
}

fn to_base32(bytes: &[u8]) -> Vec<u8> {
    let mut digits = Vec::with_capacity(SECRET_DIGITS);
    let mut buffer: u32 = 0;
    let mut bits = 0;
    for byte in bytes {
        buffer = (buffer << 8) | u32::from(*byte);
        bits += 8;
        while bits >= 5 {
            bits -= 5;
            digits.push(((buffer >> bits) & 31) as u8);
        }
    }
    if bits > 0 {
        digits.push(((buffer << (5 - bits)) & 31) as u8);
    }
    digits
}

fn from_base32(digits: &[u8]) -> [u8; SECRET_BYTES] {
    let mut bytes = [0u8; SECRET_BYTES];
    let mut buffer: u32 = 0;
    let mut bits = 0;
    let mut index = 0;
    for digit in digits {
        buffer = (buffer << 5) | u32::from(*digit);
        bits += 5;
        if bits >= 8 && index < SECRET_BYTES {
            bits -= 8;
            bytes[index] = ((buffer >> bits) & 0xff) as u8;
            index += 1;
        }
    }
    bytes
}

fn checksum_digits(secret: &[u8]) -> [u8; CHECK_DIGITS] {
    let digest = Sha256::new_with_prefix(b"scr-desk recovery checksum\0")
        .chain_update(secret)
        .finalize();
    let mut digits = [0u8; CHECK_DIGITS];
    for (digit, byte) in digits.iter_mut().zip(digest.iter()) {
        *digit = byte & 31;
    }
    digits
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn displays_six_groups_and_parses_back() {
        let key = RecoveryKey::generate().expect("key");
        let shown = key.display();
        let groups: Vec<&str> = shown.split('-').collect();
        assert_eq!(groups.len(), 6);
        assert!(groups.iter().all(|group| group.len() == 5));
        let back = RecoveryKey::parse(&shown).expect("parse");
        assert_eq!(back.secret.as_ref(), key.secret.as_ref());
    }

    #[test]
    fn forgives_case_spacing_and_look_alike_letters() {
        let key = RecoveryKey::generate().expect("key");
        let shown = key.display().replace('-', " ").to_lowercase();
        let confusable = shown.replace('1', "l").replace('0', "o");
        let back = RecoveryKey::parse(&format!("  {confusable}\n")).expect("parse");
        assert_eq!(back.secret.as_ref(), key.secret.as_ref());
    }

    #[test]
    fn every_other_character_in_the_last_secret_place_is_caught() {
        // That place holds three bits of the secret and two spare ones: all 31 wrong
        // characters must be refused, whichever bits they change (this once let 'A' for 'B' pass).
        for _ in 0..20 {
            let key = RecoveryKey::generate().expect("key");
            let shown: Vec<char> = key.display().chars().filter(|c| *c != '-').collect();
            let position = SECRET_DIGITS - 1;
            for wrong in ALPHABET
                .iter()
                .map(|b| *b as char)
                .filter(|c| *c != shown[position])
            {
                let mut typo = shown.clone();
                typo[position] = wrong;
                let typed: String = typo.iter().collect();
                assert!(
                    RecoveryKey::parse(&typed).is_err(),
                    "{wrong} for {} passed",
                    shown[position]
                );
            }
        }
    }

    #[test]
    fn a_single_wrong_character_anywhere_is_caught_by_the_checksum() {
        let key = RecoveryKey::generate().expect("key");
        let shown: Vec<char> = key.display().chars().collect();
        let mut caught = 0;
        let mut tried = 0;
        for position in (0..shown.len()).filter(|&index| shown[index] != '-') {
            let mut typo = shown.clone();
            typo[position] = if typo[position] == 'A' { 'B' } else { 'A' };
            tried += 1;
            if RecoveryKey::parse(&typo.iter().collect::<String>()).is_err() {
                caught += 1;
            }
        }
        // A 20-bit checksum over 128 bits: a miss is a one-in-a-million event per typo.
        assert_eq!(caught, tried);
    }

    #[test]
    fn the_file_init_writes_is_read_as_it_is() {
        let key = RecoveryKey::generate().expect("key");
        let back = RecoveryKey::parse(&key.file_text()).expect("parse the file");
        assert_eq!(back.secret.as_ref(), key.secret.as_ref());
        // Windows line endings, and a label before the key, as a chair may paste it.
        let pasted = format!("{FILE_HEADING}\r\nRecovery key: {}\r\n", key.display().as_str());
        let back = RecoveryKey::parse(&pasted).expect("parse the pasted text");
        assert_eq!(back.secret.as_ref(), key.secret.as_ref());
        // Pasted into a one-line field, the heading and the key run together.
        let one_line = format!("{}{}", FILE_HEADING.to_lowercase(), key.display().as_str());
        let back = RecoveryKey::parse(&one_line).expect("parse the heading and key run together");
        assert_eq!(back.secret.as_ref(), key.secret.as_ref());
    }

    #[test]
    fn a_key_split_over_two_lines_after_the_heading_is_read() {
        let key = RecoveryKey::generate().expect("key");
        let shown = key.display();
        let (first, second) = shown.split_at(17);
        let back = RecoveryKey::parse(&format!("{FILE_HEADING}\n{first}\n{second}\n")).expect("parse");
        assert_eq!(back.secret.as_ref(), key.secret.as_ref());
    }

    #[test]
    fn far_too_much_text_is_refused_before_reading_it() {
        let error = RecoveryKey::parse(&"A".repeat(MAX_TYPED_BYTES + 1)).expect_err("too long");
        assert!(error.to_string().contains("far more"), "{error}");
    }

    #[test]
    fn wrong_length_and_foreign_characters_say_what_is_wrong() {
        let error = RecoveryKey::parse("ABCDE-FGHJK").expect_err("short");
        assert!(error.to_string().contains("30 characters"), "{error}");
        let error = RecoveryKey::parse("ABCDE-FG#JK").expect_err("bad char");
        assert!(error.to_string().contains("group 2"), "{error}");
    }

    #[test]
    fn base32_round_trips_every_byte_value() {
        for value in 0..=255u8 {
            let bytes = [value; SECRET_BYTES];
            assert_eq!(from_base32(&to_base32(&bytes)), bytes);
        }
    }
}
