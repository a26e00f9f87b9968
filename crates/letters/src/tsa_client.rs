//! A timestamp authority over HTTP (RFC 3161 §3.4): one `POST` of an
//! `application/timestamp-query`, one `application/timestamp-reply` back. Most public TSAs
//! answer on plain `http://` (the token is signed, so the transport needs no protection); this
//! is a minimal HTTP/1.1 client over a `TcpStream`, with timeouts and a bounded answer.

use std::io::{Read, Write};
use std::net::{TcpStream, ToSocketAddrs};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use der::Decode;
use sha2::{Digest, Sha256};
use x509_cert::certificate::Rfc5280;
use x509_cert::crl::CertificateList;
use x509_cert::ext::pkix::name::{DistributionPointName, GeneralName};
use x509_cert::ext::pkix::CrlDistributionPoints;
use x509_cert::Certificate;

use crate::error::{LetterError, Result};
use crate::sign::Timestamper;
use crate::timestamp;

/// The largest answer read: tokens are a few kilobytes, an authority's CRL tens of them.
const MAX_RESPONSE: usize = 1 << 20;
const REPLY: &str = "application/timestamp-reply";
/// Revocation lists fetched for an authority's certificates, at most.
const MAX_CRLS: usize = 4;
/// How long one wait (to connect, or for the next bytes) may take.
const TIMEOUT: Duration = Duration::from_secs(15);
/// How long one whole exchange may take. Each read has its own timeout, but an authority (or a
/// proxy before it) that sends a byte now and then would reset it for hours: issuing letters and
/// saving the settings wait on this answer, so the whole of it is bounded too.
const EXCHANGE_DEADLINE: Duration = Duration::from_secs(60);

fn ts_err(what: impl std::fmt::Display) -> LetterError {
    LetterError::Timestamp(what.to_string())
}

/// Where a TSA listens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TsaUrl {
    pub host: String,
    pub port: u16,
    pub path: String,
}

impl TsaUrl {
    /// Parses `http://host[:port][/path]`. Other schemes are refused with a reason.
    pub fn parse(url: &str) -> Result<Self> {
        let url = url.trim();
        let rest = if let Some(rest) = url.strip_prefix("http://") {
            rest
        } else if url.starts_with("https://") {
            return Err(ts_err(
                "https:// timestamp authorities are not supported yet: use the authority's http:// address \
                 (the token is signed, so it cannot be changed on the way)",
            ));
        } else {
            return Err(ts_err(
                "the timestamp authority's address must start with http://",
            ));
        };
        let (authority, path) = match rest.find('/') {
            Some(i) => (&rest[..i], &rest[i..]),
            None => (rest, "/"),
        };
        let (host, port) = match authority.rsplit_once(':') {
            Some((h, p)) if !h.contains(']') || h.ends_with(']') => (
                h,
                p.parse::<u16>()
                    .map_err(|_| ts_err("the port in the timestamp authority's address is not a number"))?,
            ),
            _ => (authority, 80),
        };
        let valid = |c: char| c.is_ascii_alphanumeric() || "-._[]:".contains(c);
        if host.is_empty() || !host.chars().all(valid) || path.chars().any(|c| c.is_control() || c == ' ') {
            return Err(ts_err("the timestamp authority's address is not a valid URL"));
        }
        Ok(TsaUrl {
            host: host.to_string(),
            port,
            path: path.to_string(),
        })
    }
}

/// Sends one request (`POST` with `body`, or `GET`) and returns the answer's body, for a 200
/// whose content type, when given, is `expected`.
fn exchange(url: &TsaUrl, post: Option<&[u8]>, expected: &str) -> Result<Vec<u8>> {
    exchange_within(url, post, expected, EXCHANGE_DEADLINE)
}

fn exchange_within(url: &TsaUrl, post: Option<&[u8]>, expected: &str, deadline: Duration) -> Result<Vec<u8>> {
    let started = Instant::now();
    let unreachable = |e: std::io::Error| ts_err(format!("could not reach {}:{}: {e}", url.host, url.port));
    let addr = (url.host.trim_start_matches('[').trim_end_matches(']'), url.port)
        .to_socket_addrs()
        .map_err(unreachable)?
        .next()
        .ok_or_else(|| ts_err(format!("{} has no address", url.host)))?;
    let mut stream = TcpStream::connect_timeout(&addr, TIMEOUT).map_err(unreachable)?;
    stream.set_write_timeout(Some(TIMEOUT)).map_err(unreachable)?;
    stream.set_nodelay(true).map_err(unreachable)?;
    let head = match post {
        Some(body) => format!(
            "POST {} HTTP/1.1\r\nHost: {}\r\nContent-Type: application/timestamp-query\r\n\
             Accept: {expected}\r\nContent-Length: {}\r\nConnection: close\r\n\
             User-Agent: SCR-Decision-Desk\r\n\r\n",
            url.path,
            url.host,
            body.len()
        ),
        None => format!(
            "GET {} HTTP/1.1\r\nHost: {}\r\nAccept: {expected}\r\nConnection: close\r\n\
             User-Agent: SCR-Decision-Desk\r\n\r\n",
            url.path, url.host
        ),
    };
    let mut request = head.into_bytes();
    request.extend_from_slice(post.unwrap_or_default());
    stream.write_all(&request).map_err(unreachable)?;
    let answer = read_answer(&mut stream, started + deadline).map_err(|error| match error {
        AnswerError::Io(error) => unreachable(error),
        AnswerError::TooLarge => ts_err("the answer is too large"),
        AnswerError::TooSlow => ts_err(format!(
            "{}:{} did not finish answering within {} seconds; try again later, or ask the \
             authority's operator whether it is working",
            url.host,
            url.port,
            deadline.as_secs()
        )),
    })?;
    parse_response(&answer, expected)
}

enum AnswerError {
    Io(std::io::Error),
    TooLarge,
    TooSlow,
}

/// Reads until the server closes the connection: at most [`MAX_RESPONSE`] bytes, and not after
/// `until`.
fn read_answer(stream: &mut TcpStream, until: Instant) -> std::result::Result<Vec<u8>, AnswerError> {
    let mut answer = Vec::new();
    let mut buffer = [0u8; 8192];
    loop {
        let left = until.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(AnswerError::TooSlow);
        }
        stream
            .set_read_timeout(Some(left.min(TIMEOUT)))
            .map_err(AnswerError::Io)?;
        let read = match stream.read(&mut buffer) {
            Ok(0) => return Ok(answer),
            Ok(read) => read,
            Err(error) if error.kind() == std::io::ErrorKind::Interrupted => continue,
            // The last wait was cut to the time left: running out of it is the deadline's doing.
            Err(error) if is_timeout(&error) && Instant::now() >= until => return Err(AnswerError::TooSlow),
            Err(error) => return Err(AnswerError::Io(error)),
        };
        if answer.len().saturating_add(read) > MAX_RESPONSE {
            return Err(AnswerError::TooLarge);
        }
        answer.extend_from_slice(&buffer[..read]);
    }
}

fn is_timeout(error: &std::io::Error) -> bool {
    matches!(
        error.kind(),
        std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
    )
}

/// The body of an HTTP/1.x response (plain or chunked), if it is a 200 of the `expected` type.
fn parse_response(answer: &[u8], expected: &str) -> Result<Vec<u8>> {
    let end = answer
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .ok_or_else(|| ts_err("the timestamp authority's answer is not HTTP"))?;
    let head = String::from_utf8_lossy(&answer[..end]);
    let mut lines = head.split("\r\n");
    let status = lines.next().unwrap_or_default();
    let code = status.split_whitespace().nth(1).unwrap_or_default();
    if !status.starts_with("HTTP/1.") || code != "200" {
        return Err(ts_err(format!("the timestamp authority answered {status:?}")));
    }
    let header = |name: &str| {
        head.split("\r\n").skip(1).find_map(|l| {
            let (k, v) = l.split_once(':')?;
            k.trim()
                .eq_ignore_ascii_case(name)
                .then(|| v.trim().to_ascii_lowercase())
        })
    };
    if header("content-type").is_some_and(|t| !t.starts_with(expected)) {
        return Err(ts_err(format!(
            "the timestamp authority did not answer with {expected}"
        )));
    }
    let body = &answer[end + 4..];
    if header("transfer-encoding").is_some_and(|t| t.contains("chunked")) {
        return dechunk(body);
    }
    match header("content-length").map(|l| l.parse::<usize>()) {
        Some(Ok(len)) => body
            .get(..len)
            .map(<[u8]>::to_vec)
            .ok_or_else(|| ts_err("the timestamp authority's answer was cut short")),
        Some(Err(_)) => Err(ts_err(
            "the timestamp authority's answer has a bad Content-Length",
        )),
        None => Ok(body.to_vec()),
    }
}

/// Chunked transfer coding (RFC 9112 §7.1).
fn dechunk(mut body: &[u8]) -> Result<Vec<u8>> {
    let bad = || ts_err("the timestamp authority's chunked answer is malformed");
    let mut out = Vec::new();
    loop {
        let line_end = body.windows(2).position(|w| w == b"\r\n").ok_or_else(bad)?;
        let size_text = String::from_utf8_lossy(&body[..line_end]);
        let size =
            usize::from_str_radix(size_text.split(';').next().unwrap_or("").trim(), 16).map_err(|_| bad())?;
        body = &body[line_end + 2..];
        if size == 0 {
            return Ok(out);
        }
        out.extend_from_slice(body.get(..size).ok_or_else(bad)?);
        body = body.get(size + 2..).ok_or_else(bad)?;
    }
}

/// A timestamp authority reached over HTTP. Every token is checked before it is used.
#[derive(Debug)]
pub struct HttpTimestamper {
    url: TsaUrl,
    trusted: Vec<Certificate>,
    /// The size of the largest token seen, to reserve room for the next one.
    largest_token: AtomicUsize,
    /// The last token issued: its certificates say where their revocation lists are.
    last_token: Mutex<Vec<u8>>,
}

impl HttpTimestamper {
    /// An authority at `url`; with `trusted` certificates (the CA file), its tokens must chain
    /// to one of them.
    pub fn new(url: &str, trusted: Vec<Certificate>) -> Result<Self> {
        Ok(HttpTimestamper {
            url: TsaUrl::parse(url)?,
            trusted,
            largest_token: AtomicUsize::new(0),
            last_token: Mutex::new(Vec::new()),
        })
    }

    /// Asks for one token (over a fixed test imprint), so that a wrong address or certificate
    /// is found before any letter is signed, and the token's size is known.
    pub fn probe(&self) -> Result<()> {
        let imprint: [u8; 32] = Sha256::digest(b"SCR Decision Desk: timestamp authority check").into();
        self.timestamp(&imprint).map(|_| ())
    }

    /// The revocation lists of the authority's certificates (those in its last token), fetched
    /// from their CRL distribution points over http://, for the long-term validation data: a
    /// validator then needs nothing online to trust the timestamps either. Best effort: a list
    /// that cannot be fetched, or is not a CRL from the certificate's issuer, is left out.
    pub fn revocation_lists(&self) -> Vec<Vec<u8>> {
        let token = self.last_token.lock().map(|t| t.clone()).unwrap_or_default();
        let certificates = timestamp::token_certificates(&token);
        let mut out: Vec<Vec<u8>> = Vec::new();
        for cert in &certificates {
            for url in crl_urls(cert) {
                if out.len() >= MAX_CRLS {
                    return out;
                }
                let Ok(der) = exchange(&url, None, "application/pkix-crl") else {
                    continue;
                };
                let from_issuer = CertificateList::<Rfc5280>::from_der(&der)
                    .is_ok_and(|crl| &crl.tbs_cert_list.issuer == cert.tbs_certificate().issuer());
                if from_issuer && !out.contains(&der) {
                    out.push(der);
                }
            }
        }
        out
    }
}

/// The http:// addresses in a certificate's CRL distribution points (RFC 5280 §4.2.1.13).
fn crl_urls(cert: &Certificate) -> Vec<TsaUrl> {
    let Ok(Some((_, points))) = cert.tbs_certificate().get_extension::<CrlDistributionPoints>() else {
        return Vec::new();
    };
    points
        .0
        .iter()
        .filter_map(|p| match &p.distribution_point {
            Some(DistributionPointName::FullName(names)) => Some(names),
            _ => None,
        })
        .flatten()
        .filter_map(|name| match name {
            GeneralName::UniformResourceIdentifier(uri) => TsaUrl::parse(uri.as_str()).ok(),
            _ => None,
        })
        .collect()
}

impl Timestamper for HttpTimestamper {
    fn timestamp(&self, signature_sha256: &[u8; 32]) -> Result<Vec<u8>> {
        let request = timestamp::request(signature_sha256)?;
        let answer = exchange(&self.url, Some(&request.der), REPLY)?;
        let token = timestamp::token_from_response(&request, &answer, &self.trusted)?;
        self.largest_token.fetch_max(token.len(), Ordering::Relaxed);
        if let Ok(mut last) = self.last_token.lock() {
            last.clone_from(&token);
        }
        Ok(token)
    }

    fn reserve_bytes(&self) -> usize {
        match self.largest_token.load(Ordering::Relaxed) {
            0 => 8192,
            // Tokens differ by a few bytes (serial numbers, nonces, fractions of a second).
            seen => seen + 256,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_parse() {
        let u = TsaUrl::parse("http://127.0.0.1:3180/tsr").unwrap();
        assert_eq!(
            (u.host.as_str(), u.port, u.path.as_str()),
            ("127.0.0.1", 3180, "/tsr")
        );
        let u = TsaUrl::parse(" http://timestamp.example.org ").unwrap();
        assert_eq!((u.port, u.path.as_str()), (80, "/"));
        for bad in [
            "ftp://x",
            "https://x",
            "http://",
            "http://a b/",
            "http://x:port/",
            "timestamp.example.org",
        ] {
            assert!(TsaUrl::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn answers_parse() {
        let ok = b"HTTP/1.1 200 OK\r\nContent-Type: application/timestamp-reply\r\nContent-Length: 3\r\n\r\nabcdef";
        assert_eq!(parse_response(ok, REPLY).unwrap(), b"abc");
        let chunked =
            b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nab\r\n1;x=y\r\nc\r\n0\r\n\r\n";
        assert_eq!(parse_response(chunked, REPLY).unwrap(), b"abc");
        let close = b"HTTP/1.0 200 OK\r\n\r\nxyz";
        assert_eq!(parse_response(close, REPLY).unwrap(), b"xyz");
        assert!(parse_response(b"HTTP/1.1 404 Not Found\r\n\r\n", REPLY).is_err());
        assert!(parse_response(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html>", REPLY).is_err());
        assert!(parse_response(b"HTTP/1.1 200 OK\r\nContent-Length: 9\r\n\r\nabc", REPLY).is_err());
        assert!(parse_response(
            b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
            REPLY
        )
        .is_err());
        assert!(parse_response(b"garbage", REPLY).is_err());
    }

    /// A server on a free local port that takes one request and answers it with `answer`.
    fn one_answer_server(
        answer: impl FnOnce(&mut TcpStream) + Send + 'static,
    ) -> (TsaUrl, std::thread::JoinHandle<()>) {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
        let port = listener.local_addr().expect("address").port();
        let server = std::thread::spawn(move || {
            let (mut client, _) = listener.accept().expect("accept");
            let mut request = [0u8; 1024];
            let _ = client.read(&mut request);
            answer(&mut client);
        });
        let url = TsaUrl::parse(&format!("http://127.0.0.1:{port}/tsr")).expect("url");
        (url, server)
    }

    /// Sends the start of an answer a byte every 50 ms for `for_how_long`, then closes.
    fn trickle(client: &mut TcpStream, for_how_long: Duration) {
        let started = Instant::now();
        for byte in b"HTTP/1.1 200 OK\r\nX-Padding: "
            .iter()
            .chain(std::iter::repeat(&b'x'))
        {
            if started.elapsed() > for_how_long || client.write_all(&[*byte]).is_err() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    #[test]
    fn an_authority_that_answers_a_byte_at_a_time_is_given_up_on_at_the_deadline() {
        // Every byte comes well within the per-read timeout; only the deadline can stop this.
        let (url, server) = one_answer_server(|client| trickle(client, Duration::from_secs(20)));
        let error = exchange_within(&url, Some(b"query"), REPLY, Duration::from_secs(2))
            .expect_err("given up on")
            .to_string();
        assert!(
            error.contains("did not finish answering within 2 seconds"),
            "{error}"
        );
        assert!(error.contains(&format!("127.0.0.1:{}", url.port)), "{error}");
        // Not joined: the server stops on its own when its next byte finds the connection closed.
        drop(server);
    }

    #[test]
    fn an_answer_that_comes_whole_before_the_deadline_is_read() {
        let (url, server) = one_answer_server(|client| {
            for part in [&b"HTTP/1.1 200 OK\r\nContent-Length: 3\r\n"[..], b"\r\n", b"abc"] {
                client.write_all(part).expect("write");
                std::thread::sleep(Duration::from_millis(20));
            }
        });
        let body = exchange_within(&url, Some(b"query"), REPLY, Duration::from_secs(10)).expect("answer");
        assert_eq!(body, b"abc");
        server.join().expect("server");
    }
}
