#!/usr/bin/env python3
"""A scripted shop customer over plain HTTP (cookie jar, CSRF double-submit, no JavaScript), for the
crash and load scripts.

    shop_client.py login --base URL --email E [--password P] [--cart]
        prints the `Cookie:` value of a logged-in session (with --cart: one line in the cart)
    shop_client.py order --base URL --email E [--password P] --line EUROS:QTY [--line …]
        fills the cart, orders, pays in the sandbox with the plain test card (no 3-D Secure) and
        prints `REFERENCE ORDER-ID`
"""

import argparse
import http.cookiejar
import re
import sys
import urllib.error
import urllib.parse
import urllib.request

DEMO_PASSWORD = "boutique-demo"
PRODUCT_PAGE = "/produits/e-carte-economies"


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Shop:
    def __init__(self, base):
        self.base = base.rstrip("/")
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), NoRedirect())

    def request(self, path, form=None):
        url = path if path.startswith("http") else self.base + path
        data = urllib.parse.urlencode(form).encode() if form is not None else None
        try:
            reply = self.opener.open(urllib.request.Request(url, data=data), timeout=30)
        except urllib.error.HTTPError as error:
            reply = error
        body = reply.read().decode("utf-8", "replace")
        return reply.status, reply.headers.get("Location"), body

    def cookie(self, name):
        return next((c.value for c in self.jar if c.name == name), None)

    def post(self, path, form):
        form = dict(form)
        form.setdefault("_csrf", self.cookie("boutique_csrf") or "")
        return self.request(path, form)

    def expect(self, condition, message):
        if not condition:
            sys.exit("shop_client: " + message)

    def log_in(self, email, password):
        self.request("/connexion")
        status, location, _ = self.post("/connexion", {"email": email, "password": password})
        self.expect(status == 303, "login of %s refused (%s)" % (email, status))

    def add(self, euros, quantity):
        _, _, page = self.request(PRODUCT_PAGE)
        product = re.search(r'name="product" value="([^"]+)"', page)
        self.expect(product is not None, "no product form on " + PRODUCT_PAGE)
        status, _, body = self.post("/panier/lignes", {"product": product.group(1), "amount": euros, "quantity": quantity})
        self.expect(status == 303, "adding %s € × %s refused (%s)" % (euros, quantity, status))

    def order(self, lines, card):
        for euros, quantity in lines:
            self.add(euros, quantity)
        status, location, _ = self.post("/commandes", {"terms": "on"})
        self.expect(status == 303 and location, "the order was refused (%s)" % status)
        order_path = location.split("?")[0].replace("/paiement", "")
        order_id = order_path.rstrip("/").split("/")[-1]
        status, pay_url, _ = self.post(order_path + "/payer", {})
        self.expect(status == 303 and pay_url, "no payment page (%s)" % status)
        _, _, page = self.request(pay_url)
        reference = re.search(r"CMD-\d+", page)
        csrf = re.search(r'name="csrf" value="([^"]+)"', page)
        self.expect(reference is not None and csrf is not None, "not the sandbox's payment page")
        status, back, _ = self.request(pay_url, {"csrf": csrf.group(1), "card_type": "VISA", "card_number": card,
                                                 "expiry": "12/30", "cvv": "123"})
        self.expect(status in (302, 303) and back, "the sandbox refused the card (%s)" % status)
        self.request(back)
        return reference.group(0), order_id


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("command", choices=["login", "order"])
    parser.add_argument("--base", required=True)
    parser.add_argument("--email", required=True)
    parser.add_argument("--password", default=DEMO_PASSWORD)
    parser.add_argument("--line", action="append", default=[])
    parser.add_argument("--card", default="4970100000000006")
    parser.add_argument("--cart", action="store_true")
    args = parser.parse_args()
    shop = Shop(args.base)
    shop.log_in(args.email, args.password)
    if args.command == "login":
        if args.cart:
            shop.add("50", "1")
        print("; ".join("%s=%s" % (c.name, c.value) for c in shop.jar))
    else:
        lines = [tuple(item.split(":")) for item in args.line] or [("50", "1"), ("20", "1")]
        reference, order_id = shop.order(lines, args.card)
        print(reference, order_id)


if __name__ == "__main__":
    main()
