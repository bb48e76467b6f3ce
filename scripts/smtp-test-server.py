#!/usr/bin/env python3
"""A real SMTP server for the BoutiqueMail tests and benchmarks, built on aiosmtpd.

Listens on 127.0.0.1 only. Prints the bound port alone on the first line of stdout once it accepts
connections (with --tls-cert: STARTTLS, or TLS from the first byte with --implicit-tls).
Each accepted message is written to OUTDIR as NNNNNN.eml (the DATA bytes, dot-stuffing
removed) and NNNNNN.json ({"from": ..., "to": [...]}), the .json last, so a reader that sees the
.json can read both. Stops on SIGTERM/SIGINT, or when stdin reaches end of file (so it never
outlives the test process that started it with a pipe on stdin).

    pip install aiosmtpd
    smtp-test-server.py --port 0 --outdir DIR [--tls-cert CERT --tls-key KEY [--implicit-tls]]
        [--auth USER:PASSWORD]
        [--auth-mechanisms PLAIN,LOGIN] [--fail-next N] [--reject-recipient ADDRESS] [--no-ehlo]
        [--stdin-eof-stops]
"""

import argparse
import asyncio
import json
import os
import signal
import ssl
import sys

from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword


class Handler:
    """Saves messages; fails or rejects on demand."""

    def __init__(self, outdir, fail_next, rejected):
        self.outdir = outdir
        self.fail_next = fail_next
        self.rejected = {address.lower() for address in rejected}
        self.count = 0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.lower() in self.rejected:
            return "550 5.1.1 <%s>: Recipient address rejected: no such user" % address
        envelope.rcpt_tos.append(address)
        return "250 2.1.5 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.fail_next > 0:
            self.fail_next -= 1
            return "451 4.3.0 Temporary failure, try again later"
        self.count += 1
        stem = os.path.join(self.outdir, "%06d" % self.count)
        with open(stem + ".eml", "wb") as f:
            f.write(envelope.original_content)
        envelope_json = {"from": envelope.mail_from, "to": list(envelope.rcpt_tos)}
        with open(stem + ".json.tmp", "w") as f:
            json.dump(envelope_json, f)
        os.replace(stem + ".json.tmp", stem + ".json")
        return "250 2.0.0 OK queued as %06d" % self.count


class NoEHLOSMTP(SMTP):
    """Behaves like an RFC 821 server: EHLO is an unknown command, only HELO works."""

    async def smtp_EHLO(self, hostname):
        await self.push("502 5.5.2 Error: command not recognized")


def make_authenticator(expected_user, expected_password):
    def authenticator(server, session, envelope, mechanism, auth_data):
        ok = (
            isinstance(auth_data, LoginPassword)
            and auth_data.login.decode("utf-8") == expected_user
            and auth_data.password.decode("utf-8") == expected_password
        )
        # handled=False: aiosmtpd then answers 535 itself (its default, handled=True, answers nothing).
        return AuthResult(success=ok, handled=False)

    return authenticator


def parse_arguments():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--port", type=int, default=0, help="port on 127.0.0.1; 0 picks a free one")
    parser.add_argument("--outdir", required=True, help="folder that receives the messages")
    parser.add_argument("--tls-cert", help="PEM certificate: enables STARTTLS")
    parser.add_argument("--tls-key", help="PEM private key for --tls-cert")
    parser.add_argument("--implicit-tls", action="store_true", help="TLS from the first byte (smtps) instead of STARTTLS")
    parser.add_argument("--auth", help="USER:PASSWORD accepted by AUTH; AUTH then needs TLS when TLS is on")
    parser.add_argument("--auth-mechanisms", default="PLAIN,LOGIN", help="comma-separated, from PLAIN,LOGIN")
    parser.add_argument("--fail-next", type=int, default=0, help="answer 451 to the next N messages")
    parser.add_argument("--reject-recipient", action="append", default=[], help="answer 550 to RCPT TO this address")
    parser.add_argument("--no-ehlo", action="store_true", help="refuse EHLO (502) so clients must use HELO")
    parser.add_argument("--stdin-eof-stops", action="store_true", help="exit when stdin is closed")
    return parser.parse_args()


def make_factory(arguments, handler):
    tls_context = None
    if arguments.tls_cert:
        tls_context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        tls_context.load_cert_chain(arguments.tls_cert, arguments.tls_key)
    starttls_context = None if arguments.implicit_tls else tls_context
    options = {"tls_context": starttls_context, "data_size_limit": 64 * 1024 * 1024, "hostname": "smtp-test-server"}
    if arguments.auth:
        user, _, password = arguments.auth.partition(":")
        offered = {m.strip().upper() for m in arguments.auth_mechanisms.split(",") if m.strip()}
        options.update(
            authenticator=make_authenticator(user, password),
            auth_required=True,
            # With implicit TLS the whole session is encrypted, which aiosmtpd cannot see.
            auth_require_tls=starttls_context is not None,
            auth_exclude_mechanism=[m for m in ("PLAIN", "LOGIN") if m not in offered],
        )
    else:
        options.update(auth_require_tls=False)
    server_class = NoEHLOSMTP if arguments.no_ehlo else SMTP
    return (lambda: server_class(handler, **options)), tls_context


def stop_on_stdin_eof(loop, stop):
    """Watches stdin without a thread, so nothing blocks the exit."""
    descriptor = sys.stdin.fileno()

    def readable():
        try:
            chunk = os.read(descriptor, 4096)
        except OSError:
            chunk = b""
        if not chunk:
            loop.remove_reader(descriptor)
            stop.set()

    loop.add_reader(descriptor, readable)


async def main():
    arguments = parse_arguments()
    os.makedirs(arguments.outdir, exist_ok=True)
    handler = Handler(arguments.outdir, arguments.fail_next, arguments.reject_recipient)
    loop = asyncio.get_running_loop()
    factory, tls_context = make_factory(arguments, handler)
    server_tls = tls_context if arguments.implicit_tls else None
    server = await loop.create_server(factory, host="127.0.0.1", port=arguments.port, ssl=server_tls)
    print(server.sockets[0].getsockname()[1], flush=True)
    stop = asyncio.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stop.set)
    if arguments.stdin_eof_stops:
        stop_on_stdin_eof(loop, stop)
    await stop.wait()
    server.close()
    # A stuck client must not keep the server (and the test) waiting.
    try:
        await asyncio.wait_for(server.wait_closed(), 2)
    except asyncio.TimeoutError:
        pass


if __name__ == "__main__":
    import logging

    # aiosmtpd warns about AUTH without TLS on stderr; the tests read only stdout.
    logging.basicConfig(level=logging.ERROR)
    asyncio.run(main())
