/**
 * TEST SUPPORT: encodes AWS event-stream messages (application/vnd.amazon.eventstream) for the fake
 * SageMaker and Bedrock servers. Frame layout per the AWS spec: total length (4 bytes), headers
 * length (4), prelude CRC32 (4), headers, payload, message CRC32 (4); every header here is a string
 * (type 7) with a 2-byte length. The real SDK decoders check both CRCs, so a wrong frame fails loudly.
 */
import { crc32 } from 'node:zlib';

/** One event frame carrying `payload` with `:message-type` event and the given `:event-type`. */
export function encodeEvent(eventType: string, payload: Uint8Array | string, contentType = 'application/json'): Uint8Array {
  return encodeMessage(
    { ':message-type': 'event', ':event-type': eventType, ':content-type': contentType },
    typeof payload === 'string' ? Buffer.from(payload, 'utf8') : payload,
  );
}

/** One modelled exception frame (`:message-type` exception), e.g. SageMaker's ModelStreamError. */
export function encodeException(exceptionType: string, body: unknown): Uint8Array {
  return encodeMessage(
    { ':message-type': 'exception', ':exception-type': exceptionType, ':content-type': 'application/json' },
    Buffer.from(JSON.stringify(body), 'utf8'),
  );
}

/** Encodes one message with string headers. */
export function encodeMessage(headers: Record<string, string>, payload: Uint8Array): Uint8Array {
  const headerParts: Buffer[] = [];
  for (const [name, value] of Object.entries(headers)) {
    const nameBytes = Buffer.from(name, 'utf8');
    const valueBytes = Buffer.from(value, 'utf8');
    const header = Buffer.alloc(1 + nameBytes.length + 1 + 2 + valueBytes.length);
    header.writeUInt8(nameBytes.length, 0);
    nameBytes.copy(header, 1);
    header.writeUInt8(7, 1 + nameBytes.length);
    header.writeUInt16BE(valueBytes.length, 2 + nameBytes.length);
    valueBytes.copy(header, 4 + nameBytes.length);
    headerParts.push(header);
  }
  const headerBytes = Buffer.concat(headerParts);
  const totalLength = 12 + headerBytes.length + payload.length + 4;
  const message = Buffer.alloc(totalLength);
  message.writeUInt32BE(totalLength, 0);
  message.writeUInt32BE(headerBytes.length, 4);
  message.writeUInt32BE(crc32(message.subarray(0, 8)), 8);
  headerBytes.copy(message, 12);
  Buffer.from(payload).copy(message, 12 + headerBytes.length);
  message.writeUInt32BE(crc32(message.subarray(0, totalLength - 4)), totalLength - 4);
  return message;
}
