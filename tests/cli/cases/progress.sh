# The progress line: on a terminal, a scan longer than a second shows bytes done and GB/s on
# stderr and erases it at the end; --no-progress, or stderr that is not a terminal, shows nothing.
# The input comes slowly through a pipe (16 MiB over about 2 s); stderr is a pseudo-terminal.
python3 - "$SLUICE" <<'PY'
import os, pty, subprocess, sys, threading, time

def run(args, tty):
    master, slave = pty.openpty()
    p = subprocess.Popen(args, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                         stderr=slave if tty else subprocess.PIPE)
    os.close(slave)
    def feed():
        p.stdin.write(b"a,b\n")
        row = b"1,hello\n" * 8192
        for _ in range(256):
            p.stdin.write(row)
            time.sleep(0.008)
        p.stdin.close()
    t = threading.Thread(target=feed)
    t.start()
    out = p.stdout.read()
    t.join()
    p.wait()
    err = b""
    if tty:
        os.set_blocking(master, False)
        try:
            while True:
                chunk = os.read(master, 65536)
                if not chunk:
                    break
                err += chunk
        except (BlockingIOError, OSError):
            pass
    else:
        err = p.stderr.read()
    os.close(master)
    return out.decode().strip(), err.decode(errors="replace"), p.returncode

bin = sys.argv[1]
out, err, rc = run([bin, "count"], True)
print("count:", out, "status", rc)
print("progress shown:", "GB/s" in err and "sluice: " in err)
print("line erased at the end:", err.endswith("\r\x1b[K"))
out, err, rc = run([bin, "count", "--no-progress"], True)
print("--no-progress:", out, "stderr empty:", err == "")
out, err, rc = run([bin, "count"], False)
print("not a terminal:", out, "stderr empty:", err == "")
PY
