use serde::Serialize;

/// One field of a form that needs correcting, in words the chair can act on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldProblem {
    pub field: &'static str,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DomainError {
    /// A form was not filled in correctly; each problem names its field.
    #[error("{summary}")]
    Invalid {
        summary: String,
        problems: Vec<FieldProblem>,
    },
}
