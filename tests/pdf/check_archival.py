"""Structural checks of an archival, accessible letter (PDF/A-2 and PDF/UA-1), offline, with
pikepdf. No veraPDF is needed; this checks the parts of both standards our letters rely on:

- XMP metadata: pdfaid part and conformance, pdfuaid part (with its extension schema), and the
  Info dictionary saying the same (Title, Author, Subject, Creator, Producer, both dates);
- an output intent /GTS_PDFA1 whose profile is an embedded RGB ICC profile;
- every font drawn, on pages, in form XObjects and in annotation appearances, is embedded
  (a FontFile, FontFile2 or FontFile3) and has a /ToUnicode map (PDF/A-2 level A);
- /StructTreeRoot, /MarkInfo /Marked true, /Lang, /ViewerPreferences /DisplayDocTitle true;
- every marked-content id on every page is reachable from the structure tree, and every
  text-showing operator is inside tagged content or an artifact;
- every widget sits in a Form structure element (through /StructParent), pages with annotations
  have /Tabs /S, annotations are printable and not hidden, and appearances hold only /N;
- nothing PDF/A-2 forbids: encryption, JavaScript or other actions, interpolated images,
  PostScript XObjects; a binary comment after the header and a trailer /ID.

Usage: check_archival.py FILE.pdf [...]. Prints one JSON object per file with its problems and
facts; exits 1 when any file has a problem.
"""

import json
import re
import sys

import pikepdf
from lxml import etree

NS = {
    "x": "adobe:ns:meta/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "dc": "http://purl.org/dc/elements/1.1/",
    "xmp": "http://ns.adobe.com/xap/1.0/",
    "pdf": "http://ns.adobe.com/pdf/1.3/",
    "pdfaid": "http://www.aiim.org/pdfa/ns/id/",
    "pdfuaid": "http://www.aiim.org/pdfua/ns/id/",
    "pdfaSchema": "http://www.aiim.org/pdfa/ns/schema#",
}
TEXT_OPERATORS = {"Tj", "TJ", "'", '"'}


def xmp_value(root, path):
    found = root.xpath(path, namespaces=NS)
    if not found:
        return None
    node = found[0]
    return node if isinstance(node, str) else (node.text or "")


def pdf_date_to_iso(value):
    m = re.match(r"D:(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z", value)
    if not m:
        return value
    return "{}-{}-{}T{}:{}:{}Z".format(*m.groups())


def check_metadata(pdf, problems, facts):
    if "/Metadata" not in pdf.Root:
        problems.append("no XMP metadata stream")
        return
    stream = pdf.Root.Metadata
    if "/Filter" in stream:
        problems.append("the XMP metadata stream is filtered")
    root = etree.fromstring(stream.read_bytes())
    desc = "//rdf:Description"
    part = xmp_value(root, desc + "/pdfaid:part/text()")
    conformance = xmp_value(root, desc + "/pdfaid:conformance/text()")
    ua = xmp_value(root, desc + "/pdfuaid:part/text()")
    facts["pdfa"] = f"{part}{conformance}" if part else None
    facts["pdfua"] = ua
    if part != "2" or conformance not in ("A", "B", "U"):
        problems.append(f"pdfaid says part {part!r} conformance {conformance!r}")
    if ua != "1":
        problems.append(f"pdfuaid part is {ua!r}")
    schemas = root.xpath("//pdfaSchema:namespaceURI/text()", namespaces=NS)
    if NS["pdfuaid"] not in schemas:
        problems.append("no PDF/A extension schema describes pdfuaid")
    info = pdf.docinfo
    # pikepdf's own reading of the claim agrees. (Read only: used as a context manager,
    # open_metadata would rewrite the Info dictionary on the way out.)
    status = pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False).pdfa_status
    if status != facts["pdfa"]:
        problems.append(f"pikepdf reads PDF/A status {status!r}")
    pairs = [
        ("/Title", desc + "/dc:title/rdf:Alt/rdf:li/text()"),
        ("/Author", desc + "/dc:creator/rdf:Seq/rdf:li/text()"),
        ("/Subject", desc + "/dc:description/rdf:Alt/rdf:li/text()"),
        ("/Creator", desc + "/xmp:CreatorTool/text()"),
        ("/Producer", desc + "/pdf:Producer/text()"),
        ("/CreationDate", desc + "/xmp:CreateDate/text()"),
        ("/ModDate", desc + "/xmp:ModifyDate/text()"),
    ]
    for key, path in pairs:
        in_info = str(info[key]) if key in info else None
        in_xmp = xmp_value(root, path)
        if key.endswith("Date") and in_info is not None:
            in_info = pdf_date_to_iso(in_info)
        if in_info != in_xmp:
            problems.append(f"Info {key} {in_info!r} but XMP says {in_xmp!r}")
    if "/Keywords" in info:
        problems.append("Info has /Keywords with no pdf:Keywords")
    facts["title"] = str(info.get("/Title", ""))


def check_output_intent(pdf, problems):
    intents = [oi for oi in pdf.Root.get("/OutputIntents", []) if oi.get("/S") == "/GTS_PDFA1"]
    if len(intents) != 1:
        problems.append(f"{len(intents)} /GTS_PDFA1 output intents")
        return
    profile = intents[0].get("/DestOutputProfile")
    if profile is None:
        problems.append("the output intent has no profile")
        return
    data = profile.read_bytes()
    if int(profile.get("/N", 0)) != 3 or data[16:20] != b"RGB " or data[36:40] != b"acsp":
        problems.append("the output intent's profile is not an RGB ICC profile")


def font_problems(name, font):
    out = []
    if font.get("/Subtype") == "/Type0":
        descendant = font.DescendantFonts[0]
        descriptor = descendant.get("/FontDescriptor")
        if descendant.get("/Subtype") == "/CIDFontType2" and "/CIDToGIDMap" not in descendant:
            out.append(f"font {name}: CIDFontType2 without /CIDToGIDMap")
    else:
        descriptor = font.get("/FontDescriptor")
    if descriptor is None or not any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")):
        out.append(f"font {name} ({font.get('/BaseFont')}) is not embedded")
    if "/ToUnicode" not in font:
        out.append(f"font {name} ({font.get('/BaseFont')}) has no /ToUnicode")
    return out


def walk_resources(resources, problems, seen):
    """Fonts of a resource dictionary, and of the form XObjects it uses, recursively."""
    if resources is None:
        return
    for name, font in resources.get("/Font", {}).items():
        if font.objgen in seen:
            continue
        seen.add(font.objgen)
        problems.extend(font_problems(name, font))
    for name, xobject in resources.get("/XObject", {}).items():
        if xobject.objgen in seen:
            continue
        seen.add(xobject.objgen)
        subtype = xobject.get("/Subtype")
        if subtype == "/PS" or "/PS" in xobject:
            problems.append(f"PostScript XObject {name}")
        if subtype == "/Image" and xobject.get("/Interpolate") is True:
            problems.append(f"image {name} asks for interpolation")
        if subtype == "/Form":
            walk_resources(xobject.get("/Resources"), problems, seen)


def structure_mcids(pdf, problems):
    """(page objgen, mcid) pairs reachable from the structure tree, and the widgets it holds."""
    reached, widgets = set(), set()

    def visit(node, page):
        if isinstance(node, int):
            if page is None:
                problems.append("an MCID in an element with no /Pg")
            reached.add((page, node))
        elif isinstance(node, pikepdf.Array):
            for kid in node:
                visit(kid, page)
        elif isinstance(node, pikepdf.Dictionary):
            kind = node.get("/Type")
            pg = node.get("/Pg")
            here = pg.objgen if pg is not None else page
            if kind == "/MCR":
                reached.add((here, int(node.MCID)))
            elif kind == "/OBJR":
                widgets.add(node.Obj.objgen)
            else:
                if "/K" in node:
                    visit(node.K, here)

    visit(pdf.Root.StructTreeRoot.get("/K"), None)
    return reached, widgets


def check_content(pdf, page, problems, found):
    stack = []  # the marked-content sequences open: "tagged", "artifact" or "other"
    for operands, operator in pikepdf.parse_content_stream(page):
        op = str(operator)
        if op == "BDC":
            tag = str(operands[0])
            props = operands[1]
            if tag == "/Artifact":
                stack.append("artifact")
            elif isinstance(props, pikepdf.Dictionary) and "/MCID" in props:
                stack.append("tagged")
                found.add((page.objgen, int(props.MCID)))
            else:
                stack.append("other")
        elif op == "BMC":
            stack.append("artifact" if str(operands[0]) == "/Artifact" else "other")
        elif op == "EMC":
            if not stack:
                problems.append("EMC without BDC/BMC")
            else:
                stack.pop()
        elif op in TEXT_OPERATORS and not any(s in ("tagged", "artifact") for s in stack):
            problems.append(f"text shown outside tagged content or an artifact on page {page.objgen}")
    if stack:
        problems.append("marked content left open at the end of a page")


def check_annotations(pdf, page, problems, widgets_in_tree):
    annots = page.get("/Annots", [])
    if annots and page.get("/Tabs") != "/S":
        problems.append("a page with annotations has no /Tabs /S")
    parent_tree = pdf.Root.StructTreeRoot.ParentTree
    nums = parent_tree.get("/Nums", [])
    by_key = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}
    for annot in annots:
        flags = int(annot.get("/F", 0))
        if not flags & 4 or flags & 2 or flags & 1:
            problems.append(f"annotation {annot.objgen} is hidden, invisible or not printable (F={flags})")
        ap = annot.get("/AP")
        if ap is None or set(ap.keys()) != {"/N"}:
            problems.append(f"annotation {annot.objgen} appearance is not just /N")
        elif isinstance(ap.N, pikepdf.Stream):
            walk_resources(ap.N.get("/Resources"), problems, set())
        if annot.get("/Subtype") == "/Widget":
            key = annot.get("/StructParent")
            element = by_key.get(int(key)) if key is not None else None
            if element is None or element.get("/S") != "/Form":
                problems.append(f"widget {annot.objgen} is not in a Form structure element")
            elif annot.objgen not in widgets_in_tree:
                problems.append(f"widget {annot.objgen}'s Form element does not refer to it")
            if "/TU" not in annot and (element is None or "/Alt" not in element):
                problems.append(f"widget {annot.objgen} has no /TU or /Alt")


def check(path):
    problems, facts = [], {}
    raw = open(path, "rb").read()
    if not re.match(rb"%PDF-1\.[4-7]\r?\n%[\x80-\xff]{4}", raw):
        problems.append("no binary comment after the header")
    with pikepdf.open(path) as pdf:
        if pdf.is_encrypted:
            problems.append("encrypted")
        if "/ID" not in pdf.trailer:
            problems.append("no trailer /ID")
        root = pdf.Root
        for key in ("/OpenAction", "/AA", "/Names"):
            if key in root:
                problems.append(f"catalog has {key}")
        if root.get("/Lang") is None or not str(root.Lang):
            problems.append("no /Lang")
        facts["lang"] = str(root.get("/Lang", ""))
        if root.get("/MarkInfo", {}).get("/Marked") is not True:
            problems.append("/MarkInfo /Marked is not true")
        if root.get("/ViewerPreferences", {}).get("/DisplayDocTitle") is not True:
            problems.append("/DisplayDocTitle is not true")
        if root.get("/AcroForm", {}).get("/NeedAppearances") is True:
            problems.append("AcroForm /NeedAppearances is true")
        check_metadata(pdf, problems, facts)
        check_output_intent(pdf, problems)
        if "/StructTreeRoot" not in root:
            problems.append("no structure tree")
            return problems, facts
        reached, widgets = structure_mcids(pdf, problems)
        found = set()
        seen_fonts = set()
        for page in pdf.pages:
            if "/AA" in page:
                problems.append("a page has /AA")
            if "/StructParents" not in page:
                problems.append("a page has no /StructParents")
            walk_resources(page.get("/Resources"), problems, seen_fonts)
            check_content(pdf, page, problems, found)
            check_annotations(pdf, page, problems, widgets)
        for form in root.get("/AcroForm", {}).get("/DR", {}).get("/Font", {}).values():
            problems.extend(font_problems("in /DR", form))
        missing = found - reached
        if missing:
            problems.append(f"{len(missing)} marked-content ids not reachable from the structure tree")
        dangling = reached - found
        if dangling:
            problems.append(f"{len(dangling)} structure references to marked content that is not there")
        facts["mcids"] = len(found)
    return problems, facts


def main():
    failed = False
    for path in sys.argv[1:]:
        try:
            problems, facts = check(path)
        except Exception as error:  # a file we cannot even read is a failure, not a crash
            problems, facts = [f"could not check: {error!r}"], {}
        failed = failed or bool(problems)
        print(json.dumps({"file": path, "problems": problems, "facts": facts}, ensure_ascii=False))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
