//! Small text helpers shared by every layer that writes words for people.

/// "the archive is intact" → "The archive is intact".
pub fn sentence_case(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn capitalises_the_first_letter_only() {
        assert_eq!(super::sentence_case("élan vital"), "Élan vital");
        assert_eq!(super::sentence_case(""), "");
    }
}
