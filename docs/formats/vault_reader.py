#!/usr/bin/env python3
"""Reads an Attune vault of format 1 or 2 and prints every record, without Attune.

Written from docs/formats/vault.md (the copy there is this file). Needs Python 3.9+ with
SQLite 3.37+ (STRICT tables) and `cryptography` 44+ (Argon2id).

    python3 vault_reader.py COPY/attune.vault passphrase 'the passphrase' [-v]
    python3 vault_reader.py COPY/attune.vault recovery 'ABCD-EFGH-...' [-v]

Run it on a copy: opening an SQLite file in WAL mode may create -wal and -shm files.
With -v it prints the intermediate values on standard error.
"""
import hashlib, sqlite3, struct, sys, unicodedata
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

VERBOSE = "-v" in sys.argv[4:]

def show(name, value):
    if VERBOSE:
        print(f"{name}: {value.hex() if isinstance(value, bytes) else value}", file=sys.stderr)

def aad(prefix, vault_id, *fields):  # prefix || (u32 BE length || bytes) for each part
    out = prefix
    for f in (vault_id, *[x.encode() for x in fields]):
        out += struct.pack(">I", len(f)) + f
    return out

def unseal(key, ad, blob):  # version 0x01 | nonce[12] | ciphertext | tag[16]; None if not authentic
    if blob is None or len(blob) < 29 or blob[0] != 1:
        return None
    try:
        return AESGCM(key).decrypt(blob[1:13], blob[13:], ad)
    except InvalidTag:
        return None

def hkdf(ikm, salt, label):
    return HKDF(hashes.SHA256(), 32, salt, label.encode()).derive(ikm)

CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"

def recovery_bytes(typed):
    s = "".join(c for c in typed.upper() if c not in " -\t\r\n")
    s = s.replace("I", "1").replace("L", "1").replace("O", "0")
    if len(s) != 56 or any(c not in CROCKFORD for c in s):
        sys.exit("recovery_key_invalid: not 56 characters of Crockford base32")
    bits = "".join(format(CROCKFORD.index(c), "05b") for c in s)
    raw = bytes(int(bits[i:i + 8], 2) for i in range(0, 280, 8))
    if hashlib.sha256(b"attune/recovery-key/v1" + raw[:32]).digest()[:3] != raw[32:]:
        sys.exit("recovery_key_invalid: the checksum does not match")
    return raw[:32]

def passphrase_kek(passphrase, m, t, p, salt):
    if None in (m, t, p):
        sys.exit("vault_damaged: a passphrase slot has no KDF parameters")
    if not (8192 <= m <= 1048576 and 1 <= t <= 10 and 1 <= p <= 4 and m >= 8 * p):
        sys.exit(f"kdf_params_out_of_bounds: {m} KiB, {t} passes, {p} lanes")
    password = unicodedata.normalize("NFC", passphrase).encode()
    return Argon2id(salt=salt, length=32, iterations=t, lanes=p, memory_cost=m).derive(password)

def open_recovery_slot_v2(rk, vid, salt, public, wrapped):
    secret = X25519PrivateKey.from_private_bytes(hkdf(rk, salt, "attune/v2/recovery-x25519"))
    show("recovery X25519 secret", secret.private_bytes_raw())
    if secret.public_key().public_bytes_raw() != public:
        return None  # another recovery key's slot
    ephemeral, sealed = wrapped[:32], wrapped[32:]
    try:
        shared = secret.exchange(X25519PublicKey.from_public_bytes(ephemeral))
    except ValueError:  # a low-order point: no shared secret
        return None
    show("ephemeral public key", ephemeral)
    show("X25519 shared secret", shared)
    kek = hkdf(shared, ephemeral + public, "attune/v2/recovery-slot")
    show("recovery slot KEK", kek)
    return unseal(kek, aad(b"attune/recovery-slot/v2", vid, "recovery"), sealed)

def open_vault_key(db, fmt, vid, how, secret):
    extra = "public_key, created_at" if fmt == 2 else "NULL, NULL"
    slots = db.execute(
        "SELECT id, kdf_memory_kib, kdf_iterations, kdf_parallelism, salt, wrapped_key, "
        f"{extra} FROM key_slot WHERE kind = ? ORDER BY id", (how,)).fetchall()
    if how == "passphrase" and not slots:
        sys.exit("vault_damaged: it has no passphrase slot")
    if fmt == 2 and len(slots) > 1:
        sys.exit(f"vault_damaged: it has {len(slots)} {how} slots, and may have only one")
    rk = recovery_bytes(secret) if how == "recovery" else None
    if rk:
        show("recovery key bytes", rk)
    for sid, m, t, p, salt, wrapped, public, created_at in slots:
        show(f"slot {sid} ({how}) salt", salt)
        show(f"slot {sid} created_at", created_at)
        if how == "passphrase":
            kek = passphrase_kek(secret, m, t, p, salt)
            show("passphrase KEK", kek)
            vk = unseal(kek, aad(b"attune/slot/v1", vid, how), wrapped)
        elif public is None:  # a recovery slot made by format 1
            kek = hkdf(rk, salt, "attune/v1/recovery-slot")
            show("recovery KEK (format 1)", kek)
            vk = unseal(kek, aad(b"attune/slot/v1", vid, how), wrapped)
        else:
            show("slot public key", public)
            vk = open_recovery_slot_v2(rk, vid, salt, public, wrapped)
        if vk is not None:
            return vk
    sys.exit("wrong_passphrase" if how == "passphrase" else "wrong_recovery_key")

def main(path, how, secret):
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    fmt = db.execute("PRAGMA user_version").fetchone()[0]
    if fmt not in (1, 2):
        sys.exit(f"vault_too_new: format {fmt}" if fmt > 2 else "vault_damaged: no format version")
    row = db.execute("SELECT vault_id FROM vault WHERE singleton = 1").fetchone()
    if row is None or len(row[0]) != 16:
        sys.exit("vault_damaged: no vault row, or a vault id that is not 16 bytes")
    vid = row[0]
    show("format", fmt)
    show("vault_id", vid)
    vk = open_vault_key(db, fmt, vid, how, secret)
    show("vault key", vk)
    if fmt == 1:
        wrap_key = hkdf(vk, vid, "attune/v1/records")
        show("records key", wrap_key)
        key_prefix = b"attune/record-key/v1"
        rows = "SELECT id, kind, wrapped_key, sealed FROM record ORDER BY id"
    else:
        epoch_wrap = hkdf(vk, vid, "attune/v2/epoch")
        show("epoch-wrapping key", epoch_wrap)
        row = db.execute("SELECT wrapped_key FROM epoch WHERE singleton = 1").fetchone()
        if row is None:
            sys.exit("vault_damaged: the epoch key is missing")
        wrap_key = unseal(epoch_wrap, aad(b"attune/epoch/v2", vid), row[0])
        if wrap_key is None:  # a slot from an older copy: its vault key opens nothing now
            sys.exit("wrong_passphrase" if how == "passphrase" else "wrong_recovery_key")
        show("epoch key", wrap_key)
        key_prefix = b"attune/record-key/v2"
        rows = ("SELECT r.id, r.kind, k.wrapped_key, r.sealed"
                " FROM record r LEFT JOIN record_key k ON k.id = r.id ORDER BY r.id")
    for rid, kind, wrapped, sealed in db.execute(rows):
        key = unseal(wrap_key, aad(key_prefix, vid, rid, kind), wrapped)
        plain = key and unseal(key, aad(b"attune/record/v1", vid, rid, kind), sealed)
        show(f"{rid}: record key", key)
        try:
            text = plain.decode()  # strict UTF-8
        except (AttributeError, UnicodeDecodeError):
            print(rid, kind, "DAMAGED")
            continue
        show(f"{rid}: JSON bytes, padded", f"{len(plain.rstrip(b' '))}, {len(plain)}")
        print(rid, kind, text.rstrip(" "))  # format 2 pads the JSON with spaces

if __name__ == "__main__":
    if len(sys.argv) < 4 or sys.argv[2] not in ("passphrase", "recovery"):
        sys.exit(__doc__)
    main(*sys.argv[1:4])
