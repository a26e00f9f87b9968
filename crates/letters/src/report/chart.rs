//! A bar chart as a letter prints it: drawn with the PDF's own path operators (rules and filled
//! rectangles), never as a picture, so it stays sharp at any zoom and its labels stay text.
//! The layout (`layout/chart.rs`) draws it; a reader gets [`Chart::alt`] instead (a `Figure`
//! with `/Alt`, PDF/UA-1 §7.3).

use serde::{Deserialize, Serialize};

/// One bar.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Bar {
    /// Printed under the bar when the labels fit (otherwise only some of them are).
    pub label: String,
    pub value: f32,
    /// A target drawn as a black rule across the bar's place (e.g. the decision's timescale).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<f32>,
    /// Drawn dark instead of light (e.g. beyond the timescale).
    #[serde(default)]
    pub dark: bool,
}

/// What a legend entry shows beside its words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Swatch {
    LightBar,
    DarkBar,
    Target,
}

/// A bar chart with a value axis from zero.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Chart {
    /// Printed in bold above the chart.
    pub title: String,
    /// The chart in words, for a screen reader: what it shows and its main figures.
    pub alt: String,
    /// "Working days", "Members told (%)".
    pub value_axis: String,
    /// "Cases, in order of decision".
    pub category_axis: String,
    pub bars: Vec<Bar>,
    /// Written after each value printed above its bar ("%"), when the values fit above the bars.
    #[serde(default)]
    pub value_suffix: String,
    /// The top of the value axis at least (e.g. 100 for a percentage); 0 to follow the data.
    #[serde(default)]
    pub value_max: f32,
    #[serde(default)]
    pub legend: Vec<(Swatch, String)>,
}

impl Chart {
    /// Every piece of text the chart prints, and its text alternative.
    pub fn printed_text(&self) -> Vec<&str> {
        let mut out = vec![
            self.title.as_str(),
            self.alt.as_str(),
            self.value_axis.as_str(),
            self.category_axis.as_str(),
        ];
        out.extend(self.bars.iter().map(|b| b.label.as_str()));
        out.extend(self.legend.iter().map(|(_, text)| text.as_str()));
        out
    }
}
