#!/usr/bin/env python3
"""Proves that e2e_check.py bites: on copies of a SQLite shop database where the invariants hold,
breaks one invariant at a time and expects e2e_check.py to exit 1 naming it.

    e2e_check_selftest.py /path/to/shop.sqlite        (scripts/e2e-browser runs it after its journey)
"""

import os
import sqlite3
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))

BREAKS = [
    ("a card's balance moved without its ledger row", "ledger sum",
     "UPDATE cards SET balance_cents = balance_cents + 100 WHERE id = (SELECT id FROM cards ORDER BY id LIMIT 1)"),
    ("a card spent below zero", "negative balance_after",
     "INSERT INTO card_transactions (id, card_id, kind, amount_cents, balance_after_cents, created_at) "
     "SELECT 'selftest-1', id, 'redemption', 0, -1, 0 FROM cards ORDER BY id LIMIT 1"),
    ("an order line issued twice", "cards for quantity",
     "INSERT INTO cards (id, tenant_id, owner_id, order_line_id, line_index, number_hash, number_sealed, pin_sealed, last4, "
     "face_value_cents, balance_cents, currency, event, usage_conditions, excluded_categories, status, issued_at, last_day, expires_at) "
     "SELECT 'selftest-card', tenant_id, owner_id, order_line_id, line_index + 100, randomblob(32), number_sealed, "
     "pin_sealed, last4, face_value_cents, balance_cents, currency, event, usage_conditions, excluded_categories, status, issued_at, "
     "last_day, expires_at FROM cards WHERE order_line_id IS NOT NULL ORDER BY id LIMIT 1; "
     "INSERT INTO card_transactions (id, card_id, kind, amount_cents, balance_after_cents, created_at) "
     "SELECT 'selftest-2', 'selftest-card', 'issue', balance_cents, balance_cents, 0 FROM cards WHERE id = 'selftest-card'"),
    ("an e-mail delivered twice", "mailbox holds",
     "INSERT INTO mailbox_messages (recipients, subject, message, created_at) "
     "SELECT recipients, subject, message, created_at FROM mailbox_messages ORDER BY id LIMIT 1"),
    ("a queued e-mail never delivered", "not in the mailbox",
     "DELETE FROM mailbox_messages WHERE id = (SELECT min(id) FROM mailbox_messages)"),
    ("a job that failed for good", "dead job",
     "UPDATE jobs SET state = 'dead', last_error = 'selftest' WHERE id = (SELECT min(id) FROM jobs)"),
]


def main():
    source = sys.argv[1]
    folder = tempfile.mkdtemp(prefix="boutique-check-selftest.")
    failures = 0
    for name, expected, statement in BREAKS:
        copy = os.path.join(folder, "broken.sqlite")
        for suffix in ("", "-wal", "-shm"):
            if os.path.exists(copy + suffix):
                os.remove(copy + suffix)
        origin = sqlite3.connect(source)
        target = sqlite3.connect(copy)
        origin.backup(target)
        origin.close()
        target.executescript(statement)
        target.commit()
        target.close()
        reply = subprocess.run([sys.executable, os.path.join(HERE, "e2e_check.py"), "sqlite://" + copy],
                               capture_output=True, text=True)
        caught = reply.returncode == 1 and expected in reply.stderr
        print("%s %-48s %s" % ("caught" if caught else "MISSED", name,
                                 (reply.stderr.strip().splitlines() or ["(no complaint)"])[0][:110]))
        failures += 0 if caught else 1
    if failures:
        sys.exit("e2e_check.py missed %d broken invariants" % failures)
    print("e2e_check.py caught each of the %d broken invariants" % len(BREAKS))


if __name__ == "__main__":
    main()
