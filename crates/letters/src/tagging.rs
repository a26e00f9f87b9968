//! The letter's logical structure, so that a screen reader reads it in order and knows its
//! headings, lists and table (tagged PDF, ISO 32000-1 §14.7–14.8; PDF/UA-1, ISO 14289-1 §7).
//!
//! The layout builds a [`StructTree`] from the letter's own model (title `H1`, section headings
//! `H2`, paragraphs `P`, lists `L`/`LI`/`Lbl`/`LBody`, the criteria table
//! `Table`/`TR`/`TH`/`TD`, the logo as a `Figure`, one `Form` per signature block) and labels
//! every item it places with a [`Mark`]: the element it belongs to, or an artifact (rules,
//! fills, running headers and footers). The renderer gives each run of items of one element a
//! marked-content id on its page; [`write_structure`] then writes the elements, the
//! `ParentTree` that maps the ids back to them, and the catalog and page entries that say the
//! document is tagged.
//!
//! Each signature slot's `Form` element holds the widget of its empty signature field (made with
//! the letter, see `fields.rs`) through an object reference, and has a `ParentTree` key of its
//! own that the widget's `/StructParent` names.

use lopdf::{dictionary, Dictionary, Object, ObjectId};

use crate::error::{LetterError, Result};
use crate::fields::SlotField;
use crate::pdfobj::text_string;

/// An element of the tree, by index.
pub(crate) type NodeId = usize;

/// The standard structure types the letters use (ISO 32000-1 §14.8.4).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Role {
    Document,
    H1,
    H2,
    P,
    L,
    LI,
    Lbl,
    LBody,
    Table,
    TR,
    TH,
    TD,
    Figure,
    Form,
}

impl Role {
    pub(crate) fn name(self) -> &'static str {
        match self {
            Role::Document => "Document",
            Role::H1 => "H1",
            Role::H2 => "H2",
            Role::P => "P",
            Role::L => "L",
            Role::LI => "LI",
            Role::Lbl => "Lbl",
            Role::LBody => "LBody",
            Role::Table => "Table",
            Role::TR => "TR",
            Role::TH => "TH",
            Role::TD => "TD",
            Role::Figure => "Figure",
            Role::Form => "Form",
        }
    }
}

/// What a placed item is, for the reader.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mark {
    /// Content of this element.
    Tagged(NodeId),
    /// Decoration: table rules and fills, a table header repeated on a later page.
    Artifact,
    /// The running header (the protective marking at the top of each page).
    Header,
    /// The running footer (marking, reference and page number, and its rule).
    Footer,
}

#[derive(Debug, Clone)]
pub(crate) struct Node {
    pub role: Role,
    pub parent: Option<NodeId>,
    pub kids: Vec<NodeId>,
    /// Alternate text (the logo's description, a signature's "Signature of …").
    pub alt: Option<String>,
    /// Layout attribute `/BBox` in page points: the logo, or a signature's slot.
    pub bbox: Option<[f32; 4]>,
}

/// The structure tree of one letter; element 0 is the `Document`.
#[derive(Debug, Clone)]
pub(crate) struct StructTree {
    nodes: Vec<Node>,
    /// The `Form` elements of the signature slots, in slot order.
    forms: Vec<NodeId>,
}

impl Default for StructTree {
    fn default() -> Self {
        Self::new()
    }
}

impl StructTree {
    pub(crate) const ROOT: NodeId = 0;

    pub(crate) fn new() -> Self {
        StructTree {
            nodes: vec![Node {
                role: Role::Document,
                parent: None,
                kids: Vec::new(),
                alt: None,
                bbox: None,
            }],
            forms: Vec::new(),
        }
    }

    /// Adds an element as the last child of `parent`.
    pub(crate) fn add(&mut self, parent: NodeId, role: Role) -> NodeId {
        let id = self.nodes.len();
        self.nodes.push(Node {
            role,
            parent: Some(parent),
            kids: Vec::new(),
            alt: None,
            bbox: None,
        });
        self.nodes[parent].kids.push(id);
        if role == Role::Form {
            self.forms.push(id);
        }
        id
    }

    /// Adds a top-level element (a child of the `Document`).
    pub(crate) fn top(&mut self, role: Role) -> NodeId {
        self.add(Self::ROOT, role)
    }

    pub(crate) fn set_alt(&mut self, node: NodeId, alt: &str) {
        self.nodes[node].alt = Some(alt.to_string());
    }

    pub(crate) fn set_bbox(&mut self, node: NodeId, bbox: [f32; 4]) {
        self.nodes[node].bbox = Some(bbox);
    }

    pub(crate) fn node(&self, id: NodeId) -> &Node {
        &self.nodes[id]
    }

    pub(crate) fn len(&self) -> usize {
        self.nodes.len()
    }
}

/// The PDF objects of the tree: one structure element per node, the `ParentTree`, and the
/// catalog and page entries. `page_ids` are the pages in order; `marked[p][mcid]` is the element
/// that marked-content id `mcid` on page `p` belongs to; `fields` the signature fields, in slot
/// order.
pub(crate) fn write_structure(
    lo: &mut lopdf::Document,
    tree: &StructTree,
    page_ids: &[ObjectId],
    marked: &[Vec<NodeId>],
    fields: &[SlotField],
) -> Result<()> {
    let ids: Vec<ObjectId> = (0..tree.len()).map(|_| lo.new_object_id()).collect();
    let root_id = lo.new_object_id();
    let parent_tree_id = lo.new_object_id();
    let widgets: Vec<(NodeId, SlotField)> = tree.forms.iter().copied().zip(fields.iter().copied()).collect();

    // Each element's marked content, in page order then id order.
    let mut content: Vec<Vec<(usize, i64)>> = vec![Vec::new(); tree.len()];
    for (page, ids_on_page) in marked.iter().enumerate() {
        for (mcid, node) in ids_on_page.iter().enumerate() {
            let mcid =
                i64::try_from(mcid).map_err(|_| LetterError::Render("too many marked items".into()))?;
            content[*node].push((page, mcid));
        }
    }

    for (n, id) in ids.iter().enumerate() {
        let node = tree.node(n);
        // (`/Type /StructElem` is optional, ISO 32000-1 Table 323; leaving it out saves 1.7 KB.)
        let mut dict = dictionary! {
            "S" => Object::Name(node.role.name().as_bytes().to_vec()),
            "P" => Object::Reference(node.parent.map(|p| ids[p]).unwrap_or(root_id)),
        };
        let home = content[n].first().map(|(page, _)| *page);
        if let Some(page) = home {
            dict.set("Pg", Object::Reference(page_ids[page]));
        }
        if let Some((_, field)) = widgets.iter().find(|(form, _)| *form == n) {
            dict.set("Pg", Object::Reference(field.page));
            dict.set(
                "K",
                dictionary! { "Type" => "OBJR", "Obj" => Object::Reference(field.widget) },
            );
        }
        let mut kids: Vec<Object> = node.kids.iter().map(|k| Object::Reference(ids[*k])).collect();
        for (page, mcid) in &content[n] {
            if Some(*page) == home {
                kids.push(Object::Integer(*mcid));
            } else {
                kids.push(Object::Dictionary(dictionary! {
                    "Type" => "MCR",
                    "Pg" => Object::Reference(page_ids[*page]),
                    "MCID" => Object::Integer(*mcid),
                }));
            }
        }
        match kids.len() {
            0 => {}
            1 => dict.set("K", kids.remove(0)),
            _ => dict.set("K", Object::Array(kids)),
        }
        if lo.objects.contains_key(id) {
            return Err(LetterError::Render("structure element numbered twice".into()));
        }
        if let Some(alt) = &node.alt {
            dict.set("Alt", text_string(alt));
        }
        if let Some(attributes) = attributes(node) {
            dict.set("A", attributes);
        }
        lo.objects.insert(*id, Object::Dictionary(dict));
    }

    // The ParentTree: page p's marked content under key p, then one key per signature slot.
    let mut nums = Vec::new();
    for (page, ids_on_page) in marked.iter().enumerate() {
        nums.push(Object::Integer(page as i64));
        nums.push(Object::Array(
            ids_on_page.iter().map(|n| Object::Reference(ids[*n])).collect(),
        ));
    }
    let pages = page_ids.len() as i64;
    for (i, form) in tree.forms.iter().enumerate() {
        nums.push(Object::Integer(pages + i as i64));
        nums.push(Object::Reference(ids[*form]));
    }
    lo.objects.insert(
        parent_tree_id,
        Object::Dictionary(dictionary! { "Nums" => Object::Array(nums) }),
    );
    lo.objects.insert(
        root_id,
        Object::Dictionary(dictionary! {
            "Type" => "StructTreeRoot",
            "K" => Object::Reference(ids[StructTree::ROOT]),
            "ParentTree" => Object::Reference(parent_tree_id),
            "ParentTreeNextKey" => Object::Integer(pages + tree.forms.len() as i64),
        }),
    );

    let bad = |e: lopdf::Error| LetterError::Render(format!("PDF structure: {e}"));
    for (p, page_id) in page_ids.iter().enumerate() {
        let page = lo
            .get_object_mut(*page_id)
            .and_then(Object::as_dict_mut)
            .map_err(bad)?;
        page.set("StructParents", Object::Integer(p as i64));
        // Tab order follows the structure (PDF/UA-1 §7.18.3), for the signature widgets.
        page.set("Tabs", Object::Name(b"S".to_vec()));
    }
    let catalog = lo.catalog_mut().map_err(bad)?;
    catalog.set("StructTreeRoot", Object::Reference(root_id));
    catalog.set("MarkInfo", dictionary! { "Marked" => true });
    Ok(())
}

fn rect(b: [f32; 4]) -> Object {
    Object::Array(b.iter().map(|v| Object::Real(*v)).collect())
}

/// Attributes (ISO 32000-1 §14.8.5): table header scope, list numbering, layout boxes.
fn attributes(node: &Node) -> Option<Object> {
    let dict: Dictionary = match (node.role, node.bbox) {
        (Role::TH, _) => dictionary! { "O" => "Table", "Scope" => "Column" },
        (Role::L, _) => dictionary! { "O" => "List", "ListNumbering" => "Disc" },
        (_, Some(b)) => dictionary! { "O" => "Layout", "BBox" => rect(b) },
        _ => return None,
    };
    Some(Object::Dictionary(dict))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn elements_keep_their_order_and_forms_are_remembered() {
        let mut t = StructTree::new();
        let h = t.top(Role::H1);
        let l = t.top(Role::L);
        let li = t.add(l, Role::LI);
        let f = t.top(Role::Form);
        assert_eq!(t.node(StructTree::ROOT).kids, vec![h, l, f]);
        assert_eq!(t.node(li).parent, Some(l));
        assert_eq!(t.forms, vec![f]);
        assert_eq!(t.len(), 5);
    }
}
