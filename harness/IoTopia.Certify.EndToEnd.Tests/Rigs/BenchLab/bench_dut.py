#!/usr/bin/python3
"""A device on a bench's DUT-facing link, for the bench lab network tests only (not a fixture of the project).

It runs in its own network namespace behind a veth, as a real device behind a USB Ethernet adapter: at power on
it has no address, asks for one by broadcast DHCP (DHCPDISCOVER, DHCPREQUEST) with its MUD URL as option 161,
configures what the lab leases it, renews the lease every two seconds (unicast DHCPREQUEST), asks the NTP server the
lease names (option 42, if any) for the time (SNTP), resolves its cloud name (and, when told, a tracker's name) at the DNS server
the lease names, and connects to them on TCP 443 every two seconds. With no DHCP server on the link it keeps
sending DHCPDISCOVER. Power off is SIGKILL.
"""
import argparse
import random
import socket
import struct
import subprocess
import time

SO_BINDTODEVICE = 25
MAGIC = b"\x63\x82\x53\x63"


def dhcp_message(kind, xid, mac, mud_url, requested=None, server=None):
    header = struct.pack("!BBBBIHH4s4s4s4s16s64s128s", 1, 1, 6, 0, xid, 0, 0x8000,
                         bytes(4), bytes(4), bytes(4), bytes(4), mac + bytes(10), bytes(64), bytes(128))
    options = MAGIC + bytes([53, 1, kind])
    if requested:
        options += bytes([50, 4]) + requested
    if server:
        options += bytes([54, 4]) + server
    url = mud_url.encode()
    options += bytes([161, len(url)]) + url + bytes([55, 4, 1, 6, 42, 51, 255])
    return header + options


def dhcp_options(data):
    found = {}
    i = 240
    while i < len(data) and data[i] != 255:
        if data[i] == 0:
            i += 1
            continue
        if i + 1 >= len(data):
            break
        code, length = data[i], data[i + 1]
        found[code] = data[i + 2:i + 2 + length]
        i += 2 + length
    return found


def exchange(sock, message, xid, wanted, timeout):
    sock.sendto(message, ("255.255.255.255", 67))
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        sock.settimeout(max(0.05, deadline - time.monotonic()))
        try:
            data, _ = sock.recvfrom(1500)
        except socket.timeout:
            break
        if len(data) < 240 or data[0] != 2 or struct.unpack("!I", data[4:8])[0] != xid or data[236:240] != MAGIC:
            continue
        options = dhcp_options(data)
        if options.get(53) == bytes([wanted]):
            return data[16:20], options
    return None, None


def lease(iface, mac, mud_url):
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_BROADCAST, 1)
    sock.setsockopt(socket.SOL_SOCKET, SO_BINDTODEVICE, iface.encode())
    sock.bind(("0.0.0.0", 68))
    while True:
        xid = random.getrandbits(32)
        offered, options = exchange(sock, dhcp_message(1, xid, mac, mud_url), xid, 2, 1.0)
        if offered is None:
            continue
        acked, options = exchange(sock, dhcp_message(3, xid, mac, mud_url, offered, options.get(54)), xid, 5, 2.0)
        if acked is not None:
            sock.close()
            return acked, options


def renew(iface, mac, mud_url, own, server):
    """A DHCPREQUEST for the lease it holds, unicast to the server that granted it (RFC 2131 RENEWING), with its MUD URL."""
    xid = random.getrandbits(32)
    message = bytearray(dhcp_message(3, xid, mac, mud_url))
    message[10:12] = bytes(2)                      # no broadcast flag: the answer comes unicast
    message[12:16] = socket.inet_aton(own)         # ciaddr
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.setsockopt(socket.SOL_SOCKET, SO_BINDTODEVICE, iface.encode())
        sock.bind((own, 68))
        sock.settimeout(1.0)
        sock.sendto(bytes(message), (server, 67))
        try:
            sock.recvfrom(1500)  # the DHCPACK, taken in (else the kernel answers it with an ICMP port unreachable)
        except socket.timeout:
            pass


def dns_query(server, source, name):
    query_id = random.getrandbits(16)
    question = b"".join(bytes([len(label)]) + label.encode() for label in name.split(".")) + b"\x00\x00\x01\x00\x01"
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        sock.bind((source, 0))
        sock.settimeout(1.0)
        sock.sendto(struct.pack("!HHHHHH", query_id, 0x0100, 1, 0, 0, 0) + question, (server, 53))
        try:
            reply, _ = sock.recvfrom(1500)
        except socket.timeout:
            return None
    if len(reply) < 12 or struct.unpack("!H", reply[:2])[0] != query_id:
        return None
    answers = struct.unpack("!H", reply[6:8])[0]
    i = 12 + len(question)
    for _ in range(answers):
        i = i + 2 if reply[i] & 0xC0 == 0xC0 else reply.index(0, i) + 1
        kind, _, _, length = struct.unpack("!HHIH", reply[i:i + 10])
        if kind == 1 and length == 4:
            return socket.inet_ntoa(reply[i + 10:i + 14])
        i += 10 + length
    return None


def sntp(server, source):
    """One SNTPv4 client request (RFC 4330); True when a server-mode answer to it comes back."""
    transmit = random.getrandbits(64).to_bytes(8, "big")
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        sock.bind((source, 0))
        sock.settimeout(1.0)
        sock.sendto(bytes([0x23]) + bytes(39) + transmit, (server, 123))
        try:
            reply, _ = sock.recvfrom(1500)
        except socket.timeout:
            return False
    return len(reply) >= 48 and reply[0] & 7 == 4 and reply[24:32] == transmit


def connect(source, address):
    try:
        with socket.create_connection((address, 443), timeout=1.0, source_address=(source, 0)):
            pass
    except OSError:
        pass


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--iface", required=True)
    parser.add_argument("--mud-url", required=True)
    parser.add_argument("--cloud", required=True)
    parser.add_argument("--tracker")
    args = parser.parse_args()
    with open(f"/sys/class/net/{args.iface}/address") as f:
        mac = bytes.fromhex(f.read().strip().replace(":", ""))
    subprocess.run(["ip", "addr", "flush", "dev", args.iface], check=True)  # a fresh boot: no address yet
    address, options = lease(args.iface, mac, args.mud_url)
    mask = options.get(1, bytes([255, 255, 255, 0]))
    prefix = bin(int.from_bytes(mask, "big")).count("1")
    own = socket.inet_ntoa(address)
    subprocess.run(["ip", "addr", "replace", f"{own}/{prefix}", "dev", args.iface], check=True)
    dns = socket.inet_ntoa(options[6][:4]) if len(options.get(6, b"")) >= 4 else None
    server = socket.inet_ntoa(options[54][:4]) if len(options.get(54, b"")) >= 4 else None
    ntp = socket.inet_ntoa(options[42][:4]) if len(options.get(42, b"")) >= 4 else None
    names = [args.cloud] + ([args.tracker] if args.tracker else [])
    while True:
        if server:
            renew(args.iface, mac, args.mud_url, own, server)
        if ntp:
            sntp(ntp, own)
        for name in names:
            remote = dns_query(dns, own, name) if dns else None
            if remote:
                connect(own, remote)
        time.sleep(2)


if __name__ == "__main__":
    main()
