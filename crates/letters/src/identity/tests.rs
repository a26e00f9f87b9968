//! Tests of the board's signing identity: certificate shapes, names, round trips as bytes.

use super::*;
use x509_cert::ext::pkix::KeyUsage;

fn clock() -> UtcDateTime {
    UtcDateTime::new(2016, 1, 4, 9, 0, 0).unwrap()
}

#[test]
fn ca_and_signer_certificates_have_the_right_shape() {
    let ca = BoardAuthority::create(
        "Anytown Safeguarding Children Board",
        ValidityPeriod::years_from(clock(), 10),
    )
    .unwrap();
    assert!(is_ca(ca.certificate()));
    let signer = ca
        .issue_signer(
            &crate::sample::anytown_chair(),
            ValidityPeriod::years_from(clock(), 3),
        )
        .unwrap();
    let cert = signer.certificate();
    assert!(!is_ca(cert));
    assert!(issued_by(cert, ca.certificate()));
    assert!(!issued_by(ca.certificate(), cert));
    assert_eq!(common_name(cert).as_deref(), Some("Dr Jane Smith"));
    assert_eq!(title(cert).as_deref(), Some("Independent Chair"));
    assert_eq!(
        organisation(cert).as_deref(),
        Some("Anytown Safeguarding Children Board")
    );
    let (_, ku) = cert
        .tbs_certificate()
        .get_extension::<KeyUsage>()
        .unwrap()
        .unwrap();
    assert!(ku.digital_signature() && ku.non_repudiation() && !ku.key_cert_sign());
    let (_, ku) = ca
        .certificate()
        .tbs_certificate()
        .get_extension::<KeyUsage>()
        .unwrap()
        .unwrap();
    assert!(ku.key_cert_sign());
    let v = cert.tbs_certificate().validity();
    assert_eq!(from_time(&v.not_before), clock());
}

#[test]
fn names_with_punctuation_and_accents_survive() {
    let ca = BoardAuthority::create(
        "Tŷ Board, \"North\" + South; <A>",
        ValidityPeriod::years_from(clock(), 1),
    )
    .unwrap();
    assert_eq!(
        organisation(ca.certificate()).as_deref(),
        Some("Tŷ Board, \"North\" + South; <A>")
    );
}

#[test]
fn keys_and_certificates_round_trip_as_bytes() {
    let ca = BoardAuthority::create(
        "Anytown Safeguarding Children Board",
        ValidityPeriod::years_from(clock(), 10),
    )
    .unwrap();
    let export = ca.export_certificate().unwrap();
    assert!(export.pem.starts_with("-----BEGIN CERTIFICATE-----"));
    let key = ca.private_key_pkcs8_der().unwrap();
    let back = BoardAuthority::from_parts(&key, export.pem.as_bytes()).unwrap();
    assert_eq!(back.fingerprint().unwrap(), export.sha256);
    let back = BoardAuthority::from_parts(&key, &export.der).unwrap();
    assert_eq!(back.certificate(), ca.certificate());

    let signer = ca
        .issue_signer(
            &SignerSubject {
                name: "A".into(),
                role: "B".into(),
                organisation: "C".into(),
            },
            ValidityPeriod::years_from(clock(), 1),
        )
        .unwrap();
    let skey = signer.private_key_pkcs8_der().unwrap();
    let sder = signer.export_certificate().unwrap().der;
    let again = LocalSigner::from_parts(&skey, &sder, &[&export.der]).unwrap();
    assert_eq!(again.certificate_chain().len(), 2);
    // A key that does not belong to the certificate is refused.
    let err = LocalSigner::from_parts(&key, &sder, &[]).unwrap_err();
    assert_eq!(err.code(), "letter.bad_certificate");
}

#[test]
fn certificate_bundles_parse() {
    let a = BoardAuthority::create("A Board", ValidityPeriod::years_from(clock(), 1)).unwrap();
    let b = BoardAuthority::create("B Board", ValidityPeriod::years_from(clock(), 1)).unwrap();
    let bundle = format!(
        "{}{}",
        a.export_certificate().unwrap().pem,
        b.export_certificate().unwrap().pem
    );
    let certs = parse_certificates(bundle.as_bytes()).unwrap();
    assert_eq!(certs.len(), 2);
    assert_eq!(&certs[1], b.certificate());
    let one = parse_certificates(&a.export_certificate().unwrap().der).unwrap();
    assert_eq!(&one[0], a.certificate());
    assert_eq!(
        parse_certificates(b"junk").unwrap_err().code(),
        "letter.bad_certificate"
    );
}

#[test]
fn fingerprints_are_grouped_for_people() {
    let f = Fingerprint::of_der(b"abc");
    assert_eq!(f.hex().len(), 64);
    assert_eq!(f.grouped().split(' ').count(), 16);
    assert!(f.colon_separated().starts_with("BA:78:16:BF"));
}
