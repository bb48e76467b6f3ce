#!/usr/bin/env python3
"""The whole customer journey in headless Chromium over WebDriver (selenium + chromium-driver).

A new employee registers, opens the verification link from the built-in mailbox, the CSE manager
approves the account, the employee orders two cards, pays in the sandbox provider with the 3-D
Secure test card, waits for « Validé » then « Activé », downloads the e-card PDF (its barcode must
decode with pdftoppm + zbarimg to the card's number), opens the phone view and sends the card by
e-mail, then downloads « Mes données » and checks the ZIP's contents; the operator logs in with a second
factor, refunds the order through its confirmation page, reads the liability page and downloads
the FEC (every entry balanced, the credit note in it). A screenshot of every step
lands in --shots; any broken expectation exits 1.

    e2e_browser.py --base http://127.0.0.1:18401 --shots DIR [--also http://OTHER-INSTANCE]

--also: after logging in through --base, the session cookie must open the personal space on that
other address too (two instances behind nginx share sessions through the database).
Prints one JSON line `{"email":…, "order":…, "cards":[…]}` last, for the invariant checks.
"""

import argparse
import base64
import hashlib
import hmac
import json
import struct
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
import zipfile

from selenium import webdriver
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

PASSWORD = "une phrase de passe solide"
DEMO_PASSWORD = "boutique-demo"


class JourneyError(Exception):
    pass


class Journey:
    def __init__(self, base, shots, timeout):
        self.base = base.rstrip("/")
        self.shots = shots
        self.timeout = timeout
        self.step = 0
        self.downloads = tempfile.mkdtemp(prefix="boutique-e2e-dl.")
        options = Options()
        options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
        for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--window-size=1280,1000", "--lang=fr-FR", "--no-first-run"):
            options.add_argument(flag)
        options.add_experimental_option("prefs", {
            "download.default_directory": self.downloads, "download.prompt_for_download": False,
            "plugins.always_open_pdf_externally": True})
        service = Service(shutil.which("chromedriver") or "/usr/bin/chromedriver")
        self.driver = webdriver.Chrome(options=options, service=service)
        self.driver.set_page_load_timeout(60)
        self.driver.execute_cdp_cmd("Page.setDownloadBehavior", {"behavior": "allow", "downloadPath": self.downloads})

    # -- helpers -------------------------------------------------------------------------------
    def log(self, text):
        print("[browser %5.1fs] %s" % (time.time() - START, text), flush=True)

    def shot(self, name):
        self.step += 1
        path = os.path.join(self.shots, "%02d-%s.png" % (self.step, name))
        self.driver.save_screenshot(path)
        self.log("screenshot %s" % path)

    def open(self, path):
        self.driver.get(path if path.startswith("http") else self.base + path)
        return self.driver.page_source

    def expect(self, condition, message):
        if not condition:
            self.shot("FAILED")
            raise JourneyError(message + " (page %s)" % self.driver.current_url)

    def fill(self, field_id, value):
        element = self.driver.find_element(By.ID, field_id)
        if element.tag_name == "select":
            Select(element).select_by_value(value)
        else:
            element.clear()
            element.send_keys(value)

    def submit(self, form_xpath):
        self.click(self.driver.find_element(By.XPATH, form_xpath + "//button[@type='submit']"))

    def click(self, element):
        """Clicks and waits for the next page to load (a click returns before the navigation).

        The old page is marked with a window variable and the wait polls for a complete document
        without it. Waiting for the old <html> element to go stale instead was flaky: while the
        page unloads ChromeDriver may answer "Node with given id does not belong to the document",
        an unknown error rather than a stale reference, which ended the journey. Errors of a
        script run mid-navigation are retried."""
        self.driver.execute_script("window.__e2eBeforeClick = true")
        element.click()
        WebDriverWait(self.driver, 60, ignored_exceptions=(WebDriverException,)).until(
            lambda d: d.execute_script("return window.__e2eBeforeClick !== true && document.readyState === 'complete'"))

    def wait_for(self, description, predicate, timeout=None, reload=None):
        deadline = time.time() + (timeout or self.timeout)
        while time.time() < deadline:
            if reload:
                self.open(reload)
            if predicate(self.driver.page_source):
                return self.driver.page_source
            time.sleep(0.3)
        self.shot("TIMEOUT")
        raise JourneyError("timed out waiting for %s (page %s)" % (description, self.driver.current_url))

    def log_in(self, email, password):
        self.driver.delete_all_cookies()
        self.open("/connexion")
        self.fill("email", email)
        self.fill("password", password)
        self.submit("//form[@action='/connexion']")
        self.expect("/connexion" not in self.driver.current_url, "login of %s refused" % email)

    def mailbox_message(self, recipient, subject_part):
        """Opens the newest mailbox message to `recipient` whose subject contains `subject_part`."""
        def find(page):
            return re.search(r'<td>[^<]*%s[^<]*</td><td><a href="(/_dev/mailbox/\d+)">[^<]*%s' %
                             (re.escape(recipient), re.escape(subject_part)), page)
        page = self.wait_for("the e-mail « %s » to %s" % (subject_part, recipient), lambda p: find(p) is not None,
                             reload="/_dev/mailbox")
        self.open(find(page).group(1))
        return self.driver.page_source

    # -- the journey ---------------------------------------------------------------------------
    def run(self, also):
        email = "e2e.%d.%d@alpha.test" % (int(time.time()), os.getpid())
        self.log("registering %s from CSE Alpha's shop" % email)
        self.open("/cse/alpha")
        self.click(self.driver.find_element(By.XPATH, "//a[@href='/compte/creer?cse=alpha']"))
        self.expect("Mon CSE : <strong>CSE Alpha" in self.driver.page_source, "the registration does not name CSE Alpha")
        self.expect(not self.driver.find_elements(By.ID, "tenant") or
                    self.driver.find_element(By.ID, "tenant").get_attribute("type") == "hidden", "the registration lists CSEs")
        self.fill("civility", "Mme")
        self.fill("firstName", "Camille")
        self.fill("lastName", "Navigateur")
        self.fill("email", email)
        self.fill("phone", "06 12 34 56 78")
        self.fill("password", PASSWORD)
        self.fill("passwordConfirmation", PASSWORD)
        self.fill("identificationKey", "0")
        self.shot("register-form")
        self.submit("//form[@action='/compte/creer']")
        self.expect("bien été prise en compte" in self.driver.page_source, "registration not accepted")
        self.shot("registered")

        message = self.mailbox_message(email, "Validez la création de votre compte")
        self.shot("mailbox-verification")
        link = re.search(r'https?://[^\s"<>]+/compte/valider[^\s"<>]*', message)
        self.expect(link is not None, "no verification link in the e-mail")
        verify = link.group(0).replace("&amp;", "&")
        verify = self.base + verify[verify.index("/compte/valider"):]
        self.open(verify)
        self.expect("attend maintenant la validation de votre CSE" in self.driver.page_source, "verification failed")
        self.shot("verified")

        self.log("the manager approves")
        self.log_in("gestion.alpha@demo.test", DEMO_PASSWORD)
        self.open("/gestion/comptes")
        row = "//tr[contains(., '%s')]" % email
        self.expect(self.driver.find_elements(By.XPATH, row), "the pending account is not in /gestion/comptes")
        self.shot("manager-pending")
        self.click(self.driver.find_element(By.XPATH, row + "//form[contains(@action, '/valider')]//button"))
        self.expect(email not in self.driver.page_source or "validé" in self.driver.page_source, "approval failed")
        self.shot("manager-approved")
        self.mailbox_message(email, "Votre compte est validé")

        self.log("the employee orders two cards")
        self.log_in(email, PASSWORD)
        if also:
            self.check_session_elsewhere(also)
        self.open("/catalogue")
        self.shot("catalogue")
        for amount in ("50", "20"):
            self.open("/produits/e-carte-economies")
            self.fill("amount", amount)
            self.fill("quantity", "1")
            self.submit("//form[@action='/panier/lignes']")
        self.open("/panier")
        # Chromium serialises the no-break space of « 50,00 € » as &nbsp;.
        cart = self.driver.page_source.replace("&nbsp;", "\u00a0")
        self.expect("50,00\u00a0€" in cart and "20,00\u00a0€" in cart and "66,50\u00a0€" in cart,
                    "the cart does not hold 50 € + 20 € at 5 % off (66,50\u00a0€)")
        self.shot("cart")
        self.driver.find_element(By.ID, "terms").click()
        self.submit("//form[@action='/commandes']")
        self.expect("/paiement" in self.driver.current_url, "the order did not lead to its payment page")
        order = re.search(r"CMD-\d+", self.driver.page_source)
        self.expect(order is not None, "no order reference on the payment page")
        order = order.group(0)
        self.shot("order-payment")
        self.submit("//form[contains(@action, '/payer')]")
        self.expect("/_sandbox/psp" in self.driver.current_url, "not on the sandbox provider's page")
        self.fill("card_number", "4970 1000 0000 0014")
        self.fill("expiry", "12/30")
        self.fill("cvv", "123")
        self.shot("sandbox-card")
        self.click(self.driver.find_element(By.XPATH, "//form[contains(@class,'card-form')]//button"))
        code = self.driver.find_element(By.ID, "sms-code").text.strip()
        self.expect(re.fullmatch(r"\d{6}", code) is not None, "no 3-D Secure code shown")
        self.fill("code", code)
        self.shot("sandbox-3ds")
        self.click(self.driver.find_element(By.XPATH, "//input[@id='code']/ancestor::form//button"))
        self.expect(self.base in self.driver.current_url, "the provider did not send the browser back to the shop")
        self.shot("payment-result")

        self.log("waiting for « Validé » then « Activé » of %s" % order)
        order_row = "Commande N° %s" % order
        self.wait_for("« Validé »", lambda p: order_row in p and re.search(r">\s*Validé\s*<", p) is not None,
                      reload="/compte/commandes")
        self.shot("order-validated")
        self.wait_for("« Activé »", lambda p: order_row in p and "Activé" in p, reload="/compte/commandes")
        self.shot("order-activated")

        self.open("/compte/cartes")
        card_ids = list(dict.fromkeys(re.findall(r"/compte/cartes/([0-9A-Fa-f-]{36})/telephone", self.driver.page_source)))
        self.expect(len(card_ids) == 2, "expected the order's 2 cards in /compte/cartes, found %d" % len(card_ids))
        self.shot("cards")
        card = card_ids[0]

        self.log("phone view")
        self.driver.set_window_size(390, 844)
        self.open("/compte/cartes/%s/telephone" % card)
        number = self.driver.find_element(By.CLASS_NAME, "phone-number").text.replace(" ", "")
        self.expect(re.fullmatch(r"\d{12,19}", number) is not None, "no card number on the phone view")
        self.expect(not self.driver.find_elements(By.CLASS_NAME, "site-header"), "the till view shows the site's header")
        width = self.driver.execute_script("return document.documentElement.scrollWidth")
        self.expect(width <= 390, "the till view is %d px wide at 390 px" % width)
        self.shot("phone-view")
        # The till view registers its service worker, which keeps the page for the next time offline.
        scope = self.driver.execute_async_script(
            "var done = arguments[0]; navigator.serviceWorker.ready.then(function (r) { done(r.scope); });"
            " setTimeout(function () { done(null); }, 10000);")
        self.expect(scope is not None and scope.endswith("/compte/cartes/"), "no service worker for the till view (%r)" % scope)
        self.driver.refresh()  # now through the worker, which keeps a copy
        time.sleep(0.5)
        self.driver.set_network_conditions(offline=True, latency=0, download_throughput=0, upload_throughput=0)
        try:
            self.driver.refresh()
            offline = self.driver.find_elements(By.CLASS_NAME, "phone-number")
            self.expect(offline and offline[0].text.replace(" ", "") == number, "the till view does not open offline")
            self.shot("phone-view-offline")
        finally:
            self.driver.set_network_conditions(offline=False, latency=0, download_throughput=-1, upload_throughput=-1)
        self.driver.set_window_size(1280, 1000)

        self.log("downloading the e-card PDF")
        self.open("/compte/cartes")
        self.driver.find_element(By.XPATH, "//a[@href='/compte/cartes/%s/e-carte.pdf']" % card).click()
        pdf = self.wait_download()
        decoded = decode_barcodes(pdf)
        self.log("zbarimg read %s" % decoded)
        self.expect(number in decoded, "the PDF's barcode (%s) is not the card number %s" % (decoded, number))
        self.shot("pdf-downloaded")

        self.log("sending the card by e-mail")
        recipient = "ami.%d@exemple.test" % os.getpid()
        self.open("/compte/cartes/%s#envoyer" % card)
        self.fill("email", recipient)
        self.fill("name", "Dominique Ami")
        self.fill("message", "Joyeux anniversaire !")
        self.shot("send-form")
        self.submit("//form[contains(@action, '/envoyer')]")
        self.shot("sent")
        self.mailbox_message(recipient, "vous envoie une e-Carte")
        self.shot("mailbox-card-sent")
        self.download_my_data(email, order, number, recipient)
        return {"email": email, "order": order, "cards": card_ids, "recipient": recipient}

    def operator_second_factor(self):
        """The operator's second factor: set up when the shop requires it (BOUTIQUE_OPERATOR_2FA=
        required sends the first login to the set-up page) or else from « Sécurité », confirmed with
        a code computed from the key the page shows; the ten recovery codes are shown once; then a
        new login opens with one of them, and the owner is told by e-mail. Leaves the operator
        logged in."""
        self.log("the operator sets up the second factor and logs in with a recovery code")
        self.log_in("operateur@demo.test", DEMO_PASSWORD)
        if "/compte/securite" not in self.driver.current_url:
            self.open("/compte/securite")
        else:
            self.expect("obligatoire" in self.driver.page_source, "the set-up page does not say the second factor is required")
            self.shot("operator-2fa-required")
        if not self.driver.find_elements(By.ID, "totp-key"):
            self.submit("//form[@action='/compte/securite/activer']")
        key = self.driver.find_element(By.ID, "totp-key").text.strip()
        self.expect(self.driver.find_elements(By.CSS_SELECTOR, ".qr-code svg"), "no QR code on the set-up page")
        self.shot("operator-2fa-setup")
        self.fill("code", totp(key))
        self.submit("//form[@action='/compte/securite/confirmer']")
        codes = [c.text.strip() for c in self.driver.find_elements(By.CSS_SELECTOR, "ol.recovery-codes code")]
        self.expect(len(codes) == 10, "expected 10 recovery codes, found %d" % len(codes))
        self.shot("operator-2fa-codes")
        self.submit("//form[@action='/deconnexion']")
        self.open("/connexion")
        self.fill("email", "operateur@demo.test")
        self.fill("password", DEMO_PASSWORD)
        self.submit("//form[@action='/connexion']")
        self.expect("/connexion/code" in self.driver.current_url, "the login does not ask for the second factor")
        self.fill("code", codes[3].upper())
        self.shot("operator-2fa-recovery")
        self.submit("//form[@action='/connexion/code']")
        self.expect("/connexion" not in self.driver.current_url, "the recovery code did not open the session")
        self.open("/admin")
        self.expect("/connexion" not in self.driver.current_url, "the operator console is not open after the recovery code")
        self.mailbox_message("operateur@demo.test", "Un code de secours a été utilisé")
        self.shot("operator-2fa-recovery-mail")

    def refund_through_confirmation(self, order):
        """The operator refunds `order` through its confirmation page: the page states each card,
        its balance and the amount back to the bank, nothing moves before the confirmation; then
        the order is « Remboursée » and the provider's refund is recorded."""
        self.log("the operator refunds %s through its confirmation page" % order)
        self.open("/admin/commandes?q=%s" % order)
        self.click(self.driver.find_element(By.XPATH, "//a[text()='%s']" % order))
        self.click(self.driver.find_element(By.XPATH, "//a[contains(@href, '/rembourser')]"))
        page = self.driver.page_source
        self.expect("Rembourser la commande %s ?" % order in page, "no refund confirmation page")
        self.expect(len(re.findall(r"<code>…\d{4}</code>", page)) == 2, "the confirmation page does not list the order's 2 cards")
        amount = re.search(r"Confirmer le remboursement de ([0-9\u202f]+,[0-9]{2})(?:&nbsp;|\u00a0)€", page)
        self.expect(amount is not None, "the confirmation page states no amount")
        self.shot("refund-confirmation")
        detail = self.open(self.driver.current_url.replace("/rembourser", ""))
        self.expect("Aucun remboursement." in detail and "Activé" in detail, "something moved before the confirmation")
        self.driver.back()
        self.submit("//form[contains(@action, '/rembourser')]")
        self.expect("La commande est remboursée." in self.driver.page_source, "the refund was not confirmed")
        self.wait_for("the provider's refund", lambda p: "<td>Remboursé</td>" in p, reload=self.driver.current_url)
        self.shot("refund-done")
        self.log("the refund's credit note")
        for old in os.listdir(self.downloads):
            os.remove(os.path.join(self.downloads, old))
        self.driver.find_element(By.XPATH, "//a[contains(@href, '/avoir')]").click()
        text = subprocess.run(["pdftotext", "-layout", self.wait_download(), "-"], capture_output=True, text=True, check=True).stdout
        euros = amount.group(1).replace("\u202f", "")
        self.expect("AVOIR" in text and "Facture rectifiée : FAC-" in text and ("Commande N° %s" % order) in text,
                    "the credit note does not name the invoice and the order it corrects")
        self.expect(euros in text, "the credit note does not state the refunded %s €" % amount.group(1))
        return amount.group(1) + " €"

    def download_my_data(self, email, order, number, recipient):
        """« Mes données »: after the password the ZIP downloads; it must be a sound archive that
        holds what this journey did (profile, order and invoice, both cards masked, the sending, the
        e-mails), documented in LISEZMOI.txt, and never the card's full number."""
        self.log("downloading « Mes données »")
        self.open("/compte/mes-donnees")
        self.fill("password", PASSWORD)
        self.shot("my-data")
        # A download does not navigate: a plain click, then the file.
        self.driver.find_element(By.XPATH, "//form[@action='/compte/mes-donnees']//button[@type='submit']").click()
        path = self.wait_file(".zip", "the « Mes données » ZIP")
        with zipfile.ZipFile(path) as archive:
            self.expect(archive.testzip() is None, "a damaged entry in the ZIP")
            names = archive.namelist()
            for name in ["LISEZMOI.txt", "profil.json", "commandes.json", "cartes.json", "mouvements.csv", "envois.json",
                         "emails.json", "journal.json"]:
                self.expect(name in names, "%s missing from the ZIP (%s)" % (name, names))
            read = lambda name: json.loads(archive.read(name).decode("utf-8"))
            profile, orders, cards = read("profil.json"), read("commandes.json"), read("cartes.json")
            self.expect(profile["email"] == email and profile["prenom"] == "Camille" and profile["nom"] == "Navigateur",
                        "profil.json is not this employee's: %s" % profile)
            self.expect([o["numero"] for o in orders] == [order], "commandes.json lists %s, not %s" % (orders, order))
            invoice = orders[0].get("fichier_facture")
            self.expect(invoice in names and archive.read(invoice)[:5] == b"%PDF-", "the invoice PDF is missing")
            self.expect(len(cards) == 2 and all("XXXX" in c["numero_masque"] for c in cards), "cartes.json: %s" % cards)
            self.expect(any(c["numero_masque"].endswith(number[-4:]) for c in cards), "the sent card is not in cartes.json")
            self.expect([s["destinataire_email"] for s in read("envois.json")] == [recipient], "envois.json lacks the sending")
            subjects = [m["objet"] for m in read("emails.json")]
            self.expect(any("Validez la création" in s for s in subjects), "emails.json lacks the verification: %s" % subjects)
            readme = archive.read("LISEZMOI.txt").decode("utf-8")
            undescribed = [n for n in names if n != "LISEZMOI.txt" and n.split("/")[0] not in readme]
            self.expect(not undescribed, "LISEZMOI.txt does not describe %s" % undescribed)
            self.expect(all(number.encode() not in archive.read(n) for n in names), "the full card number is in the ZIP")
            self.log("« Mes données »: %d files, %d cards, %d e-mails" % (len(names), len(cards), len(subjects)))
        self.shot("my-data-downloaded")

    def wait_file(self, suffix, what):
        deadline = time.time() + 30
        while time.time() < deadline:
            done = [f for f in os.listdir(self.downloads) if f.endswith(suffix)]
            if done:
                time.sleep(0.2)
                return os.path.join(self.downloads, done[0])
            time.sleep(0.2)
        raise JourneyError("%s was not downloaded" % what)

    def check_session_elsewhere(self, other):
        """The session cookie set through --base opens the personal space on `other` too."""
        cookie = self.driver.get_cookie("boutique_session")
        self.expect(cookie is not None, "no boutique_session cookie after login")
        for base in [self.base] + other:
            request = urllib.request.Request(base.rstrip("/") + "/compte",
                                             headers={"Cookie": "boutique_session=" + cookie["value"]})
            with urllib.request.urlopen(request, timeout=20) as reply:
                page = reply.read().decode("utf-8", "replace")
            self.expect(reply.status == 200 and "Camille" in page and "/connexion" not in reply.url,
                        "the session does not open /compte on %s" % base)
            self.log("session valid on %s" % base)

    def wait_download(self, suffix=".pdf", magic=b"%PDF-"):
        deadline = time.time() + 30
        while time.time() < deadline:
            done = [f for f in os.listdir(self.downloads) if f.endswith(suffix)]
            if done:
                path = os.path.join(self.downloads, done[0])
                time.sleep(0.2)
                with open(path, "rb") as handle:
                    self.expect(handle.read(len(magic)) == magic, "the download %s does not start with %r" % (done[0], magic))
                return path
            time.sleep(0.2)
        raise JourneyError("no %s file was downloaded" % suffix)

    def accounting_after_refund(self, order):
        """The operator reads the cards' liability at today's end (the refunded cards count as
        refunded) and downloads the FEC of the day: 18 fields, every entry balanced, the refund's
        credit note among the sales entries."""
        self.log("the operator's liability page and FEC after the refund of %s" % order)
        page = self.open("/admin/encours")
        self.expect("Encours des e-Cartes" in page and "Remboursé" in page, "no liability page")
        self.shot("liability")
        self.driver.set_window_size(360, 800)
        width = self.driver.execute_script("return document.documentElement.scrollWidth")
        self.shot("liability-phone")
        self.driver.set_window_size(1280, 1000)
        self.expect(width <= 360, "the liability page is %d px wide at 360 px" % width)
        for old in os.listdir(self.downloads):
            os.remove(os.path.join(self.downloads, old))
        # A download is no navigation: a plain click, not `submit` (which waits for a new page).
        self.driver.find_element(By.XPATH, "//form[@action='/admin/exports/fec.txt']//button[@type='submit']").click()
        path = self.wait_download(".txt", b"JournalCode\t")
        with open(path, "rb") as handle:
            lines = [line.split("\t") for line in handle.read().decode("iso-8859-15").split("\r\n") if line]
        self.expect(all(len(line) == 18 for line in lines), "a FEC line does not have 18 fields")
        entries = {}
        for line in lines[1:]:
            debit, credit = (int(field.replace(",", "")) for field in (line[11], line[12]))
            entries.setdefault(line[2], [0, 0])
            entries[line[2]][0] += debit
            entries[line[2]][1] += credit
        self.expect(entries and all(d == c for d, c in entries.values()), "an entry of the FEC is not balanced")
        self.expect(any(line[0] == "VT" and line[10].startswith("Avoir sur FAC-") for line in lines),
                    "the refund's credit note is not in the FEC")
        self.expect(any(line[0] == "CB" and line[10].startswith("Remboursement commande %s" % order) for line in lines),
                    "the provider's refund of %s is not in the FEC" % order)
        self.log("FEC: %d entries, balanced" % len(entries))


def totp(key, offset=0):
    """RFC 6238: the 6-digit code of the 30-second step, from the base32 key the page shows."""
    secret = base64.b32decode(key.replace(" ", "").upper() + "=" * (-len(key.replace(" ", "")) % 8))
    digest = hmac.new(secret, struct.pack(">Q", int(time.time() + offset) // 30), hashlib.sha1).digest()
    start = digest[-1] & 0x0F
    return "%06d" % ((struct.unpack(">I", digest[start:start + 4])[0] & 0x7FFFFFFF) % 1_000_000)


def decode_barcodes(pdf):
    folder = tempfile.mkdtemp(prefix="boutique-e2e-pdf.")
    subprocess.run(["pdftoppm", "-r", "300", "-png", pdf, os.path.join(folder, "page")], check=True)
    found = []
    for image in sorted(os.listdir(folder)):
        reply = subprocess.run(["zbarimg", "--quiet", "--raw", os.path.join(folder, image)], capture_output=True, text=True)
        found += [line.strip() for line in reply.stdout.splitlines() if line.strip()]
    shutil.rmtree(folder, ignore_errors=True)
    return found


START = time.time()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", required=True)
    parser.add_argument("--shots", required=True)
    parser.add_argument("--also", action="append", default=[], help="another address the session must work on")
    parser.add_argument("--timeout", type=float, default=90)
    args = parser.parse_args()
    os.makedirs(args.shots, exist_ok=True)
    journey = Journey(args.base, args.shots, args.timeout)
    try:
        result = journey.run(args.also)
        journey.operator_second_factor()
        result["refunded"] = journey.refund_through_confirmation(result["order"])
        journey.accounting_after_refund(result["order"])
    except (JourneyError, WebDriverException, subprocess.CalledProcessError) as error:
        print("BROWSER JOURNEY FAILED: %s" % error, file=sys.stderr, flush=True)
        sys.exit(1)
    finally:
        journey.driver.quit()
        shutil.rmtree(journey.downloads, ignore_errors=True)
    journey.log("journey complete in %.1fs; screenshots in %s" % (time.time() - START, args.shots))
    print(json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
