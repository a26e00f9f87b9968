//! What makes a letter an archival PDF (PDF/A-2, ISO 19005-2) that says it is accessible
//! (PDF/UA-1, ISO 14289-1): an XMP metadata packet that repeats the document information and
//! identifies both standards, and an sRGB output intent for the device colours the letter uses.
//!
//! The level claimed is PDF/A-2**a** ("accessible"): every page's content is tagged or marked as
//! an artifact (see `tagging.rs`), every font is embedded with a Unicode mapping, and the
//! catalog has `/MarkInfo`, `/Lang` and a structure tree. The rest of what PDF/A-2 asks is met
//! by how the renderer and the signer write the file: embedded, subset fonts (the signature's
//! appearance too), no transparency groups, no JavaScript, actions or encryption, a trailer `/ID`,
//! and only printable, unhidden annotations.

use lopdf::{dictionary, Object, Stream, StringFormat};

use crate::error::{LetterError, Result};
use crate::model::LetterMetadata;
use crate::time::UtcDateTime;

/// The sRGB profile of the output intent (see `icc/LICENSE.txt`).
const SRGB_ICC: &[u8] = include_bytes!("../icc/sRGB.icc");

/// The PDF/A part and conformance level the letters claim.
pub const PDFA_PART: u8 = 2;
pub const PDFA_CONFORMANCE: &str = "A";
/// The PDF/UA part the letters claim.
pub const PDFUA_PART: u8 = 1;

/// What the XMP packet repeats from the document information dictionary.
pub(crate) struct XmpFacts<'a> {
    pub metadata: &'a LetterMetadata,
    pub tool: &'a str,
    pub created: UtcDateTime,
}

/// Adds the XMP metadata and the output intent to the catalog.
pub(crate) fn make_archival(lo: &mut lopdf::Document, facts: &XmpFacts<'_>) -> Result<()> {
    let xmp = Stream::new(
        dictionary! { "Type" => "Metadata", "Subtype" => "XML" },
        xmp_packet(facts).into_bytes(),
    )
    // PDF/A-2 §6.6.2.1: the metadata stream is not filtered, so any reader can find it.
    .with_compression(false);
    let xmp_id = lo.add_object(xmp);
    let icc = Stream::new(dictionary! { "N" => 3 }, SRGB_ICC.to_vec());
    let icc_id = lo.add_object(icc);
    let condition = || Object::String(b"sRGB IEC61966-2.1".to_vec(), StringFormat::Literal);
    let intent = dictionary! {
        "Type" => "OutputIntent",
        "S" => "GTS_PDFA1",
        "OutputConditionIdentifier" => condition(),
        "Info" => condition(),
        "RegistryName" => Object::String(b"http://www.color.org".to_vec(), StringFormat::Literal),
        "DestOutputProfile" => Object::Reference(icc_id),
    };
    let catalog = lo
        .catalog_mut()
        .map_err(|e| LetterError::Render(format!("PDF structure: {e}")))?;
    catalog.set("Metadata", Object::Reference(xmp_id));
    catalog.set("OutputIntents", Object::Array(vec![Object::Dictionary(intent)]));
    Ok(())
}

/// Escapes text for XML character data and attribute values.
fn xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            // XML 1.0 has no way to write other control characters; the letter's metadata never
            // needs them.
            c if c.is_control() && c != '\t' && c != '\n' => {}
            c => out.push(c),
        }
    }
    out
}

/// The XMP packet (ISO 16684-1). Each entry equals its document information counterpart, as
/// PDF/A-2 §6.6.2.3 requires: Title ↔ dc:title, Author ↔ dc:creator, Subject ↔ dc:description,
/// Creator ↔ xmp:CreatorTool, Producer ↔ pdf:Producer, the two dates ↔ xmp:CreateDate and
/// xmp:ModifyDate. `pdfuaid` is not one of PDF/A's predefined schemas, so it is described by an
/// extension schema (PDF/A-2 §6.6.2.3.3).
fn xmp_packet(f: &XmpFacts<'_>) -> String {
    let m = f.metadata;
    let date = f.created.to_rfc3339();
    format!(
        r#"<?xpacket begin="{bom}" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/" xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/" xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/" xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#" xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">
<dc:format>application/pdf</dc:format>
<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{title}</rdf:li></rdf:Alt></dc:title>
<dc:creator><rdf:Seq><rdf:li>{author}</rdf:li></rdf:Seq></dc:creator>
<dc:description><rdf:Alt><rdf:li xml:lang="x-default">{subject}</rdf:li></rdf:Alt></dc:description>
<dc:language><rdf:Bag><rdf:li>{lang}</rdf:li></rdf:Bag></dc:language>
<xmp:CreatorTool>{tool}</xmp:CreatorTool>
<xmp:CreateDate>{date}</xmp:CreateDate>
<xmp:ModifyDate>{date}</xmp:ModifyDate>
<xmp:MetadataDate>{date}</xmp:MetadataDate>
<pdf:Producer>{tool}</pdf:Producer>
<pdfaid:part>{part}</pdfaid:part>
<pdfaid:conformance>{conformance}</pdfaid:conformance>
<pdfuaid:part>{ua}</pdfuaid:part>
<pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource">
<pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>
<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>
<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>
<pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType="Resource">
<pdfaProperty:name>part</pdfaProperty:name>
<pdfaProperty:valueType>Integer</pdfaProperty:valueType>
<pdfaProperty:category>internal</pdfaProperty:category>
<pdfaProperty:description>Indicates, which part of ISO 14289 standard is followed</pdfaProperty:description>
</rdf:li></rdf:Seq></pdfaSchema:property>
</rdf:li></rdf:Bag></pdfaExtension:schemas>
</rdf:Description>
</rdf:RDF>
</x:xmpmeta>
<?xpacket end="r"?>"#,
        bom = '\u{FEFF}',
        title = xml(&m.title),
        author = xml(&m.author),
        subject = xml(&m.subject),
        lang = xml(&m.language),
        tool = xml(f.tool),
        part = PDFA_PART,
        conformance = PDFA_CONFORMANCE,
        ua = PDFUA_PART,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_packet_repeats_the_metadata_escaped() {
        let metadata = LetterMetadata {
            title: "Decision <one> & “two”".into(),
            author: "Zoë Clarke".into(),
            subject: "SCR-2016-004".into(),
            language: "en-GB".into(),
        };
        let packet = xmp_packet(&XmpFacts {
            metadata: &metadata,
            tool: "SCR Decision Desk",
            created: UtcDateTime::new(2016, 4, 12, 14, 3, 0).unwrap(),
        });
        assert!(packet.contains(">Decision &lt;one&gt; &amp; “two”</rdf:li>"));
        assert!(packet.contains("<rdf:li>Zoë Clarke</rdf:li>"));
        assert!(packet.contains("<xmp:CreateDate>2016-04-12T14:03:00Z</xmp:CreateDate>"));
        assert!(packet.contains("<pdfaid:part>2</pdfaid:part>"));
        assert!(packet.contains("<pdfaid:conformance>A</pdfaid:conformance>"));
        assert!(packet.contains("<pdfuaid:part>1</pdfuaid:part>"));
        assert!(packet.starts_with("<?xpacket begin=\"\u{FEFF}\""));
    }

    #[test]
    fn the_profile_is_an_rgb_display_profile() {
        assert_eq!(&SRGB_ICC[12..20], b"mntrRGB ");
        assert_eq!(&SRGB_ICC[36..40], b"acsp");
    }
}
