//! The letterhead logo: a PNG or JPEG, checked by decoding it, and scaled down when it is larger
//! than a letterhead needs, so the archive and every letter stay small.

use crate::DeskError;
use base64::Engine;
use serde::Serialize;
use ts_rs::TS;

/// Larger uploads are refused before decoding.
pub const MAX_LOGO_BYTES: usize = 2 * 1024 * 1024;
/// A logo is printed about 60 mm wide at most; 600 × 300 pixels is ample for print.
pub const MAX_WIDTH: u32 = 600;
pub const MAX_HEIGHT: u32 = 300;
/// Smaller images would print blurred.
pub const MIN_SIDE: u32 = 32;
/// The most pixels decoded, read from the file's header before decoding: a logo exported for
/// print at 4000 × 4000 fits (64 MB as RGBA while it is scaled); a few hundred bytes of PNG can
/// claim a billion pixels.
pub const MAX_LOGO_PIXELS: u64 = 16_000_000;
/// What the decoder may allocate in all, as a second bound beside the pixel count.
const MAX_DECODE_BYTES: u64 = 128 * 1024 * 1024;

/// A reader of `bytes` in `format` that refuses to allocate beyond the bounds above.
fn bounded_reader(bytes: &[u8], format: image::ImageFormat) -> image::ImageReader<std::io::Cursor<&[u8]>> {
    let mut limits = image::Limits::default();
    limits.max_alloc = Some(MAX_DECODE_BYTES);
    let mut reader = image::ImageReader::with_format(std::io::Cursor::new(bytes), format);
    reader.limits(limits);
    reader
}

/// The stored logo as the settings page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LogoView {
    pub media_type: String,
    pub width: u32,
    pub height: u32,
    #[ts(type = "number")]
    pub bytes: u64,
    /// A `data:` URL for an `<img>` (the app's content security policy allows `data:` images).
    pub data_url: String,
}

/// A checked logo, ready to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Logo {
    pub media_type: &'static str,
    pub bytes: Vec<u8>,
    pub width: u32,
    pub height: u32,
}

impl Logo {
    /// Checks an uploaded file; the error says what to do, in words for the settings page.
    pub fn check(bytes: &[u8]) -> Result<Logo, DeskError> {
        let invalid = |message: String| DeskError::LogoInvalid(message);
        if bytes.len() > MAX_LOGO_BYTES {
            return Err(invalid(format!(
                "The logo must be smaller than {} MB; save it at a smaller size and try again",
                MAX_LOGO_BYTES / (1024 * 1024)
            )));
        }
        let format = image::guess_format(bytes)
            .ok()
            .filter(|f| matches!(f, image::ImageFormat::Png | image::ImageFormat::Jpeg))
            .ok_or_else(|| invalid("The logo must be a PNG or JPEG image".to_owned()))?;
        let damaged = |_| invalid("The logo file is damaged or not really a PNG or JPEG image".to_owned());
        let (width, height) = bounded_reader(bytes, format).into_dimensions().map_err(damaged)?;
        if u64::from(width) * u64::from(height) > MAX_LOGO_PIXELS {
            return Err(invalid(format!(
                "The logo is {width} × {height} pixels, far more than a letterhead needs: save it at most \
                 {MAX_WIDTH} × {MAX_HEIGHT} pixels and try again"
            )));
        }
        if width < MIN_SIDE || height < MIN_SIDE {
            return Err(invalid(format!(
                "The logo is only {width} × {height} pixels: it would print blurred. Use one at least {MIN_SIDE} pixels each way"
            )));
        }
        let decoded = bounded_reader(bytes, format).decode().map_err(damaged)?;
        let (width, height) = (decoded.width(), decoded.height());
        let media_type = match format {
            image::ImageFormat::Png => "image/png",
            _ => "image/jpeg",
        };
        if width <= MAX_WIDTH && height <= MAX_HEIGHT {
            return Ok(Logo {
                media_type,
                bytes: bytes.to_vec(),
                width,
                height,
            });
        }
        let scaled = decoded.resize(MAX_WIDTH, MAX_HEIGHT, image::imageops::FilterType::Triangle);
        // A long thin image stays thin once it fits: 136 × 2400 becomes 17 × 300 (found by the
        // fuzzing), which would print blurred like any small one.
        if scaled.width() < MIN_SIDE || scaled.height() < MIN_SIDE {
            return Err(invalid(format!(
                "The logo is {width} × {height} pixels: scaled to fit the letterhead it would be only \
                 {} × {} and print blurred. Use a less elongated image",
                scaled.width(),
                scaled.height()
            )));
        }
        let mut out = std::io::Cursor::new(Vec::new());
        let result = if format == image::ImageFormat::Png {
            scaled.write_to(&mut out, image::ImageFormat::Png)
        } else {
            scaled.to_rgb8().write_to(&mut out, image::ImageFormat::Jpeg)
        };
        result.map_err(|error| invalid(format!("The logo could not be scaled: {error}")))?;
        Ok(Logo {
            media_type,
            bytes: out.into_inner(),
            width: scaled.width(),
            height: scaled.height(),
        })
    }

    pub fn view(media_type: &str, bytes: &[u8]) -> LogoView {
        // The stored logo was checked when it was saved; only its header is read here.
        let (width, height) = image::guess_format(bytes)
            .ok()
            .and_then(|format| bounded_reader(bytes, format).into_dimensions().ok())
            .unwrap_or((0, 0));
        LogoView {
            media_type: media_type.to_owned(),
            width,
            height,
            bytes: bytes.len() as u64,
            data_url: format!(
                "data:{media_type};base64,{}",
                base64::engine::general_purpose::STANDARD.encode(bytes)
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png(width: u32, height: u32) -> Vec<u8> {
        let image = image::RgbImage::from_pixel(width, height, image::Rgb([0, 94, 165]));
        let mut out = std::io::Cursor::new(Vec::new());
        image.write_to(&mut out, image::ImageFormat::Png).expect("encode");
        out.into_inner()
    }

    #[test]
    fn a_small_png_is_kept_as_it_is() {
        let bytes = png(200, 80);
        let logo = Logo::check(&bytes).expect("valid");
        assert_eq!((logo.media_type, logo.width, logo.height), ("image/png", 200, 80));
        assert_eq!(logo.bytes, bytes);
    }

    #[test]
    fn a_large_png_is_scaled_to_fit_the_letterhead() {
        let logo = Logo::check(&png(2400, 600)).expect("valid");
        assert_eq!((logo.width, logo.height), (600, 150));
    }

    #[test]
    fn other_files_are_refused_with_a_reason() {
        assert!(Logo::check(b"GIF89a....")
            .unwrap_err()
            .to_string()
            .contains("PNG or JPEG"));
        let mut broken = png(100, 100);
        broken.truncate(60);
        assert!(Logo::check(&broken).unwrap_err().to_string().contains("damaged"));
        assert!(Logo::check(&png(10, 10))
            .unwrap_err()
            .to_string()
            .contains("blurred"));
    }

    #[test]
    fn a_long_thin_logo_is_refused_rather_than_scaled_below_the_minimum() {
        let error = Logo::check(&png(136, 2400)).unwrap_err();
        assert_eq!(error.code(), crate::ErrorCode::LogoInvalid);
        assert!(error.to_string().contains("17 × 300"), "{error}");
    }

    #[test]
    fn a_header_claiming_a_billion_pixels_is_refused_before_decoding() {
        // A real 40 × 40 PNG whose header now says 40000 × 40000 (its CRC made right again):
        // decoding would need 6.4 GB; the header alone is enough to refuse it.
        let mut bytes = png(40, 40);
        bytes[16..20].copy_from_slice(&40_000u32.to_be_bytes());
        bytes[20..24].copy_from_slice(&40_000u32.to_be_bytes());
        let crc = crc32(&bytes[12..29]);
        bytes[29..33].copy_from_slice(&crc.to_be_bytes());
        let error = Logo::check(&bytes).unwrap_err();
        assert_eq!(error.code(), crate::ErrorCode::LogoInvalid);
        assert!(error.to_string().contains("40000 × 40000"), "{error}");
    }

    /// CRC-32 as PNG chunks use it (ISO 3309, the polynomial 0xEDB88320 reflected).
    fn crc32(bytes: &[u8]) -> u32 {
        let mut crc = 0xFFFF_FFFFu32;
        for &byte in bytes {
            crc ^= u32::from(byte);
            for _ in 0..8 {
                crc = if crc & 1 == 1 {
                    (crc >> 1) ^ 0xEDB8_8320
                } else {
                    crc >> 1
                };
            }
        }
        !crc
    }
}
