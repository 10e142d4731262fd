#!/bin/sh
# edges.sh BIN DB - how long `mealcheck serve` takes to answer an ordinary
# POST /api/check of the sample menu (and a POST /api/report) while it is
# attacked over loopback: slowloris (1100 connections from 127.0.0.2, a
# header byte a second each), request smuggling (Content-Length with
# Transfer-Encoding, a request hidden after the body) and heavy reports
# (a 20,000-row menu, the most one request may upload, sent as POST
# /api/report by two clients over and over).  Median and slowest of 5
# requests, one after another; "refused" when the server would not answer
# within 10 s.  With BASE=/path/to/mealcheck
# the same runs against that build too, side by side (before/after).
# Every attack is bounded in time; only 127.0.0.1 and 127.0.0.2 are used.
# Needs python3 (skipped without it).  Run by `make bench`.
set -eu
BIN=${1:-build/mealcheck}
DB=${2:-build/mealcheck.db}
if ! command -v python3 >/dev/null 2>&1; then
    echo "bench/edges.sh: skipped: needs python3"
    exit 0
fi
exec python3 - "$BIN" "$DB" "${BASE:-}" <<'PY'
import http.client, json, os, socket, statistics, subprocess, sys, tempfile, threading, time

BIN, DB, BASE = sys.argv[1], sys.argv[2], sys.argv[3]

def read(p):
    with open(p, encoding="utf-8") as f:
        return f.read()

recipes, menu = read("menus/recipes.csv"), read("menus/menu.csv")
def check_body(m):
    return json.dumps({"recipes": recipes, "menu": m, "standards": ["us_dri"],
                       "groups": ["7-11"], "date": "2026-09-01"}, ensure_ascii=False).encode()
days, meals = ["Mon", "Tue", "Wed", "Thu", "Fri"], ["m1", "m2", "m3", "m4"]
# 20,000 rows: 333 weeks of 3 dishes in each of 4 meals a day.
rows = ["week,day,meal,dish,portion_g"]
for i in range(20000):
    rows.append("%d,%s,%s,%s,%d" % (i // 60 + 1, days[i // 12 % 5], meals[i // 3 % 4],
                                    ["Плов", "Сорпа", "Лагман"][i % 3],
                                    100 + i % 3))
HEAVY, SMALL = check_body("\n".join(rows) + "\n"), check_body(menu)

class Server:
    def __init__(self, binary):
        self.tmp = tempfile.mkdtemp()
        env = dict(os.environ, TMPDIR=self.tmp)
        self.p = subprocess.Popen([binary, "--db", DB, "serve", "--port", "0", "--threads", "4"],
                                  stdout=subprocess.PIPE, env=env)
        line = self.p.stdout.readline().decode()
        self.port = int(line.rsplit(":", 1)[1].strip("/\n"))
    def stop(self):
        self.p.terminate()
        self.p.wait()
        subprocess.call(["rm", "-rf", self.tmp])

def post(port, path, body, timeout=10):
    t = time.monotonic()
    try:
        c = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
        c.request("POST", path, body, {"Content-Type": "application/json"})
        r = c.getresponse()
        r.read()
        c.close()
        return time.monotonic() - t if r.status in (200, 422) else None
    except OSError:
        return None

def measure(port, path="/api/check", body=SMALL, n=5):
    times = [post(port, path, body) for _ in range(n)]
    ok = [t for t in times if t is not None]
    if len(ok) < n:
        return "refused %d/%d" % (n - len(ok), n)
    return "%.3f s (%.3f)" % (statistics.median(ok), max(ok))

def slowloris(port, stop):
    socks = []
    for _ in range(1100):
        try:
            s = socket.socket()
            s.bind(("127.0.0.2", 0))
            s.settimeout(1)
            s.connect(("127.0.0.1", port))
            s.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")
            socks.append(s)
        except OSError:
            pass
    while not stop.is_set():
        for s in list(socks):
            try:
                s.send(b"X")
            except OSError:
                socks.remove(s)
        stop.wait(1)
    for s in socks:
        s.close()

answered = [0]
def smuggle(port, stop):
    req = (b"POST /api/check HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 57\r\n"
           b"Transfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n"
           b"GET /api/standards HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
    while not stop.is_set():
        try:
            s = socket.create_connection(("127.0.0.1", port), timeout=2)
            s.sendall(req)
            data = b""
            while True:
                d = s.recv(65536)
                if not d:
                    break
                data += d
        except OSError:
            pass
        finally:
            s.close()
        if b"ru_sanpin_3590_20" in data:
            answered[0] += 1

def heavy(port, stop):
    while not stop.is_set():
        post(port, "/api/report", HEAVY, timeout=120)

def run(binary):
    out = {}
    for name, attack in (("none", None), ("slowloris", slowloris), ("smuggling", smuggle),
                         ("heavy report", heavy)):
        srv = Server(binary)
        stop = threading.Event()
        ths = []
        answered[0] = 0
        if attack:
            ths = [threading.Thread(target=attack, args=(srv.port, stop))
                   for _ in range(2 if attack == heavy else 1)]
            for th in ths:
                th.start()
            time.sleep(3)
        out[name] = (measure(srv.port), measure(srv.port, "/api/report"))
        if attack == smuggle:
            out[name] += ("smuggled answered: %d" % answered[0],)
        stop.set()
        for th in ths:
            th.join()
        srv.stop()
    return out

cols = [("after", run(BIN))]
if BASE:
    cols.insert(0, ("before", run(BASE)))
print("serve: ordinary POST /api/check | POST /api/report, median (slowest) of 5, "
      "during each attack")
for name in cols[0][1]:
    print("  %-13s " % name + "   ".join("%s: %s | %s%s" % (label, r[name][0], r[name][1],
          (" (" + r[name][2] + ")") if len(r[name]) > 2 else "") for label, r in cols))
PY
