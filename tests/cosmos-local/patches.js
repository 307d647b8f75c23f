// Fixes @vercel/cosmosdb-server@1.0.1 so the .NET SDK (Gateway mode, Linux) can use it. Each patch replaces text
// that must occur exactly once in the pinned version and leaves a marker, so re-running is a no-op and a changed
// upstream file fails loudly instead of half-patching.
const fs = require('fs');
const path = require('path');

const lib = path.join(__dirname, 'node_modules', '@vercel', 'cosmosdb-server', 'lib');
const MARK = '/* timetracker-patch */';

const patches = [
  {
    why: 'Reading a missing item answered 500 ("Cannot read properties of undefined") instead of 404.',
    file: 'handler/read-document.js',
    find: 'const data = collection.document(docId, parsedPartitionKey).read();',
    replace: `const data = collection.document(docId, parsedPartitionKey).read(); ${MARK}
        if (!data) {
            res.statusCode = 404;
            return { code: "NotFound", message: "Entity with the specified id does not exist in the system.," };
        }`,
  },
  {
    why: 'The SDK POSTs a query-plan request first (x-ms-cosmos-is-query-plan-request) and needs a PartitionedQueryExecutionInfo back; the server ran the query instead and the SDK threw a NullReferenceException. Answer with a plain plan over the full range (no ORDER BY rewrite, aggregates or GROUP BY: the store does not use them).',
    file: 'handler/query-documents.js',
    find: 'const body = await (0, json_1.default)(req);',
    replace: `const body = await (0, json_1.default)(req); ${MARK}
    if ((0, true_header_1.default)(req, "x-ms-cosmos-is-query-plan-request")) {
        return {
            partitionedQueryExecutionInfoVersion: 2,
            queryInfo: {
                distinctType: "None", top: null, offset: null, limit: null, orderBy: [], orderByExpressions: [],
                groupByExpressions: [], groupByAliases: [], aggregates: [], groupByAliasToAggregateType: {},
                rewrittenQuery: "", hasSelectValue: false, dCountInfo: null, hasNonStreamingOrderBy: false
            },
            queryRanges: [{ min: "", max: "FF", isMinInclusive: true, isMaxInclusive: false }]
        };
    }`,
  },
  {
    why: 'Queries ignored the x-ms-documentdb-partitionkey header and returned documents of other partitions. Keep only documents whose partition key values match the header (the store also puts the key in its WHERE clauses).',
    file: 'handler/query-documents.js',
    find: 'return collection.documents.query(body, { continuation, maxItemCount });',
    replace: `const queried = collection.documents.query(body, { continuation, maxItemCount }); ${MARK}
        const header = req.headers["x-ms-documentdb-partitionkey"];
        const paths = (((collection.read() || {}).partitionKey || {}).paths || []).map(p => p.slice(1));
        let values = null;
        try { values = header && header !== "[{}]" ? JSON.parse(header) : null; } catch (e) { values = null; }
        if (values && queried && Array.isArray(queried.result)) {
            queried.result = queried.result.filter(doc => doc === null || typeof doc !== "object" ||
                paths.every((p, i) => i >= values.length || !(p in doc) || doc[p] === values[i]));
        }
        return queried;`,
  },
  {
    why: 'With hierarchical keys, Cosmos serves queries that give only a prefix of the key (e.g. /workspaceId of [/workspaceId, /userId]); the server demanded every level in the WHERE clause (400 "missing partition keys"). Require the first level only.',
    file: 'handler/query-documents.js',
    find: 'if (paths.length && !(0, cosmosdb_query_1.default)(body.query).containsPartitionKeys(paths)) {',
    replace: `if (paths.length && !(0, cosmosdb_query_1.default)(body.query).containsPartitionKeys(paths.slice(0, 1))) { ${MARK}`,
  },
  {
    why: 'Single-partition queries run optimistically direct (no query-plan round trip); on a page with a continuation the SDK keeps going only when the backend says x-ms-cosmos-query-requiresdistribution: False, else it throws the page away and restarts with a query plan. The server never sent it. The server answers each query whole over its single range (TOP and ORDER BY included; the store uses no aggregates, GROUP BY or DISTINCT), so say False.',
    file: 'handler/query-documents.js',
    find: 'exports.default = async (account, req, res, { dbId, collId }) => (0, _read_items_1.default)(req, res, "Documents", async ({ continuation, maxItemCount }) => {',
    replace: `exports.default = async (account, req, res, { dbId, collId }) => (0, _read_items_1.default)(req, res, "Documents", async ({ continuation, maxItemCount }) => { ${MARK}
    res.setHeader("x-ms-cosmos-query-requiresdistribution", "False");`,
  },
  {
    why: 'A conditional patch (the SDK\'s FilterPredicate, "FROM c WHERE ...") was lowercased before being run, so camelCase paths such as c.sessionId never matched and every condition failed (412). Keep the condition as sent; only its prefix is matched without case.',
    file: 'handler/_patch-operations.js',
    find: 'const conditionClause = input.condition.toLowerCase().trim();',
    replace: `const conditionClause = input.condition.trim().replace(/^from c where/i, "from c where").replace(/^where/i, "where"); ${MARK}`,
  },
  {
    why: 'The .NET SDK sends TransactionalBatch as HybridRow, which the JSON batch handler cannot read, and that handler was not atomic. Route batches through batch.js (HybridRow, all or nothing); JSON batches still reach the original handler.',
    file: 'routes.js',
    find: 'const batch_documents_1 = __importDefault(require("./handler/batch-documents"));',
    replace: `const batch_documents_1 = { default: require("../../../../batch").handler(__importDefault(require("./handler/batch-documents")).default) }; ${MARK}`,
  },
  {
    why: 'Handlers could only answer JSON. A handler that returns a Buffer (batch.js: a HybridRow stream) has it sent as is.',
    file: 'index.js',
    find: 'res.end(JSON.stringify(body));',
    replace: `res.end(Buffer.isBuffer(body) ? body : JSON.stringify(body)); ${MARK}`,
  },
];

let applied = 0;
for (const patch of patches) {
  const file = path.join(lib, patch.file);
  const text = fs.readFileSync(file, 'utf8');
  if (text.includes(patch.replace)) continue;
  const count = text.split(patch.find).length - 1;
  if (count !== 1) {
    console.error(`patch for ${patch.file} expected its anchor once, found ${count}: ${patch.why}`);
    process.exit(1);
  }
  fs.writeFileSync(file, text.replace(patch.find, patch.replace));
  applied++;
}
console.log(`cosmosdb-server patches: ${applied} applied, ${patches.length - applied} already present`);
