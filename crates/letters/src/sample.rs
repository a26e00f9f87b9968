//! A fictional sample letter (Anytown, Child T), and the certificate authority of its board.
//! Used by the tests, the benchmark, the fuzz seeds and the example; handy for demonstrations
//! too. Every name in it is invented.

use crate::identity::{BoardAuthority, SignerSubject, ValidityPeriod};
use crate::model::{Block, Distribution, LetterDocument, LetterMetadata, Letterhead, Signatory};
use crate::time::UtcDateTime;

/// The Anytown board's certificate authority, valid from 30 days before `now` for ten years.
pub fn anytown_authority(now: UtcDateTime) -> BoardAuthority {
    BoardAuthority::create(
        "Anytown Safeguarding Children Board",
        ValidityPeriod {
            not_before: now.plus_days(-30),
            not_after: now.plus_days(3650),
        },
    )
    .expect("the sample board's certificate authority")
}

/// The Anytown board's chair, as her signing certificate names her.
pub fn anytown_chair() -> SignerSubject {
    SignerSubject {
        name: "Dr Jane Smith".into(),
        role: "Independent Chair".into(),
        organisation: "Anytown Safeguarding Children Board".into(),
    }
}

fn p(text: &str) -> Block {
    Block::Paragraph {
        lead: None,
        text: text.to_string(),
    }
}

fn h(text: &str) -> Block {
    Block::Heading {
        text: text.to_string(),
    }
}

/// The board members of the fictional Anytown board ("Name, Agency").
pub fn anytown_members(n: usize) -> Vec<String> {
    const FIRST: [&str; 12] = [
        "Amira",
        "Ben",
        "Chloé",
        "Dafydd",
        "Eleanor",
        "Farid",
        "Gwenllian",
        "Harry",
        "Ifeoma",
        "Jürgen",
        "Kate",
        "Liam",
    ];
    const LAST: [&str; 10] = [
        "Ahmed", "Brown", "Clarke", "Davies", "Evans", "Fletcher", "Green", "Hughes", "Iqbal", "Jones",
    ];
    const AGENCY: [&str; 8] = [
        "Anytown Council Children’s Services",
        "Anyshire Police",
        "Anytown Integrated Care Board",
        "Anytown Hospitals NHS Trust",
        "National Probation Service",
        "Anytown Schools Partnership",
        "Cafcass",
        "Lay member",
    ];
    (0..n)
        .map(|i| format!("{} {}, {}", FIRST[i % 12], LAST[(i / 12 + i) % 10], AGENCY[i % 8]))
        .collect()
}

/// A decision notice to every member of the board, about Child T.
pub fn anytown_child_t() -> LetterDocument {
    let members = anytown_members(12);
    LetterDocument {
        letterhead: Letterhead {
            board_name: "Anytown Safeguarding Children Board".into(),
            address_lines: vec![
                "Civic Centre, 1 Market Street".into(),
                "Anytown AT1 1AA".into(),
                "lscb@anytown.example.gov.uk".into(),
            ],
            logo: None,
        },
        protective_marking: "OFFICIAL-SENSITIVE".into(),
        reference: "SCR-2016-004".into(),
        date: "12 April 2016".into(),
        addressee: vec!["To: all members of Anytown Safeguarding Children Board".into()],
        title: "Decision on a Serious Case Review: Child T".into(),
        salutation: "Dear colleagues,".into(),
        body: vec![
            p(
                "I am writing to every member of the Board, as our procedures and Quality Marker 3 ask, \
               to tell you what I have decided about the case of Child T, and why.",
            ),
            h("1. The decision"),
            p(
                "I have decided to commission a Serious Case Review, using a systems methodology led by \
               an independent reviewer. I expect the review to report within six months, by 12 October 2016.",
            ),
            h("2. How the case reached me"),
            Block::Bullets {
                items: vec![
                    "Incident: 14 March 2016. Notified to the Board: 17 March 2016.".into(),
                    "The case review sub-group considered it on 29 March 2016 and recommended a review."
                        .into(),
                    "This decision was made within the one-month timescale (due 17 April 2016).".into(),
                ],
            },
            h("3. The statutory criteria (Working Together 2015; LSCB Regulations 2006, reg. 5)"),
            Block::Table {
                header: vec!["Criterion".into(), "Assessment".into(), "Evidence".into()],
                rows: vec![
                    vec![
                        "(a) Abuse or neglect known or suspected".into(),
                        "Met".into(),
                        "Injuries consistent with non-accidental harm were found at hospital on 14 March \
                         2016; the police investigation continues."
                            .into(),
                    ],
                    vec![
                        "(b)(ii) Seriously harmed".into(),
                        "Met".into(),
                        "A potentially life-threatening head injury; the paediatrician expects long-term \
                         impairment of development."
                            .into(),
                    ],
                    vec![
                        "Cause for concern about how agencies worked together".into(),
                        "Met".into(),
                        "Health visiting, the GP and children’s social care each held concerns in \
                         January–March 2016 that were not shared."
                            .into(),
                    ],
                ],
                widths: vec![0.32, 0.16, 0.52],
            },
            p("Because the criteria are met, a review must be held."),
            h("4. The reasons for my decision"),
            p(
                "The sub-group’s recommendation was unanimous. The likely learning is considerable: three \
               agencies held pieces of the picture and none saw the whole. The themes echo our 2014 review \
               of “Family B”, so this review will test whether those actions took hold. The cost, about \
               €30,000 in reviewer time, is within the Board’s budget; I have weighed the impact on \
               practitioners, who will be supported throughout, and on the family.",
            ),
            h("5. Other processes running alongside"),
            p(
                "The police investigation continues. Conversations with practitioners about 12–14 March \
               will wait until the Crown Prosecution Service agrees. There is no inquest.",
            ),
            h("6. The family"),
            p(
                "The independent reviewer and the Board manager will meet Child T’s mother and her partner \
               in the week of 18 April, with a Welsh-speaking advocate (Siân Ŵyn Hughes of Tŷ Cymorth) \
               at the family’s request. The family will see the report before it is published.",
            ),
            h("7. National notifications"),
            p("The National Panel of Independent Experts and Ofsted were informed on 12 April 2016."),
            h("8. What I ask of member agencies"),
            Block::Bullets {
                items: vec![
                    "An individual chronology from each agency by 6 May 2016.".into(),
                    "Time for practitioners to take part in the review’s learning events.".into(),
                    "A senior manager from each agency on the review panel.".into(),
                ],
            },
            p(
                "If you have questions about this decision, please contact the Board manager, Zoë Clarke \
               (zoe.clarke@anytown.example.gov.uk).",
            ),
        ],
        closing: "Yours sincerely,".into(),
        signatories: vec![Signatory {
            name: "Dr Jane Smith".into(),
            role: "Independent Chair".into(),
        }],
        distribution: Distribution {
            intro: format!(
                "all {} members of the Board in post on 12 April 2016:",
                members.len()
            ),
            recipients: members,
        },
        verification_note: "open this letter in Adobe Acrobat Reader (or any PDF reader that shows \
            signatures) and look at the signature panel: it should say that the document has not been \
            modified since it was signed by Dr Jane Smith. You can also check it with SCR Decision Desk: \
            “Verify a letter”."
            .into(),
        metadata: LetterMetadata {
            title: "Decision on a Serious Case Review: Child T".into(),
            author: "Dr Jane Smith, Independent Chair, Anytown Safeguarding Children Board".into(),
            subject: "SCR-2016-004: decision notice to all Board members".into(),
            language: "en-GB".into(),
        },
    }
}

/// The same letter with three signatories (joint sign-off by the safeguarding partners).
pub fn anytown_joint_sign_off() -> LetterDocument {
    let mut doc = anytown_child_t();
    doc.signatories = vec![
        Signatory {
            name: "Priya Ŷates".into(),
            role: "Director of Children’s Services, Anytown Council".into(),
        },
        Signatory {
            name: "Tom Öberg".into(),
            role: "Chief Nurse, Anytown Integrated Care Board".into(),
        },
        Signatory {
            name: "Ruth Émile".into(),
            role: "Detective Chief Superintendent, Anyshire Police".into(),
        },
    ];
    doc.title = "Joint decision on a Local Child Safeguarding Practice Review: Child T".into();
    doc.verification_note = crate::model::standard_verification_note(
        &["Priya Ŷates", "Tom Öberg", "Ruth Émile"],
        "(the fingerprint shown in SCR Decision Desk under Board certificate)",
    );
    doc
}
