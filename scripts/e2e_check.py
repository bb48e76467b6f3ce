#!/usr/bin/env python3
"""The shop's invariants, read straight from the database with psql (PostgreSQL) or sqlite3.

    e2e_check.py DATABASE_URL [--settle SECONDS] [--mail exact|at-least-once]
                 [--redemptions FILE.jsonl --key-prefix PREFIX]

Checks, and exits 1 naming every broken one:
  ledger      every card's balance equals the sum of its ledger rows, it has exactly one `issue`
              row, no balance and no `balance_after` is negative
  orders      an activated order has exactly `quantity` cards on each line; an order that was
              never paid has none; after --settle, no order is left « validated » (issuance done)
  jobs        after --settle, no job is dead and none is due but not done
  mail        every done `mail.send` job has its message in the mailbox (after --settle: every
              one is done); `exact`: the
              mailbox holds exactly one message per job (no e-mail sent twice)
  redemptions (with --redemptions) the ledger's redemptions whose Idempotency-Key starts with
              PREFIX are exactly the ones the load client saw confirmed, with the same amounts
--settle waits (up to SECONDS) for the queue to drain before checking.
"""

import argparse
import json
import sqlite3
import subprocess
import sys
import time


class DB:
    def __init__(self, url):
        self.url = url
        self.sqlite = url.startswith("sqlite:")
        if self.sqlite:
            self.connection = sqlite3.connect(url.split("sqlite://", 1)[-1] if "sqlite://" in url else url[7:])

    def rows(self, query):
        if self.sqlite:
            return [tuple(map(lambda v: "" if v is None else str(v), row)) for row in self.connection.execute(query)]
        output = subprocess.run(["psql", "-X", "-q", "-At", "-F", "\t", "-v", "ON_ERROR_STOP=1", self.url, "-c", query],
                                capture_output=True, text=True)
        if output.returncode != 0:
            raise SystemExit("psql failed: %s\n%s" % (query, output.stderr))
        return [tuple(line.split("\t")) for line in output.stdout.splitlines() if line != ""]

    def value(self, query):
        rows = self.rows(query)
        return rows[0][0] if rows else None


def now_ms():
    return int(time.time() * 1000)


def settle(db, seconds):
    deadline = time.time() + seconds
    while True:
        due = int(db.value("SELECT count(*) FROM jobs WHERE state IN ('pending', 'running') AND run_at <= %d" % now_ms()))
        validated = int(db.value("SELECT count(*) FROM orders WHERE status = 'validated'"))
        if due == 0 and validated == 0:
            return True
        if time.time() > deadline:
            return False
        time.sleep(0.5)


def check(args):
    db = DB(args.database)
    problems = []
    if args.settle:
        if not settle(db, args.settle):
            problems.append("the job queue did not drain in %ss" % args.settle)

    # ledger
    bad = db.rows("""
        SELECT c.id, c.balance_cents, COALESCE(SUM(t.amount_cents), 0),
               SUM(CASE WHEN t.kind = 'issue' THEN 1 ELSE 0 END)
        FROM cards c LEFT JOIN card_transactions t ON t.card_id = c.id
        GROUP BY c.id, c.balance_cents
        HAVING c.balance_cents <> COALESCE(SUM(t.amount_cents), 0) OR c.balance_cents < 0
            OR SUM(CASE WHEN t.kind = 'issue' THEN 1 ELSE 0 END) <> 1""")
    for card, balance, total, issues in bad[:10]:
        problems.append("card %s: balance %s, ledger sum %s, %s issue rows" % (card, balance, total, issues))
    negative = int(db.value("SELECT count(*) FROM card_transactions WHERE balance_after_cents < 0"))
    if negative:
        problems.append("%d ledger rows with a negative balance_after" % negative)
    cards = int(db.value("SELECT count(*) FROM cards"))
    ledger = int(db.value("SELECT count(*) FROM card_transactions"))

    # orders
    wrong = db.rows("""
        SELECT o.reference, o.status, l.position, l.quantity, COUNT(c.id)
        FROM orders o JOIN order_lines l ON l.order_id = o.id LEFT JOIN cards c ON c.order_line_id = l.id
        GROUP BY o.reference, o.status, l.id, l.position, l.quantity
        HAVING (o.status = 'activated' AND COUNT(c.id) <> l.quantity)
            OR (o.status IN ('awaitingPayment', 'awaitingPaymentConfirmation', 'paymentRefused', 'cancelled') AND COUNT(c.id) <> 0)
            OR COUNT(c.id) > l.quantity""")
    for reference, status, position, quantity, count in wrong[:10]:
        problems.append("order %s (%s) line %s: %s cards for quantity %s" % (reference, status, position, count, quantity))
    statuses = dict(db.rows("SELECT status, count(*) FROM orders GROUP BY status"))
    if args.settle and int(statuses.get("validated", 0)):
        problems.append("%s orders still « validated » (cards not issued)" % statuses["validated"])

    # jobs
    jobs = dict(db.rows("SELECT state, count(*) FROM jobs GROUP BY state"))
    dead = db.rows("SELECT id, kind, last_error FROM jobs WHERE state = 'dead'")
    for job, kind, error in dead[:10]:
        problems.append("dead job %s (%s): %s" % (job, kind, error))
    if args.settle:
        due = db.rows("SELECT id, kind, state FROM jobs WHERE state IN ('pending', 'running') AND run_at <= %d" % now_ms())
        for job, kind, state in due[:10]:
            problems.append("job %s (%s) still %s" % (job, kind, state))

    # mail
    mails = db.rows("SELECT id, state, payload FROM jobs WHERE kind = 'mail.send'")
    mailbox = db.rows("SELECT recipients, subject FROM mailbox_messages")
    delivered = {}
    for recipients, subject in mailbox:
        delivered[(recipients.lower(), subject)] = delivered.get((recipients.lower(), subject), 0) + 1
    for job, state, payload in mails:
        if state == "dead" or (state != "done" and args.settle):
            problems.append("mail job %s is %s" % (job, state))
        if state != "done":
            continue
        message = json.loads(payload)
        subject = message.get("subject", "")
        addresses = [to.get("address", to.get("email", "")) if isinstance(to, dict) else str(to) for to in message.get("to", [])]
        if not any(s == subject and any(a.lower() in r for a in addresses) for (r, s) in delivered):
            problems.append("mail job %s (« %s » to %s) is not in the mailbox" % (job, subject, addresses))
    done_mails = sum(1 for _, state, _ in mails if state == "done")
    if args.mail == "exact" and len(mailbox) != done_mails:
        twice = [(k, n) for k, n in delivered.items() if n > 1]
        problems.append("mailbox holds %d messages for %d sent mail jobs (twice: %s)" % (len(mailbox), done_mails, twice[:5]))

    # redemptions seen by the load client
    if args.redemptions:
        confirmed = {}
        with open(args.redemptions) as handle:
            for line in handle:
                entry = json.loads(line)
                if entry.get("confirmed"):
                    confirmed[entry["key"]] = int(entry["amount"])
        rows = db.rows("SELECT idempotency_key, amount_cents FROM card_transactions WHERE kind = 'redemption' AND idempotency_key LIKE '%s%%'"
                       % args.key_prefix.replace("'", "''"))
        seen = {}
        for key, amount in rows:
            if key in seen:
                problems.append("redemption %s appears twice in the ledger" % key)
            seen[key] = -int(amount)
        missing = [k for k in confirmed if k not in seen]
        phantom = [k for k in seen if k not in confirmed]
        differ = [k for k in confirmed if k in seen and seen[k] != confirmed[k]]
        if missing:
            problems.append("%d confirmed redemptions missing from the ledger (e.g. %s)" % (len(missing), missing[:3]))
        if phantom:
            problems.append("%d ledger redemptions the client never saw confirmed (e.g. %s)" % (len(phantom), phantom[:3]))
        if differ:
            problems.append("%d redemptions with another amount in the ledger" % len(differ))
        print("redemptions: %d confirmed by the client, %d in the ledger" % (len(confirmed), len(seen)))

    print("cards %d, ledger rows %d, orders %s, jobs %s, mail jobs %d, mailbox %d" %
          (cards, ledger, statuses, jobs, len(mails), len(mailbox)))
    if problems:
        for problem in problems:
            print("INVARIANT BROKEN: " + problem, file=sys.stderr)
        sys.exit(1)
    print("invariants hold: ledger sums, no negative balance, one card set per order, jobs done, "
          + ("each e-mail delivered once" if args.mail == "exact" else "every queued e-mail delivered"))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("database")
    parser.add_argument("--settle", type=float, default=0)
    parser.add_argument("--mail", choices=["exact", "at-least-once"], default="exact")
    parser.add_argument("--redemptions")
    parser.add_argument("--key-prefix", default="")
    check(parser.parse_args())


if __name__ == "__main__":
    main()
