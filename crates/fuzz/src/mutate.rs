//! Mutations of real inputs, as proptest strategies: byte-level edits anywhere (flips, runs,
//! cuts, repeats, tokens of the format, numbers at their extremes) and, per format, edits that
//! keep the file's structure so the parser gets past its first checks (see `formats`).

use proptest::prelude::*;

/// One edit. Positions are taken modulo the input's length, so an edit applies to any input.
#[derive(Debug, Clone)]
pub enum Edit {
    Flip {
        at: u32,
        bit: u8,
    },
    Set {
        at: u32,
        byte: u8,
    },
    Insert {
        at: u32,
        bytes: Vec<u8>,
    },
    Remove {
        at: u32,
        len: u16,
    },
    Truncate {
        at: u32,
    },
    Repeat {
        at: u32,
        len: u16,
        times: u16,
    },
    /// Inserts one of the format's tokens (a keyword, a delimiter, a tag).
    Token {
        at: u32,
        token: usize,
        times: u8,
    },
    /// Replaces the run of digits at or after `at` with an extreme number.
    Number {
        at: u32,
        value: i128,
    },
}

/// Numbers that break arithmetic: zero, signs, the edges of every integer width.
pub fn extreme_number() -> impl Strategy<Value = i128> {
    prop_oneof![
        Just(0i128),
        Just(-1),
        Just(i128::from(u8::MAX) + 1),
        Just(i128::from(u16::MAX)),
        Just(i128::from(i32::MAX)),
        Just(i128::from(u32::MAX)),
        Just(i128::from(u32::MAX) + 1),
        Just(i128::from(i64::MAX)),
        Just(i128::from(i64::MAX) + 1),
        Just(i128::from(u64::MAX)),
        Just(4_611_686_018_427_387_904),
        Just(999_999_999_999_999_999),
        any::<i64>().prop_map(i128::from),
        (0i128..100_000),
    ]
}

pub fn edit(tokens: usize) -> impl Strategy<Value = Edit> {
    let tokens = tokens.max(1);
    prop_oneof![
        1 => (any::<u32>(), 0u8..8).prop_map(|(at, bit)| Edit::Flip { at, bit }),
        1 => (any::<u32>(), any::<u8>()).prop_map(|(at, byte)| Edit::Set { at, byte }),
        1 => (any::<u32>(), prop::collection::vec(any::<u8>(), 1..16)).prop_map(|(at, bytes)| Edit::Insert { at, bytes }),
        1 => (any::<u32>(), 1u16..512).prop_map(|(at, len)| Edit::Remove { at, len }),
        1 => any::<u32>().prop_map(|at| Edit::Truncate { at }),
        1 => (any::<u32>(), 1u16..64, 1u16..2000).prop_map(|(at, len, times)| Edit::Repeat { at, len, times }),
        3 => (any::<u32>(), 0..tokens, 1u8..8).prop_map(|(at, token, times)| Edit::Token { at, token, times }),
        3 => (any::<u32>(), extreme_number()).prop_map(|(at, value)| Edit::Number { at, value }),
    ]
}

/// Up to `max` edits.
pub fn edits(tokens: usize, max: usize) -> impl Strategy<Value = Vec<Edit>> {
    prop::collection::vec(edit(tokens), 1..=max.max(1))
}

fn place(at: u32, len: usize) -> usize {
    (at as usize) % (len + 1)
}

/// Applies `edits` to `input`, with `tokens` for [`Edit::Token`]. The result is capped at
/// `max_len` bytes, so that repeats cannot make inputs larger than the parser's own limits
/// would ever let through unread.
pub fn apply(input: &[u8], edits: &[Edit], tokens: &[&[u8]], max_len: usize) -> Vec<u8> {
    let mut out = input.to_vec();
    for edit in edits {
        match edit {
            Edit::Flip { at, bit } => {
                if !out.is_empty() {
                    let i = (*at as usize) % out.len();
                    out[i] ^= 1 << bit;
                }
            }
            Edit::Set { at, byte } => {
                if !out.is_empty() {
                    let i = (*at as usize) % out.len();
                    out[i] = *byte;
                }
            }
            Edit::Insert { at, bytes } => {
                let i = place(*at, out.len());
                out.splice(i..i, bytes.iter().copied());
            }
            Edit::Remove { at, len } => {
                let i = place(*at, out.len());
                let end = (i + usize::from(*len)).min(out.len());
                out.drain(i..end);
            }
            Edit::Truncate { at } => {
                let i = place(*at, out.len());
                out.truncate(i);
            }
            Edit::Repeat { at, len, times } => {
                let i = place(*at, out.len());
                let end = (i + usize::from(*len)).min(out.len());
                let piece = out[i..end].to_vec();
                let copies = usize::from(*times).min(max_len / piece.len().max(1));
                let run: Vec<u8> = piece.iter().copied().cycle().take(piece.len() * copies).collect();
                out.splice(end..end, run);
            }
            Edit::Token { at, token, times } => {
                if let Some(token) = tokens.get(token % tokens.len().max(1)) {
                    let i = place(*at, out.len());
                    let run: Vec<u8> = token
                        .iter()
                        .copied()
                        .cycle()
                        .take(token.len() * usize::from(*times))
                        .collect();
                    out.splice(i..i, run);
                }
            }
            Edit::Number { at, value } => {
                let i = place(*at, out.len());
                let start = out[i..].iter().position(u8::is_ascii_digit).map(|p| p + i);
                if let Some(start) = start {
                    let end = out[start..]
                        .iter()
                        .position(|b| !b.is_ascii_digit())
                        .map_or(out.len(), |p| p + start);
                    out.splice(start..end, value.to_string().into_bytes());
                }
            }
        }
        out.truncate(max_len);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edits_apply_to_any_input_and_respect_the_cap() {
        let edits = vec![
            Edit::Repeat {
                at: 0,
                len: 4,
                times: 2000,
            },
            Edit::Number {
                at: 0,
                value: i128::from(u64::MAX),
            },
            Edit::Token {
                at: 3,
                token: 1,
                times: 3,
            },
            Edit::Remove { at: 2, len: 1 },
        ];
        let out = apply(b"/M 12 abcd", &edits, &[b"x", b"yz"], 100);
        assert!(out.len() <= 100);
        assert!(apply(b"", &edits, &[], 100).len() <= 100);
        assert_eq!(
            apply(b"[0 10 20 30]", &[Edit::Number { at: 3, value: -1 }], &[], 100),
            b"[0 -1 20 30]"
        );
    }
}
