//! Document links: every Kamerstuk, Handelingen and Aanhangsel reference that has an address on
//! zoek.officielebekendmakingen.nl.

use std::ops::Range;

use crate::analysis::Analysis;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Link {
    pub range: Range<usize>,
    pub target: String,
    /// What the paper is, in house style, for the tooltip.
    pub tooltip: Option<String>,
}

pub fn document_links(a: &Analysis) -> Vec<Link> {
    a.report
        .papers
        .iter()
        .filter_map(|p| {
            Some(Link {
                range: p.range.clone(),
                target: p.url()?,
                tooltip: p.house_style(),
            })
        })
        .collect()
}
