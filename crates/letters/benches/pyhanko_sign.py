"""Signs unsigned letters with pyHanko's Python API and prints the time per letter.

Usage: python pyhanko_sign.py KEY.pem CERT.pem CA.pem OUT_DIR LETTER.pdf...

Called by benches/letters.rs with the same unsigned PDFs and the same P-256 key that our own
signer used, with a visible signature box of the same size, so the two can be compared.
"""

import os
import sys
import time
from io import BytesIO

from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import fields, signers


def main() -> None:
    key, cert, ca, out_dir, *files = sys.argv[1:]
    os.makedirs(out_dir, exist_ok=True)
    signer = signers.SimpleSigner.load(key, cert, ca_chain_files=(ca,))
    meta = signers.PdfSignatureMetadata(field_name="Signature1", subfilter=fields.SigSeedSubFilter.PADES)
    spec = fields.SigFieldSpec("Signature1", on_page=-1, box=(70.9, 300.0, 368.5, 365.2))
    # Warm-up: imports and first-use caches.
    with open(files[0], "rb") as f:
        signers.sign_pdf(IncrementalPdfFileWriter(BytesIO(f.read())), meta, signer=signer, new_field_spec=spec)
    total = 0.0
    size = 0
    for i, path in enumerate(files):
        with open(path, "rb") as f:
            data = f.read()
        started = time.perf_counter()
        out = signers.sign_pdf(IncrementalPdfFileWriter(BytesIO(data)), meta, signer=signer, new_field_spec=spec)
        total += time.perf_counter() - started
        signed = out.getvalue()
        size += len(signed)
        with open(os.path.join(out_dir, f"pyhanko-{i:02}.pdf"), "wb") as f:
            f.write(signed)
    n = len(files)
    print(f"sign     per letter: {total / n * 1000:7.2f} ms (pyHanko API, signing only)")
    print(f"signed size: {size / n / 1000:.1f} KB average")


if __name__ == "__main__":
    main()
