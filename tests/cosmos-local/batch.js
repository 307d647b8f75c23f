// TransactionalBatch for @vercel/cosmosdb-server, as the .NET SDK sends it: a HybridRow RecordIO stream of
// BatchOperation rows in, one of BatchResult rows out (schemas: the SDK's HybridRowBatchSchemas.json; row grammar:
// microsoft/HybridRow's Grammar.md; summary in docs/ARCHITECTURE.md, Storage). The server's own batch handler reads only JSON and is not atomic: a
// failed operation left the earlier ones written. Here every operation runs against the collection, and when one fails
// the documents the batch touched are put back exactly as they were (same _etag and _ts), as Cosmos DB does.
const zlib = require('zlib');
const rawBody = require('raw-body');
const ops = require('@vercel/cosmosdb-server/lib/handler/_document-operations');
const { patchOperation } = require('@vercel/cosmosdb-server/lib/handler/_patch-operations');

const HYBRID_ROW_V1 = 0x81;
const SEGMENT_SCHEMA = 2147473648;
const RECORD_SCHEMA = 2147473649;
const OPERATION_SCHEMA = 2145473648;
const RESULT_SCHEMA = 2145473649;
const MAX_OPERATIONS = 100;

// Microsoft.Azure.Documents.OperationType values the SDK writes into operationType.
const CREATE = 0, PATCH = 1, READ = 2, DELETE = 4, REPLACE = 5, UPSERT = 20;

// HybridRow layout codes of the sparse fields the two schemas declare.
const CODE = { BOOLEAN_FALSE: 2, BOOLEAN: 3, INT32: 7, UINT32: 11, FLOAT64: 16, UTF8: 20 };

// Sparse paths are tokens: 0 is the empty path, then each property of the schema in order from 1.
const OPERATION_SPARSE = { 8: 'indexingDirective', 9: 'ifMatch', 10: 'ifNoneMatch', 11: 'timeToLiveInSeconds',
  12: 'minimalReturnPreference' };
const RESULT_REQUEST_CHARGE_TOKEN = 6;

class BadBatch extends Error {}

class Reader {
  constructor(buffer) { this.buffer = buffer; this.at = 0; }
  get done() { return this.at >= this.buffer.length; }
  need(n) { if (this.at + n > this.buffer.length) throw new BadBatch('The batch body ends inside a row.'); }
  uint8() { this.need(1); return this.buffer[this.at++]; }
  int32() { this.need(4); const v = this.buffer.readInt32LE(this.at); this.at += 4; return v; }
  uint32() { this.need(4); const v = this.buffer.readUInt32LE(this.at); this.at += 4; return v; }
  varuint() {
    let value = 0, shift = 0, byte;
    do {
      byte = this.uint8();
      value += (byte & 0x7f) * 2 ** shift;
      shift += 7;
    } while (byte & 0x80);
    return value;
  }
  bytes(n) { this.need(n); const v = this.buffer.subarray(this.at, this.at + n); this.at += n; return v; }
  header(expected) {
    if (this.uint8() !== HYBRID_ROW_V1) throw new BadBatch('A row is not HybridRow version 1.');
    const schema = this.uint32();
    if (schema !== expected) throw new BadBatch(`Expected a row of schema ${expected}, found ${schema}.`);
  }
}

/** The operations of a RecordIO stream: one segment header, then a record header before each BatchOperation row. */
function readOperations(body) {
  const reader = new Reader(body);
  reader.header(SEGMENT_SCHEMA);
  const segmentStart = 0;
  reader.uint8(); // presence bits of the segment header
  const segmentLength = reader.int32();
  reader.at = segmentStart + segmentLength;
  const operations = [];
  while (!reader.done) {
    reader.header(RECORD_SCHEMA);
    const length = reader.int32();
    const crc32 = reader.uint32();
    const row = reader.bytes(length);
    if ((zlib.crc32(row) >>> 0) !== crc32) throw new BadBatch(`Record ${operations.length} fails its CRC.`);
    operations.push(readOperation(new Reader(row)));
  }
  return operations;
}

function readOperation(reader) {
  reader.header(OPERATION_SCHEMA);
  const presence = reader.uint8();
  const has = bit => (presence & (1 << bit)) !== 0;
  const operation = { operationType: reader.int32(), resourceType: reader.int32() };
  const variable = ['partitionKey', 'effectivePartitionKey', 'id', 'binaryId', 'resourceBody'];
  variable.forEach((name, i) => {
    if (has(i + 2)) operation[name] = reader.bytes(reader.varuint());
  });
  while (!reader.done) {
    const code = reader.uint8();
    const name = OPERATION_SPARSE[reader.varuint()];
    if (!name) throw new BadBatch('A batch operation has a field this server does not know.');
    if (code === CODE.UTF8) operation[name] = reader.bytes(reader.varuint()).toString('utf8');
    else if (code === CODE.INT32) operation[name] = reader.int32();
    else if (code === CODE.BOOLEAN || code === CODE.BOOLEAN_FALSE) operation[name] = code === CODE.BOOLEAN;
    else throw new BadBatch(`A batch operation's ${name} has layout code ${code}.`);
  }
  return operation;
}

function writeResults(results) {
  const chunks = [segmentHeader()];
  for (const result of results) {
    const row = resultRow(result);
    const header = Buffer.alloc(13);
    header[0] = HYBRID_ROW_V1;
    header.writeUInt32LE(RECORD_SCHEMA, 1);
    header.writeInt32LE(row.length, 5);
    header.writeUInt32LE(zlib.crc32(row) >>> 0, 9);
    chunks.push(header, row);
  }
  return Buffer.concat(chunks);
}

function segmentHeader() {
  const header = Buffer.alloc(10);
  header[0] = HYBRID_ROW_V1;
  header.writeUInt32LE(SEGMENT_SCHEMA, 1);
  header[5] = 0x01; // length present
  header.writeInt32LE(header.length, 6);
  return header;
}

function resultRow({ statusCode, eTag, resourceBody, requestCharge }) {
  const etag = eTag ? Buffer.from(eTag, 'utf8') : null;
  const body = resourceBody ? Buffer.from(JSON.stringify(resourceBody), 'utf8') : null;
  const parts = [];
  const fixed = Buffer.alloc(1 + 4 + 1 + 4 + 4);
  fixed[0] = HYBRID_ROW_V1;
  fixed.writeUInt32LE(RESULT_SCHEMA, 1);
  fixed[5] = 0x01 | 0x02 | (etag ? 0x04 : 0) | (body ? 0x08 : 0);
  fixed.writeInt32LE(statusCode, 6);
  fixed.writeInt32LE(0, 10);
  parts.push(fixed);
  for (const value of [etag, body]) {
    if (value) parts.push(varuint(value.length), value);
  }
  const charge = Buffer.alloc(10);
  charge[0] = CODE.FLOAT64;
  charge[1] = RESULT_REQUEST_CHARGE_TOKEN;
  charge.writeDoubleLE(requestCharge, 2);
  parts.push(charge);
  return Buffer.concat(parts);
}

function varuint(value) {
  const bytes = [];
  do {
    let byte = value % 128;
    value = Math.floor(value / 128);
    if (value > 0) byte |= 0x80;
    bytes.push(byte);
  } while (value > 0);
  return Buffer.from(bytes);
}

/** What one operation asks of the collection, in the shape of the server's single-document operations. */
function toInput(operation, partitionKey) {
  const text = operation.resourceBody ? operation.resourceBody.toString('utf8') : null;
  const json = text ? JSON.parse(text) : null;
  const id = operation.id ? operation.id.toString('utf8') : json && json.id;
  const input = { id, partitionKey, ifMatch: operation.ifMatch, resourceBody: json };
  if (operation.operationType === PATCH) {
    input.operations = Array.isArray(json) ? json : json.operations;
    input.condition = Array.isArray(json) ? undefined : json.condition;
  }
  return input;
}

function run(collection, operation, input) {
  switch (operation.operationType) {
    case CREATE: return ops.createOperation(collection, input);
    case READ: return ops.readOperation(collection, input);
    case DELETE: return ops.deleteOperation(collection, input);
    case REPLACE: return input.id === (input.resourceBody || {}).id ? ops.replaceOperation(collection, input)
      : { statusCode: 400, body: { message: 'The id of a replaced document cannot change.' } };
    case UPSERT: return ops.upsertOperation(collection, input);
    case PATCH: return patchOperation(collection, input);
    default: throw new BadBatch(`Operation type ${operation.operationType} is not supported in a batch.`);
  }
}

/**
 * Runs the operations in order; the first failure undoes what came before it (each touched document restored to a
 * deep copy taken before the batch wrote it) and every other operation answers 424 Failed Dependency.
 */
function execute(collection, operations, partitionKeyHeader) {
  const documents = collection.documents;
  const partition = JSON.parse(partitionKeyHeader)[0];
  const saved = new Map();
  const results = [];
  let failedAt = -1;
  for (let i = 0; i < operations.length; i += 1) {
    const input = toInput(operations[i], partitionKeyHeader);
    if (!saved.has(input.id)) {
      const before = input.id === undefined ? null : collection.document(input.id, partition).read();
      saved.set(input.id, before ? structuredClone(before) : null);
    }
    const result = run(collection, operations[i], input);
    results.push(result);
    if (result.statusCode >= 400) { failedAt = i; break; }
  }
  if (failedAt < 0) {
    return { statusCode: 200, results: results.map((r, i) => success(r, operations[i])) };
  }
  for (const [id, before] of [...saved].reverse()) {
    if (id === undefined) continue;
    if (collection.document(id, partition).read()) documents.delete(id, partition);
    if (before) documents._set(before);
  }
  const failed = results[failedAt].statusCode;
  return {
    statusCode: failed,
    results: operations.map((_, i) => ({ statusCode: i === failedAt ? failed : 424, requestCharge: 0 })),
  };
}

function success(result, operation) {
  const body = result.body && result.body._etag ? result.body : null;
  const minimal = operation.minimalReturnPreference === true && operation.operationType !== READ;
  return { statusCode: result.statusCode, eTag: body ? body._etag : undefined,
    resourceBody: minimal ? null : body, requestCharge: 1 };
}

/** The route handler: HybridRow bodies here, anything else to the server's JSON handler. */
function handler(jsonHandler) {
  return async (account, req, res, params) => {
    // The JavaScript SDK posts JSON batches (declared as such); the .NET SDK posts HybridRow, with no content type.
    if (/json/i.test(req.headers['content-type'] || '')) return jsonHandler(account, req, res, params);
    const body = await rawBody(req);
    const collection = account.database(params.dbId).collection(params.collId);
    if (!collection.read()) {
      res.statusCode = 404;
      return { code: 'NotFound', message: 'The collection does not exist.' };
    }
    let outcome;
    try {
      const operations = readOperations(body);
      if (operations.length === 0 || operations.length > MAX_OPERATIONS) {
        throw new BadBatch(`A batch holds 1 to ${MAX_OPERATIONS} operations; this one has ${operations.length}.`);
      }
      outcome = execute(collection, operations, req.headers['x-ms-documentdb-partitionkey']);
    } catch (e) {
      if (!(e instanceof BadBatch) && !(e instanceof SyntaxError)) throw e;
      res.statusCode = 400;
      return { code: 'BadRequest', message: e.message };
    }
    res.statusCode = outcome.statusCode;
    return writeResults(outcome.results); // a Buffer: sent as is (patches.js)
  };
}

module.exports = { handler, readOperations, writeResults };
