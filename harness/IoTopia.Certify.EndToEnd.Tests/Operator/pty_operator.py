#!/usr/bin/env python3
"""Runs a command under a real pseudo-terminal (stdin, stdout and stderr all the pty) and plays the operator:
waits for each --expect text in what the command prints, types each --send line followed by Enter.

usage: pty_operator.py DEADLINE_SECONDS [--expect TEXT | --send LINE | --kill now]... -- COMMAND [ARGS...]

--kill SIGKILLs the command (a harness killed while it waits for the operator).

Prints everything the command printed (escape sequences included) to stdout and exits with the command's exit
code (128 + the signal's number when a signal ended it); 124 when the deadline passed (the command is killed) or an expected text never came.
"""
import os
import pty
import select
import signal
import sys
import time


def main() -> int:
    args = sys.argv[1:]
    deadline = time.monotonic() + float(args.pop(0))
    script = []
    while args and args[0] != "--":
        flag, value = args.pop(0), args.pop(0)
        if flag not in ("--expect", "--send", "--kill"):
            raise SystemExit(f"unknown flag {flag}")
        script.append((flag, value))
    args.pop(0)

    pid, fd = pty.fork()
    if pid == 0:
        os.execvp(args[0], args)

    seen = b""
    searched = 0
    step = 0
    ended = False
    while not ended:
        if step < len(script) and script[step][0] == "--send":
            os.write(fd, script[step][1].encode() + b"\r")
            step += 1
            continue
        if step < len(script) and script[step][0] == "--kill":
            os.kill(pid, signal.SIGKILL)
            step += 1
            continue
        if time.monotonic() > deadline:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            sys.stdout.buffer.write(seen)
            waiting = script[step][1] if step < len(script) else "the end"
            sys.stdout.write(f"\n[pty_operator] deadline passed waiting for {waiting!r}\n")
            return 124
        ready, _, _ = select.select([fd], [], [], 0.1)
        if ready:
            try:
                data = os.read(fd, 65536)
            except OSError:  # EIO: every process holding the pty's other end has ended
                data = b""
            if not data:
                ended = True
            seen += data
        if step < len(script) and script[step][0] == "--expect":
            found = seen.find(script[step][1].encode(), searched)
            if found >= 0:
                searched = found + len(script[step][1].encode())
                step += 1
    _, status = os.waitpid(pid, 0)
    sys.stdout.buffer.write(seen)
    if step < len(script):
        sys.stdout.write(f"\n[pty_operator] the command ended before {script[step][1]!r}\n")
        return 124
    code = os.waitstatus_to_exitcode(status)
    return 128 - code if code < 0 else code  # killed by a signal: 128 + its number, as a shell says


if __name__ == "__main__":
    sys.exit(main())
