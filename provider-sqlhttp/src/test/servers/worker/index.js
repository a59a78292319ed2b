// Test server for provider-sqlhttp, emulating two HTTP APIs from their public documentation:
//   D1:         POST /client/v4/accounts/{account_id}/d1/database/{database_id}/query|raw
//               body {sql, params} or {batch: [{sql, params}]}; reply {success, errors, messages, result: [...]}
//               over the worker's real local D1 binding (workerd's SQLite); a batch runs atomically (D1 batch()).
//   StarbaseDB: POST /starbase/{instance}/query|query/raw, body {sql, params} or {transaction: [...]};
//               reply {result} or {error}; one Durable Object (SQLite storage) per instance; a transaction's
//               statements run one after another, not atomically, as StarbaseDB's do.
// Tokens come from .dev.vars (D1_API_TOKEN, STARBASE_TOKEN), written by start.sh.
import { DurableObject } from "cloudflare:workers";

const D1_PATH = /^\/client\/v4\/accounts\/([^/]+)\/d1\/database\/([^/]+)\/(query|raw)$/;
const STARBASE_PATH = /^\/starbase\/([^/]+)\/query(\/raw)?$/;
const D1_DATABASE_ID = "00000000-0000-4000-8000-00000000d1d1";

function json(status, body) {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
}

// JSON cannot carry an ArrayBuffer: both APIs send a BLOB as an array of byte values.
function plain(value) {
  return value instanceof ArrayBuffer ? Array.from(new Uint8Array(value)) : value;
}

async function d1(request, env, databaseId, raw) {
  if (request.headers.get("Authorization") !== `Bearer ${env.D1_API_TOKEN}`) {
    return json(403, { success: false, errors: [{ code: 10000, message: "Authentication error" }], messages: [], result: null });
  }
  if (databaseId !== D1_DATABASE_ID) {
    return json(404, { success: false, errors: [{ code: 7404, message: "The database " + databaseId + " could not be found" }], messages: [], result: null });
  }
  const body = await request.json();
  const queries = Array.isArray(body.batch) ? body.batch : [body];
  try {
    const statements = queries.map((q) => env.DB.prepare(q.sql).bind(...(q.params ?? [])));
    const results = statements.length === 1 ? [await statements[0].all()] : await env.DB.batch(statements);
    return json(200, {
      success: true, errors: [], messages: [],
      result: results.map((r) => {
        const objects = (r.results ?? []).map((o) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, plain(v)])));
        const columns = objects.length ? Object.keys(objects[0]) : [];
        return { success: true, meta: r.meta, results: raw ? { columns, rows: objects.map((o) => columns.map((c) => o[c])) } : objects };
      }),
    });
  } catch (e) {
    return json(400, { success: false, errors: [{ code: 7500, message: String(e && e.message) }], messages: [], result: null });
  }
}

async function starbase(request, env, instance, raw) {
  if (request.headers.get("Authorization") !== `Bearer ${env.STARBASE_TOKEN}`) {
    return json(401, { error: "Unauthorized request" });
  }
  const body = await request.json();
  const stub = env.STARBASE.get(env.STARBASE.idFromName(instance));
  try {
    if (Array.isArray(body.transaction) && body.transaction.length) {
      return json(200, { result: await stub.run(body.transaction, raw) });
    }
    if (typeof body.sql !== "string" || !body.sql.trim()) {
      return json(400, { error: 'Invalid or empty "sql" field.' });
    }
    return json(200, { result: (await stub.run([body], raw))[0] });
  } catch (e) {
    return json(500, { error: String(e && e.message) || "An unexpected error occurred." });
  }
}

export class Starbase extends DurableObject {
  run(queries, raw) {
    return queries.map((q) => {
      const cursor = this.ctx.storage.sql.exec(q.sql, ...(q.params ?? []));
      const rows = Array.from(cursor.raw()).map((row) => row.map(plain));
      const columns = cursor.columnNames;
      return raw
        ? { columns, rows, meta: { rows_read: cursor.rowsRead, rows_written: cursor.rowsWritten } }
        : rows.map((row) => Object.fromEntries(columns.map((c, i) => [c, row[i]])));
    });
  }
}

export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    if (request.method === "GET" && url.pathname === "/health") {
      return new Response("ok");
    }
    let match;
    if (request.method === "POST" && (match = D1_PATH.exec(url.pathname))) {
      return d1(request, env, match[2], match[3] === "raw");
    }
    if (request.method === "POST" && (match = STARBASE_PATH.exec(url.pathname))) {
      return starbase(request, env, match[1], match[2] === "/raw");
    }
    return json(404, { error: "Not found" });
  },
};
