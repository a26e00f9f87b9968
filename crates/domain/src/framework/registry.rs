//! The frameworks a case can be decided under: the built-in ones and any the board has added.

use super::validation::find_key_line;
use super::{Framework, FrameworkSummary, BUILTIN_FRAMEWORKS, DEFAULT_FRAMEWORK_ID};
use crate::DomainError;

/// The built-in frameworks and any the board has added.
#[derive(Debug, Clone)]
pub struct FrameworkRegistry {
    entries: Vec<(Framework, bool)>,
}

impl FrameworkRegistry {
    /// The registry with the built-in frameworks. They are checked by the tests, so a failure
    /// here is a build defect, not something a user can cause.
    pub fn with_builtins() -> FrameworkRegistry {
        let entries = BUILTIN_FRAMEWORKS
            .iter()
            .map(|(name, text)| {
                let framework = Framework::from_toml_str(name, text)
                    .unwrap_or_else(|error| panic!("built-in framework is invalid: {error}"));
                (framework, true)
            })
            .collect();
        FrameworkRegistry { entries }
    }

    /// Reads, checks and adds a board's own framework file. A bad file is refused and the
    /// registry is left as it was; so is a file whose id and version are already registered.
    pub fn add_toml(&mut self, name: &str, text: &str) -> Result<&Framework, DomainError> {
        let framework = Framework::from_toml_str(name, text)?;
        if self.get(&framework.id, &framework.version).is_ok() {
            let (line, column) = find_key_line(text, "version");
            return Err(DomainError::FrameworkInvalid {
                file: name.to_owned(),
                line,
                column,
                reason: format!(
                    "framework {} version {} is already available; give the file a new version",
                    framework.id, framework.version
                ),
            });
        }
        self.entries.push((framework, false));
        Ok(&self.entries[self.entries.len() - 1].0)
    }

    pub fn get(&self, id: &str, version: &str) -> Result<&Framework, DomainError> {
        self.entries
            .iter()
            .map(|(f, _)| f)
            .find(|f| f.id == id && f.version == version)
            .ok_or_else(|| DomainError::FrameworkUnknown {
                id: id.to_owned(),
                version: Some(version.to_owned()),
            })
    }

    /// The highest version of a framework (versions compare number by number: 1.10 > 1.9).
    pub fn latest(&self, id: &str) -> Result<&Framework, DomainError> {
        self.entries
            .iter()
            .map(|(f, _)| f)
            .filter(|f| f.id == id)
            .max_by(|a, b| version_key(&a.version).cmp(&version_key(&b.version)))
            .ok_or_else(|| DomainError::FrameworkUnknown {
                id: id.to_owned(),
                version: None,
            })
    }

    /// The latest version of [`DEFAULT_FRAMEWORK_ID`].
    pub fn default_framework(&self) -> &Framework {
        self.latest(DEFAULT_FRAMEWORK_ID)
            .unwrap_or_else(|_| panic!("the default framework {DEFAULT_FRAMEWORK_ID} is built in"))
    }

    pub fn frameworks(&self) -> impl Iterator<Item = &Framework> {
        self.entries.iter().map(|(f, _)| f)
    }

    pub fn summaries(&self) -> Vec<FrameworkSummary> {
        self.entries
            .iter()
            .map(|(f, builtin)| f.summary(*builtin))
            .collect()
    }
}

impl Default for FrameworkRegistry {
    fn default() -> Self {
        FrameworkRegistry::with_builtins()
    }
}

fn version_key(version: &str) -> Vec<(u64, String)> {
    version
        .split(['.', '-'])
        .map(|part| (part.parse::<u64>().unwrap_or(0), part.to_owned()))
        .collect()
}
