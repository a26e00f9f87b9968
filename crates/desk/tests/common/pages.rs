//! Every page of an archive file and of its write-ahead log, decrypted with the data key the way
//! SQLCipher 4 encrypts them (its defaults: 4096-byte pages, AES-256-CBC, and at the end of each
//! page 80 reserved bytes: a 16-byte IV, then a 64-byte HMAC-SHA512). The first 16 bytes of the
//! file are the salt, so page 1 is encrypted from byte 16. With a raw key SQLCipher uses the key
//! as it is. The build has no `sqlite_dbpage` table, and free pages are exactly what a query
//! cannot reach: so the test reads the bytes itself. The HMACs are not checked here; the
//! decryption is proved sound by page 1's SQLite header (see [`decrypt_file`]).

use std::path::Path;

use aes::cipher::{BlockCipherDecrypt, KeyInit};

pub const PAGE_SIZE: usize = 4096;
const RESERVE: usize = 80;
const SALT: usize = 16;
const BLOCK: usize = 16;
const WAL_HEADER: usize = 32;
const WAL_FRAME_HEADER: usize = 24;

/// Decrypts one page as stored (page 1 with its salt in front).
fn decrypt_page(key: &[u8], stored: &[u8], first: bool) -> Vec<u8> {
    assert_eq!(stored.len(), PAGE_SIZE, "a whole page");
    let cipher = aes::Aes256::new_from_slice(key).expect("a 256-bit key");
    let start = if first { SALT } else { 0 };
    let end = PAGE_SIZE - RESERVE;
    let iv = &stored[end..end + BLOCK];
    let mut previous: Vec<u8> = iv.to_vec();
    let mut plain = vec![0u8; start];
    for chunk in stored[start..end].chunks(BLOCK) {
        let mut block = aes::Block::try_from(chunk).expect("a block");
        cipher.decrypt_block(&mut block);
        plain.extend(block.iter().zip(&previous).map(|(byte, prior)| byte ^ prior));
        previous = chunk.to_vec();
    }
    plain
}

/// Every page of the database file, decrypted. Panics unless page 1 decrypts to a SQLite header
/// with the page size and reserve expected, so a wrong key or layout cannot pass unnoticed.
pub fn decrypt_file(path: &Path, key: &[u8]) -> Vec<Vec<u8>> {
    let bytes = std::fs::read(path).expect("read the archive file");
    assert_eq!(bytes.len() % PAGE_SIZE, 0, "whole pages");
    let pages: Vec<Vec<u8>> = bytes
        .chunks(PAGE_SIZE)
        .enumerate()
        .map(|(index, page)| decrypt_page(key, page, index == 0))
        .collect();
    let header = &pages[0];
    assert_eq!(
        u16::from_be_bytes([header[16], header[17]]) as usize,
        PAGE_SIZE,
        "page 1 holds SQLite's header once decrypted"
    );
    assert_eq!(header[20] as usize, RESERVE, "the reserved bytes per page");
    assert_eq!(&header[21..24], &[64, 32, 32], "SQLite's fixed payload fractions");
    pages
}

/// Every frame of a write-ahead log, decrypted (none when the log is empty or absent).
pub fn decrypt_wal(path: &Path, key: &[u8]) -> Vec<Vec<u8>> {
    let Ok(bytes) = std::fs::read(path) else {
        return Vec::new();
    };
    if bytes.len() <= WAL_HEADER {
        return Vec::new();
    }
    bytes[WAL_HEADER..]
        .chunks(WAL_FRAME_HEADER + PAGE_SIZE)
        .filter(|frame| frame.len() == WAL_FRAME_HEADER + PAGE_SIZE)
        .map(|frame| {
            let page_number = u32::from_be_bytes([frame[0], frame[1], frame[2], frame[3]]);
            decrypt_page(key, &frame[WAL_FRAME_HEADER..], page_number == 1)
        })
        .collect()
}

/// The numbers (from 1) of the pages that hold `needle`.
pub fn pages_holding(pages: &[Vec<u8>], needle: &str) -> Vec<usize> {
    let needle = needle.as_bytes();
    pages
        .iter()
        .enumerate()
        .filter(|(_, page)| page.windows(needle.len()).any(|window| window == needle))
        .map(|(index, _)| index + 1)
        .collect()
}
