//! Small text helpers shared by every layer that writes words for people.

/// "the archive is intact" → "The archive is intact".
pub fn sentence_case(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// A cell for a spreadsheet that will be opened in Excel or LibreOffice: text that starts like a
/// formula (`=`, `+`, `-`, `@`, a tab or a carriage return) gets a leading apostrophe, so that a
/// name or address typed as `=HYPERLINK(...)` is shown, never run (OWASP, "CSV Injection").
pub fn spreadsheet_safe(cell: &str) -> String {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}")
    } else {
        cell.to_owned()
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn formula_like_cells_are_shown_not_run() {
        for cell in ["=1+1", "+44 20", "-2", "@SUM(A1)", "\tx", "\rx"] {
            assert_eq!(super::spreadsheet_safe(cell), format!("'{cell}"));
        }
        assert_eq!(super::spreadsheet_safe("Ann Lee"), "Ann Lee");
        assert_eq!(super::spreadsheet_safe(""), "");
    }

    #[test]
    fn capitalises_the_first_letter_only() {
        assert_eq!(super::sentence_case("élan vital"), "Élan vital");
        assert_eq!(super::sentence_case(""), "");
    }
}
