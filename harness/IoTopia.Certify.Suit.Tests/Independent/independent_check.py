"""An independent check of a SUIT envelope: decoded by python3-cbor2, signature verified by python3-cryptography.

usage: independent_check.py ENVELOPE PUBLIC_KEY_PEM
Prints one JSON line (sequence number, manifest digest, algorithm); exit 0 verified, 1 not, 2 malformed.
Shares no code with the harness: it rebuilds the Sig_structure (RFC 9052 4.4) and the manifest digest itself.
"""
import hashlib
import json
import sys

import cbor2
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, utils


def main(envelope_path, key_path):
    data = open(envelope_path, "rb").read()
    envelope = cbor2.loads(data)
    if not isinstance(envelope, cbor2.CBORTag) or envelope.tag != 107:
        print("not a tagged SUIT envelope", file=sys.stderr)
        return 2
    wrapper = cbor2.loads(envelope.value[2])
    manifest_bstr = envelope.value[3]
    manifest = cbor2.loads(manifest_bstr)
    digest = cbor2.loads(wrapper[0])
    if digest[0] != -16 or hashlib.sha256(cbor2.dumps(manifest_bstr)).digest() != digest[1]:
        print("manifest digest does not match", file=sys.stderr)
        return 1
    sign1 = cbor2.loads(wrapper[1])
    if not isinstance(sign1, cbor2.CBORTag) or sign1.tag != 18:
        print("not a COSE_Sign1", file=sys.stderr)
        return 2
    protected, unprotected, payload, signature = sign1.value
    algorithm = cbor2.loads(protected)[1]
    if payload is not None or algorithm not in (-7, -9):
        print("payload not detached or algorithm not ES256", file=sys.stderr)
        return 1
    to_be_signed = cbor2.dumps(["Signature1", protected, b"", wrapper[0]])
    key = serialization.load_pem_public_key(open(key_path, "rb").read())
    der = utils.encode_dss_signature(int.from_bytes(signature[:32], "big"), int.from_bytes(signature[32:], "big"))
    try:
        key.verify(der, to_be_signed, ec.ECDSA(hashes.SHA256()))
    except InvalidSignature:
        print("signature does not verify", file=sys.stderr)
        return 1
    common = cbor2.loads(manifest[3])
    print(json.dumps({
        "sequence": manifest[2],
        "digest": digest[1].hex(),
        "algorithm": algorithm,
        "components": [[part.hex() for part in c] for c in common[2]],
        "members": sorted(k for k in manifest.keys()),
    }))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
