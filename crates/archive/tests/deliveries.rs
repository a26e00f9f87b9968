//! The delivery log: pairs queued once, statuses only along the allowed steps, each audited.

mod common;

use common::{audit_actions, TestArchive};
use scr_archive::{ArchiveError, NewDelivery, NewIssuedLetter};
use scr_domain::delivery::{DeliveryChannel, DeliveryStatus};
use scr_domain::example::member;

#[test]
fn a_pair_is_queued_once_and_moves_only_along_the_allowed_steps() {
    let (_t, mut archive) = TestArchive::create();
    let ann = archive
        .add_member(&member("Ann Lee", "ann@example.org"))
        .expect("member");
    let letter = archive
        .store_issued_letters(&[NewIssuedLetter {
            reference: "SCR-2026-003",
            kind: scr_domain::letter_kind::LetterKind::DecisionNotice,
            recipient: &scr_domain::letter_kind::Recipient::Circular,
            pdf: b"%PDF-1.7 test",
            signer_fingerprints: &[],
            created_at: "2026-03-02T10:00:00Z",
        }])
        .expect("letter")[0]
        .id;
    let pair = NewDelivery {
        letter_id: letter,
        member_id: ann,
        channel: DeliveryChannel::Email,
        address: "ann@example.org",
    };
    assert_eq!(
        archive
            .queue_deliveries("SCR-2026-003", std::slice::from_ref(&pair))
            .expect("queue"),
        1
    );
    assert_eq!(
        archive.queue_deliveries("SCR-2026-003", &[pair]).expect("again"),
        0
    );
    let id = archive.deliveries("SCR-2026-003").expect("log")[0].id;

    // Not sent before it is marked sending.
    assert!(matches!(
        archive.mark_delivery_sent(id, "250 ok"),
        Err(ArchiveError::DeliveryState { .. })
    ));
    archive.mark_delivery_sending(id, "<m1@x>").expect("sending");
    let failed = archive
        .mark_delivery_failed(id, "451 try later", true)
        .expect("failed");
    assert_eq!(
        (failed.status, failed.outcome.retryable),
        (DeliveryStatus::Failed, Some(true))
    );
    archive.mark_delivery_sending(id, "<m2@x>").expect("retry");
    let sent = archive.mark_delivery_sent(id, "250 queued").expect("sent");
    assert_eq!(sent.status, DeliveryStatus::Sent);
    assert_eq!(
        (sent.outcome.attempts, sent.outcome.message_id.as_deref()),
        (2, Some("<m2@x>"))
    );
    assert!(sent.outcome.sent_at.is_some() && sent.outcome.error.is_none());
    // A sent letter never goes again unless asked for explicitly.
    assert!(matches!(
        archive.mark_delivery_sending(id, "<m3@x>"),
        Err(ArchiveError::DeliveryState { .. })
    ));
    archive.request_resend(id, "the member lost it").expect("resend");
    archive
        .mark_delivery_sending(id, "<m3@x>")
        .expect("sending again");
    // A crash here: on resume the row is uncertain, and only the user can settle it.
    assert_eq!(
        archive.mark_delivery_uncertain(id).expect("uncertain").status,
        DeliveryStatus::Uncertain
    );
    assert!(matches!(
        archive.mark_delivery_sending(id, "<m4@x>"),
        Err(ArchiveError::DeliveryState { .. })
    ));
    assert_eq!(
        archive
            .confirm_delivery_sent(id, "the member has it")
            .expect("confirm")
            .status,
        DeliveryStatus::ConfirmedSent
    );

    archive
        .record_acknowledgement("SCR-2026-003", ann, "2026-03-04", "email reply")
        .expect("ack");
    assert_eq!(
        archive.acknowledgements("SCR-2026-003").expect("acks")[0].how,
        "email reply"
    );

    let actions = audit_actions(&archive);
    let distribution: Vec<&str> = actions
        .iter()
        .map(String::as_str)
        .filter(|a| a.starts_with("delivery.") || a.starts_with("acknowledgement."))
        .collect();
    assert_eq!(
        distribution,
        [
            "delivery.queued",
            "delivery.sending",
            "delivery.failed",
            "delivery.sending",
            "delivery.sent",
            "delivery.resend_requested",
            "delivery.sending",
            "delivery.uncertain",
            "delivery.confirmed_sent",
            "acknowledgement.recorded"
        ]
    );
    assert!(archive.check().expect("check").is_clean());
}
