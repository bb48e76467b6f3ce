#!/usr/bin/env python3
"""A till's redemption load that survives a crashing server, for e2e-instances and e2e-crash.

Threads redeem random amounts on a few cards (more than their balances hold, so refusals come),
each with its own Idempotency-Key. Like a real till, a request that gets no answer (connection
refused or reset, 502/503/504 from nginx, 429) is retried with the SAME key until the server
answers for good (at most --retry-for seconds). Every final outcome is written to --out as a JSON
line {"key", "card", "amount", "status", "confirmed"}; e2e_check.py compares them with the ledger.

    pos_load.py --base URL --key POS_KEY --cards FILE.csv --seconds 10 --threads 16 --prefix RUN --out FILE
                [--attempts FILE]   every attempt as a line "EPOCH_SECONDS STATUS" (STATUS "none": no
                                    answer), for e2e-failover's measure of the outage
Exits 1 on any 5xx that is not a gateway error, or a request never answered.
"""

import argparse
import http.client
import json
import random
import sys
import threading
import time
import urllib.parse

RETRYABLE = {429, 502, 503, 504}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", required=True)
    parser.add_argument("--key", required=True)
    parser.add_argument("--cards", required=True)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--threads", type=int, default=16)
    parser.add_argument("--prefix", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--store", default="E2E-1")
    parser.add_argument("--max-amount", type=int, default=2500)
    parser.add_argument("--retry-for", type=float, default=90)
    parser.add_argument("--attempts")
    args = parser.parse_args()

    numbers = [line.split(",")[0].strip() for line in open(args.cards) if line[:1].isdigit()]
    if not numbers:
        sys.exit("no card numbers in %s" % args.cards)
    target = urllib.parse.urlsplit(args.base)
    lock = threading.Lock()
    out = open(args.out, "w")
    attempts = open(args.attempts, "w") if args.attempts else None
    stats = {"confirmed": 0, "refused": 0, "retries": 0, "errors": 0, "statuses": {}}
    stop_at = time.time() + args.seconds

    def connect():
        return http.client.HTTPConnection(target.hostname, target.port, timeout=30)

    def worker(index):
        connection = connect()
        count = 0
        while time.time() < stop_at:
            count += 1
            key = "%s-%d-%d" % (args.prefix, index, count)
            card = random.choice(numbers)
            amount = random.randint(1, args.max_amount)
            body = json.dumps({"cardNumber": card, "amount": amount, "currency": "EUR", "storeCode": args.store})
            headers = {"Authorization": "Bearer " + args.key, "Content-Type": "application/json", "Idempotency-Key": key}
            give_up = time.time() + args.retry_for
            status = None
            while True:
                try:
                    connection.request("POST", "/api/pos/v1/redemptions", body=body, headers=headers)
                    reply = connection.getresponse()
                    reply.read()
                    status = reply.status
                    if reply.getheader("Connection", "").lower() == "close":
                        connection.close()
                        connection = connect()
                except (OSError, http.client.HTTPException):
                    connection.close()
                    connection = connect()
                    status = None
                if attempts:
                    with lock:
                        attempts.write("%.3f %s\n" % (time.time(), status or "none"))
                if status is not None and status not in RETRYABLE:
                    break
                with lock:
                    stats["retries"] += 1
                if time.time() > give_up:
                    break
                time.sleep(0.1)
            with lock:
                stats["statuses"][str(status)] = stats["statuses"].get(str(status), 0) + 1
                confirmed = status in (200, 201)
                if confirmed:
                    stats["confirmed"] += 1
                elif status is not None and 400 <= status < 500 and status not in RETRYABLE:
                    stats["refused"] += 1
                else:
                    stats["errors"] += 1
                out.write(json.dumps({"key": key, "card": card[-4:], "amount": amount, "status": status,
                                      "confirmed": confirmed}) + "\n")

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(args.threads)]
    started = time.time()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    out.close()
    if attempts:
        attempts.close()
    elapsed = time.time() - started
    total = stats["confirmed"] + stats["refused"] + stats["errors"]
    print("pos load: %d redemptions in %.1fs (%.0f/s), %d confirmed, %d refused (balance), %d retried attempts, "
          "%d errors; statuses %s" % (total, elapsed, total / elapsed, stats["confirmed"], stats["refused"],
                                      stats["retries"], stats["errors"], stats["statuses"]), flush=True)
    if stats["errors"]:
        sys.exit(1)


if __name__ == "__main__":
    main()
