//! A bar chart laid out on the page: its title (a paragraph), then the chart itself as one
//! `Figure` with its text alternative: legend, value axis with light grid rules, the bars as
//! filled rectangles, targets as black rules, and the category labels that fit.

use super::layouter::Layouter;
use super::wrap::plain;
use super::{Item, BODY_SIZE, CONTENT_WIDTH, MARGIN_LEFT, PARA_AFTER};
use crate::fonts::Face;
use crate::report::{Chart, Swatch};
use crate::tagging::{Mark, Role};

const TITLE_LEADING: f32 = 15.0;
const SMALL: f32 = 7.5;
const LEGEND_ROW: f32 = 14.0;
const AXIS_TITLE_ROW: f32 = 13.0;
const PLOT_HEIGHT: f32 = 150.0;
const LABEL_ROW: f32 = 12.0;
/// Room left of the plot for the value labels.
const VALUE_LABELS: f32 = 26.0;
/// The widest a bar gets, however few there are.
const MAX_BAR: f32 = 36.0;
const LIGHT: f32 = 0.72;
const DARK: f32 = 0.25;
const GRID: f32 = 0.85;
const TEXT_GREY: f32 = 0.2;

/// The height of a chart with a one-line title, for keeping a heading with it.
pub(super) const CHART_HEIGHT: f32 =
    TITLE_LEADING + LEGEND_ROW + AXIS_TITLE_ROW + PLOT_HEIGHT + 2.0 * LABEL_ROW + PARA_AFTER;

/// A value axis from zero to a round number at or above `max`, in at most five steps.
fn axis_steps(max: f32) -> (f32, u32) {
    let max = if max.is_finite() && max > 0.0 { max } else { 1.0 };
    let rough = max / 5.0;
    let power = 10f32.powf(rough.log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0]
        .iter()
        .map(|m| m * power)
        .find(|s| max / s <= 5.0)
        .unwrap_or(10.0 * power)
        .max(1.0);
    let steps = (max / step).ceil().max(1.0) as u32;
    (step, steps)
}

fn value_label(v: f32) -> String {
    if (v - v.round()).abs() < 0.001 {
        format!("{}", v.round() as i64)
    } else {
        format!("{v:.1}")
    }
}

impl Layouter<'_> {
    fn chart_text(&mut self, x: f32, y: f32, size: f32, face: Face, text: &str) {
        self.text(x, y, size, face, TEXT_GREY, text);
    }

    fn chart_rule(&mut self, (x1, y1): (f32, f32), (x2, y2): (f32, f32), width: f32, grey: f32) {
        let mark = self.mark;
        self.page().items.push((
            mark,
            Item::Line {
                x1,
                y1,
                x2,
                y2,
                width,
                grey,
            },
        ));
    }

    fn chart_fill(&mut self, x: f32, y: f32, w: f32, h: f32, grey: f32) {
        let mark = self.mark;
        self.page().items.push((mark, Item::Fill { x, y, w, h, grey }));
    }

    pub(super) fn chart(&mut self, chart: &Chart) {
        let title = plain(self.m, &chart.title, Face::Bold, BODY_SIZE, CONTENT_WIDTH);
        let title_h = title.len().max(1) as f32 * TITLE_LEADING;
        self.ensure_room(CHART_HEIGHT - TITLE_LEADING + title_h);
        self.begin(Role::P);
        for line in &title {
            let top = self.y;
            self.draw_line(line, MARGIN_LEFT, top, BODY_SIZE, TITLE_LEADING, 0.0);
            self.y -= TITLE_LEADING;
        }

        let top = self.y;
        let bottom = top - (LEGEND_ROW + AXIS_TITLE_ROW + PLOT_HEIGHT + 2.0 * LABEL_ROW);
        let figure = self.begin(Role::Figure);
        self.tree.set_alt(figure, &chart.alt);
        self.tree
            .set_bbox(figure, [MARGIN_LEFT, bottom, MARGIN_LEFT + CONTENT_WIDTH, top]);

        // The legend, in one row.
        let mut x = MARGIN_LEFT;
        let baseline = top - 10.0;
        for (swatch, words) in &chart.legend {
            match swatch {
                Swatch::LightBar => self.chart_fill(x, baseline - 0.5, 8.0, 8.0, LIGHT),
                Swatch::DarkBar => self.chart_fill(x, baseline - 0.5, 8.0, 8.0, DARK),
                Swatch::Target => self.chart_rule((x, baseline + 3.0), (x + 12.0, baseline + 3.0), 1.2, 0.0),
            }
            let swatch_w = if *swatch == Swatch::Target { 12.0 } else { 8.0 };
            self.chart_text(x + swatch_w + 3.0, baseline, SMALL + 0.5, Face::Regular, words);
            x += swatch_w + 3.0 + self.m.width(words, Face::Regular, SMALL + 0.5) + 14.0;
        }

        // The value axis: its title above, round values with light rules across the plot.
        let plot_x = MARGIN_LEFT + VALUE_LABELS;
        let plot_w = CONTENT_WIDTH - VALUE_LABELS;
        let plot_top = top - LEGEND_ROW - AXIS_TITLE_ROW;
        let plot_bottom = plot_top - PLOT_HEIGHT;
        self.chart_text(MARGIN_LEFT, plot_top + 5.0, SMALL, Face::Bold, &chart.value_axis);
        let data_max = chart
            .bars
            .iter()
            .flat_map(|b| std::iter::once(b.value).chain(b.target))
            .fold(chart.value_max, f32::max);
        let (step, steps) = axis_steps(data_max);
        let axis_max = step * steps as f32;
        let y_of = |v: f32| plot_bottom + (v.clamp(0.0, axis_max) / axis_max) * PLOT_HEIGHT;
        for i in 0..=steps {
            let v = step * i as f32;
            let y = y_of(v);
            if i > 0 {
                self.chart_rule((plot_x, y), (plot_x + plot_w, y), 0.4, GRID);
            }
            let label = value_label(v);
            let w = self.m.width(&label, Face::Regular, SMALL);
            self.chart_text(plot_x - 4.0 - w, y - 2.5, SMALL, Face::Regular, &label);
        }

        // The bars, their targets, and as many category labels as fit side by side.
        let n = chart.bars.len().max(1);
        let slot = plot_w / n as f32;
        let bar_w = if slot < 2.0 {
            slot
        } else {
            (slot * 0.7).min(MAX_BAR)
        };
        // Values above the bars when every one fits over its bar.
        let values: Vec<String> = chart
            .bars
            .iter()
            .map(|b| format!("{}{}", value_label(b.value), chart.value_suffix))
            .collect();
        let values_fit = values
            .iter()
            .all(|v| self.m.width(v, Face::Regular, SMALL) + 8.0 <= slot);
        for (i, bar) in chart.bars.iter().enumerate() {
            let centre = plot_x + slot * (i as f32 + 0.5);
            let top_of_bar = y_of(bar.value);
            if top_of_bar > plot_bottom {
                let grey = if bar.dark { DARK } else { LIGHT };
                self.chart_fill(
                    centre - bar_w / 2.0,
                    plot_bottom,
                    bar_w,
                    top_of_bar - plot_bottom,
                    grey,
                );
            }
            if values_fit {
                let w = self.m.width(&values[i], Face::Regular, SMALL);
                self.chart_text(
                    centre - w / 2.0,
                    top_of_bar + 2.5,
                    SMALL,
                    Face::Regular,
                    &values[i],
                );
            }
        }
        // Targets reach a little beyond their bar, so that equal targets side by side join up.
        let reach = (bar_w + 10.0).min(slot) / 2.0;
        for (i, bar) in chart.bars.iter().enumerate() {
            if let Some(target) = bar.target {
                let centre = plot_x + slot * (i as f32 + 0.5);
                let y = y_of(target);
                self.chart_rule((centre - reach, y), (centre + reach, y), 1.2, 0.0);
            }
        }
        self.chart_rule((plot_x, plot_bottom), (plot_x + plot_w, plot_bottom), 0.8, 0.0);
        let widest = chart
            .bars
            .iter()
            .map(|b| self.m.width(&b.label, Face::Regular, SMALL))
            .fold(0.0, f32::max);
        let every = ((widest + 6.0) / slot).ceil().max(1.0) as usize;
        let label_y = plot_bottom - 9.0;
        // Kept inside the plot; a label that would touch the one before is left out.
        let mut free_from = f32::MIN;
        for (i, bar) in chart.bars.iter().enumerate().step_by(every) {
            let w = self.m.width(&bar.label, Face::Regular, SMALL);
            let centre = plot_x + slot * (i as f32 + 0.5);
            let x = (centre - w / 2.0).clamp(plot_x, plot_x + plot_w - w);
            if x < free_from {
                continue;
            }
            self.chart_text(x, label_y, SMALL, Face::Regular, &bar.label);
            free_from = x + w + 6.0;
        }
        let words = &chart.category_axis;
        let w = self.m.width(words, Face::Bold, SMALL);
        self.chart_text(
            plot_x + (plot_w - w) / 2.0,
            label_y - LABEL_ROW,
            SMALL,
            Face::Bold,
            words,
        );
        self.mark = Mark::Artifact;
        self.y = bottom - PARA_AFTER;
        self.page().last_block_was_heading = false;
    }
}

#[cfg(test)]
mod tests {
    use super::axis_steps;

    #[test]
    fn the_value_axis_ends_on_a_round_number_above_the_data() {
        assert_eq!(axis_steps(100.0), (20.0, 5));
        assert_eq!(axis_steps(17.0), (5.0, 4));
        assert_eq!(axis_steps(3.0), (1.0, 3));
        assert_eq!(axis_steps(0.0), (1.0, 1));
        assert_eq!(axis_steps(240.0), (50.0, 5));
    }
}
