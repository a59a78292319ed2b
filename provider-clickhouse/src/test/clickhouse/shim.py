# Minimal ClickHouse-HTTP-interface shim over in-process chDB (libchdb.so from npm @chdb/lib-linux-x64-gnu).
# Copied from the team's /work/shared/tools/clickhouse-http/shim.py (read its README for the limits), with three
# fixes for tests that share one shim: (1) `database=default` switches back to default (the original only ran
# USE for other databases, so a session stayed in the last one used), and the database may also come in the
# X-ClickHouse-Database header, as client-v2 sends it; (2) URL settings are reset after each
# request, so one request's settings (an insert_deduplication_token!) no longer leak into the next; (3) a chunked
# request body is joined once instead of growing by concatenation, which was quadratic in the number of chunks.
import ctypes, sys, json, re, urllib.parse, uuid
from http.server import ThreadingHTTPServer, BaseHTTPRequestHandler
import threading
LOCK = threading.RLock()  # re-entrant: a request holds it across USE, SET, the query and the reset
LIB = sys.argv[1]; PORT = int(sys.argv[2]); DATA = sys.argv[3]
lib = ctypes.CDLL(LIB)
lib.chdb_connect.restype = ctypes.c_void_p; lib.chdb_connect.argtypes = [ctypes.c_int, ctypes.POINTER(ctypes.c_char_p)]
lib.chdb_query_n.restype = ctypes.c_void_p; lib.chdb_query_n.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_size_t, ctypes.c_char_p, ctypes.c_size_t]
lib.chdb_result_buffer.restype = ctypes.c_void_p; lib.chdb_result_buffer.argtypes = [ctypes.c_void_p]
lib.chdb_result_length.restype = ctypes.c_size_t; lib.chdb_result_length.argtypes = [ctypes.c_void_p]
lib.chdb_result_error.restype = ctypes.c_char_p; lib.chdb_result_error.argtypes = [ctypes.c_void_p]
lib.chdb_result_rows_read.restype = ctypes.c_uint64; lib.chdb_result_rows_read.argtypes = [ctypes.c_void_p]
lib.chdb_result_rows_written.restype = ctypes.c_uint64; lib.chdb_result_rows_written.argtypes = [ctypes.c_void_p]
lib.chdb_destroy_query_result.argtypes = [ctypes.c_void_p]
argv = (ctypes.c_char_p * 2)(b"clickhouse", ("--path=" + DATA).encode())
conn = ctypes.cast(lib.chdb_connect(2, argv), ctypes.POINTER(ctypes.c_void_p))[0]
CTL = {'query','database','default_format','compress','decompress','user','password','query_id','session_id','session_timeout','session_check','wait_end_of_query','buffer_size','enable_http_compression','http_headers_progress_interval_ms','send_progress_in_http_headers','client_protocol_version','extremes'}
def run(q, fmt):
  with LOCK:
    return _run(q, fmt)
def _run(q, fmt):
    qb = q if isinstance(q, bytes) else q.encode()
    r = lib.chdb_query_n(conn, qb, len(qb), fmt.encode(), len(fmt))
    err = lib.chdb_result_error(r)
    if err: lib.chdb_destroy_query_result(r); return None, err.decode(errors='replace'), 0, 0
    n = lib.chdb_result_length(r); buf = lib.chdb_result_buffer(r)
    out = ctypes.string_at(buf, n) if buf and n else b''
    rr, rw = lib.chdb_result_rows_read(r), lib.chdb_result_rows_written(r)
    lib.chdb_destroy_query_result(r); return out, None, rr, rw
class H(BaseHTTPRequestHandler):
    protocol_version = 'HTTP/1.1'
    def log_message(self, *a): pass
    def _handle(self):
        u = urllib.parse.urlparse(self.path); params = dict(urllib.parse.parse_qsl(u.query, keep_blank_values=True))
        if u.path.rstrip('/') == '/ping': return self._send(200, b'Ok.\n', {})
        body = b''
        if self.headers.get('Transfer-Encoding', '').lower() == 'chunked':
            chunks = []  # joined once: appending to bytes copies the whole body per chunk (quadratic)
            while True:
                ln = int(self.rfile.readline().strip().split(b';')[0], 16)
                if ln == 0: self.rfile.readline(); break
                chunks.append(self.rfile.read(ln)); self.rfile.readline()
            body = b''.join(chunks)
        else:
            body = self.rfile.read(int(self.headers.get('Content-Length') or 0))
        if self.headers.get('Content-Encoding'): return self._err(400, 'shim: compressed request bodies unsupported')
        q = params.get('query')
        data = b''
        if q is None: q, data = body.decode(errors='replace'), b''
        else: data = body
        fmt = params.get('default_format') or self.headers.get('X-ClickHouse-Format') or 'TabSeparated'
        settings = {k: v for k, v in params.items() if k not in CTL and not k.startswith('param_')}
        for k, v in params.items():
            if k.startswith('param_'):  # naive query parameter substitution {name:Type}
                q = re.sub(r'\{' + re.escape(k[6:]) + r':[^}]+\}', "'" + v.replace("'", "\\'") + "'", q)
        with LOCK:  # database, settings and query must not interleave with another request's
            return self._execute(q, params, settings, data, fmt)
    def _execute(self, q, params, settings, data, fmt):
        _run('USE `' + (params.get('database') or self.headers.get('X-ClickHouse-Database') or 'default').replace('`', '\\`') + '`', 'TSV')
        for k, v in settings.items(): _run(f"SET {k} = '{v}'" if not re.fullmatch(r'-?\d+(\.\d+)?', v) else f"SET {k} = {v}", 'TSV')
        try:
            return self._query(q, params, data, fmt)
        finally:
            for k in settings: _run(f"SET {k} = DEFAULT", 'TSV')
    def _query(self, q, params, data, fmt):
        mi = re.match(r'^\s*(INSERT\s+INTO\s+.+?)\s+FORMAT\s+(\w+)\s*$', q, re.I | re.S)
        if data and mi:
            import tempfile, os
            fd, tmp = tempfile.mkstemp(prefix='chshim-', suffix='.bin'); os.write(fd, data); os.close(fd)
            full = f"{mi.group(1)} FROM INFILE '{tmp}' FORMAT {mi.group(2)}".encode()
        else:
            full = q.encode() + (b'\n' + data if data else b'')
        out, err, rr, rw = run(full, fmt)
        if data and mi: os.unlink(tmp)
        if err is not None:
            m = re.search(r'Code: (\d+)', err); return self._err(500, err, m.group(1) if m else '1')
        m = re.search(r'\bFORMAT\s+(\w+)\s*$', q.strip(), re.I)
        hdr = {'X-ClickHouse-Format': m.group(1) if m else fmt, 'X-ClickHouse-Timezone': 'UTC', 'X-ClickHouse-Server-Display-Name': 'chdb-shim',
               'X-ClickHouse-Query-Id': params.get('query_id') or str(uuid.uuid4()),
               'X-ClickHouse-Summary': json.dumps({'read_rows': str(rr), 'read_bytes': '0', 'written_rows': str(rw), 'written_bytes': '0', 'total_rows_to_read': '0', 'result_rows': str(rw or rr), 'result_bytes': '0', 'elapsed_ns': '0'}),
               'Content-Type': 'application/octet-stream'}
        self._send(200, out, hdr)
    def _err(self, code, msg, ch='1'):
        self._send(code, (msg if msg.startswith('Code:') else f'Code: {ch}. DB::Exception: {msg}').encode() + b'\n', {'X-ClickHouse-Exception-Code': ch, 'Content-Type': 'text/plain'})
    def _send(self, code, body, hdr):
        self.send_response(code)
        for k, v in hdr.items(): self.send_header(k, v)
        self.send_header('Content-Length', str(len(body))); self.end_headers(); self.wfile.write(body)
    do_GET = do_POST = _handle
ThreadingHTTPServer(('127.0.0.1', PORT), H).serve_forever()
