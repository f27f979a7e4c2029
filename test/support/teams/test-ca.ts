/**
 * A throwaway certificate authority for TLS tests, made in memory at run time (no private key is
 * ever written to disk or checked in). node:crypto makes keys and signs but cannot build X.509
 * certificates, so the few DER structures a CA certificate and a server certificate need are
 * encoded here (RFC 5280): version 3, serial, ECDSA P-256 with SHA-256, validity, subject,
 * basicConstraints, keyUsage, and subjectAltName (DNS names and IP addresses).
 * `new X509Certificate(pem)` in the test then proves the result is what OpenSSL reads.
 */
import { createSign, generateKeyPairSync, type KeyObject, randomBytes } from 'node:crypto';
import { isIP } from 'node:net';

export interface IssuedCertificate {
  /** PEM certificate. */
  cert: string;
  /** PEM private key (PKCS#8). */
  key: string;
}

export interface TestCa {
  /** PEM certificate of the CA: what a client must trust. */
  cert: string;
  /** A server certificate for `names` (DNS names or IP addresses), signed by this CA. */
  issue(names: string[]): IssuedCertificate;
}

export function createTestCa(commonName = 'Mentor Bridge test CA'): TestCa {
  const ca = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const caName = name(commonName);
  const caDer = certificate({
    subject: caName,
    issuer: caName,
    subjectKey: ca.publicKey,
    issuerKey: ca.privateKey,
    extensions: [extension(OID.basicConstraints, true, seq(bool(true))), extension(OID.keyUsage, true, keyUsage(['keyCertSign', 'cRLSign']))],
  });
  return {
    cert: pem('CERTIFICATE', caDer),
    issue(names) {
      const leaf = generateKeyPairSync('ec', { namedCurve: 'P-256' });
      const sans = names.map((n) => (isIP(n) === 4 ? tagged(0x87, Buffer.from(n.split('.').map(Number))) : tagged(0x82, Buffer.from(n, 'ascii'))));
      const der = certificate({
        subject: name(names[0] ?? 'localhost'),
        issuer: caName,
        subjectKey: leaf.publicKey,
        issuerKey: ca.privateKey,
        extensions: [
          extension(OID.basicConstraints, true, seq()),
          extension(OID.keyUsage, true, keyUsage(['digitalSignature'])),
          extension(OID.extKeyUsage, false, seq(oid(OID.serverAuth))),
          extension(OID.subjectAltName, false, seq(...sans)),
        ],
      });
      return { cert: pem('CERTIFICATE', der), key: leaf.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() };
    },
  };
}

const OID = {
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
  commonName: '2.5.4.3',
  basicConstraints: '2.5.29.19',
  keyUsage: '2.5.29.15',
  extKeyUsage: '2.5.29.37',
  subjectAltName: '2.5.29.17',
  serverAuth: '1.3.6.1.5.5.7.3.1',
};

interface CertificateParts {
  subject: Buffer;
  issuer: Buffer;
  subjectKey: KeyObject;
  issuerKey: KeyObject;
  extensions: Buffer[];
}

function certificate(parts: CertificateParts): Buffer {
  const now = Date.now();
  const algorithm = seq(oid(OID.ecdsaWithSha256));
  const serial = randomBytes(16);
  serial[0] = 0x40 | ((serial[0] ?? 0) & 0x3f); // positive and minimal (DER refuses a leading 0x00 before a byte < 0x80)
  const tbs = seq(
    tagged(0xa0, int(Buffer.from([2]))), // [0] EXPLICIT version: v3
    int(serial),
    algorithm,
    parts.issuer,
    seq(utcTime(new Date(now - 60 * 60_000)), utcTime(new Date(now + 24 * 60 * 60_000))),
    parts.subject,
    parts.subjectKey.export({ type: 'spki', format: 'der' }),
    tagged(0xa3, seq(...parts.extensions)), // [3] EXPLICIT extensions
  );
  const signature = createSign('SHA256').update(tbs).sign(parts.issuerKey); // DER ECDSA-Sig-Value
  return seq(tbs, algorithm, bitString(signature));
}

function name(commonName: string): Buffer {
  return seq(tagged(0x31, seq(oid(OID.commonName), tagged(0x0c, Buffer.from(commonName, 'utf8')))));
}

function extension(id: string, critical: boolean, value: Buffer): Buffer {
  return seq(oid(id), ...(critical ? [bool(true)] : []), tagged(0x04, value));
}

const KEY_USAGE_BITS = { digitalSignature: 0, keyCertSign: 5, cRLSign: 6 } as const;

function keyUsage(usages: Array<keyof typeof KEY_USAGE_BITS>): Buffer {
  let byte = 0;
  for (const usage of usages) byte |= 0x80 >> KEY_USAGE_BITS[usage];
  let unused = 0;
  while (unused < 7 && !(byte & (1 << unused))) unused += 1;
  return tagged(0x03, Buffer.from([unused, byte]));
}

// DER encoding: tag, definite length, contents.
function tagged(tag: number, content: Buffer): Buffer {
  const length = content.length;
  if (length < 0x80) return Buffer.concat([Buffer.from([tag, length]), content]);
  const bytes: number[] = [];
  for (let n = length; n > 0; n >>= 8) bytes.unshift(n & 0xff);
  return Buffer.concat([Buffer.from([tag, 0x80 | bytes.length, ...bytes]), content]);
}

function seq(...items: Buffer[]): Buffer {
  return tagged(0x30, Buffer.concat(items));
}

function int(value: Buffer): Buffer {
  return tagged(0x02, value);
}

function bool(value: boolean): Buffer {
  return tagged(0x01, Buffer.from([value ? 0xff : 0]));
}

function bitString(bytes: Buffer): Buffer {
  return tagged(0x03, Buffer.concat([Buffer.from([0]), bytes]));
}

function oid(dotted: string): Buffer {
  const [first = 0, second = 0, ...rest] = dotted.split('.').map(Number);
  const bytes = [first * 40 + second];
  for (const arc of rest) {
    const chunk = [arc & 0x7f];
    for (let n = arc >> 7; n > 0; n >>= 7) chunk.unshift((n & 0x7f) | 0x80);
    bytes.push(...chunk);
  }
  return tagged(0x06, Buffer.from(bytes));
}

/** UTCTime, which RFC 5280 requires for dates before 2050 (later ones would need GeneralizedTime). */
function utcTime(date: Date): Buffer {
  const text = date.toISOString().replace(/[-:T]/g, '').slice(2, 14) + 'Z'; // YYMMDDHHMMSSZ
  return tagged(0x17, Buffer.from(text, 'ascii'));
}

function pem(label: string, der: Buffer): string {
  const body = der.toString('base64').replace(/(.{64})/g, '$1\n').replace(/\n$/, '');
  return `-----BEGIN ${label}-----\n${body}\n-----END ${label}-----\n`;
}
