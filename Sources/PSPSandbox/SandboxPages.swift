import BoutiqueCore
/// The hosted page's HTML, in French. Every value that comes from a request or the merchant is
/// escaped; the pages need no script.
struct SandboxPages: Sendable {
    let prefix: String

    /// The card form, with the order summary, the 3-D Secure warning and the test cards.
    func paymentPage(_ payment: SandboxPayment, error: String? = nil) -> String {
        let action = "\(prefix)/pay/\(payment.token)"
        return document(title: "Paiement sécurisé", body: """
            \(orderSummary(payment))
            <section aria-labelledby="card-title">
            <h2 id="card-title">Veuillez renseigner vos données de paiement</h2>
            \(errorBlock(error))
            <form method="post" action="\(escape(action))" class="card-form">
            <input type="hidden" name="csrf" value="\(escape(payment.formKey))">
            <fieldset class="brands">
            <legend>Type de carte</legend>
            <label><input type="radio" name="card_type" value="VISA" checked> VISA</label>
            <label><input type="radio" name="card_type" value="MasterCard"> MasterCard</label>
            </fieldset>
            <p><label for="card_number">Numéro de carte</label>
            <input id="card_number" name="card_number" type="text" inputmode="numeric" autocomplete="cc-number" required></p>
            <p><label for="expiry">Date d'expiration (MM/AA)</label>
            <input id="expiry" name="expiry" type="text" inputmode="numeric" autocomplete="cc-exp" placeholder="MM/AA" required></p>
            <p><label for="cvv">Cryptogramme</label>
            <input id="cvv" name="cvv" type="text" inputmode="numeric" autocomplete="cc-csc" maxlength="4" required aria-describedby="cvv-help">
            <small id="cvv-help">Les 3 chiffres au dos de votre carte.</small></p>
            <p><button type="submit">Valider le paiement de \(escape(SandboxFormat.amount(payment.amount, currency: payment.currency)))</button></p>
            </form>
            <form method="post" action="\(escape(action))/cancel">
            <input type="hidden" name="csrf" value="\(escape(payment.formKey))">
            <p><button type="submit" class="secondary">Annuler et revenir à la boutique</button></p>
            </form>
            </section>
            \(threeDSecureWarning)
            \(testCards)
            """)
    }

    /// The bank's 3-D Secure step: in the sandbox the "SMS" is shown on the page.
    func challengePage(_ payment: SandboxPayment, code: String) -> String {
        let action = "\(prefix)/pay/\(payment.token)/3ds"
        return document(title: "Authentification 3-D Secure", body: """
            \(orderSummary(payment))
            <section aria-labelledby="sms-title">
            <h2 id="sms-title">Vérification par SMS</h2>
            <p>Votre banque vous a envoyé un code par SMS pour confirmer le paiement avec la carte se terminant par
            \(escape(payment.cardLast4 ?? "····")).</p>
            <p class="sms">Simulateur — SMS reçu : « Votre code de confirmation est <strong id="sms-code">\(escape(code))</strong> ».</p>
            <form method="post" action="\(escape(action))">
            <input type="hidden" name="csrf" value="\(escape(payment.formKey))">
            <p><label for="code">Code reçu par SMS</label>
            <input id="code" name="code" type="text" inputmode="numeric" autocomplete="one-time-code" maxlength="6" required></p>
            <p><button type="submit">Confirmer</button></p>
            </form>
            <p>Un code erroné fait échouer le paiement.</p>
            </section>
            """)
    }

    /// A payment that can no longer be paid: finished, expired, or an unknown token.
    func messagePage(title: String, message: String, link: (url: String, label: String)? = nil) -> String {
        let back = link.map { "<p><a href=\"\(escape($0.url))\">\(escape($0.label))</a></p>" } ?? ""
        return document(title: title, body: """
            <section>
            <h2>\(escape(title))</h2>
            <p>\(escape(message))</p>
            \(back)
            </section>
            """)
    }

    private func orderSummary(_ payment: SandboxPayment) -> String {
        """
        <section aria-labelledby="order-title" class="order">
        <h2 id="order-title">Votre commande</h2>
        <dl>
        <dt>N° de commande :</dt><dd>\(escape(payment.orderReference))</dd>
        <dt>Total à payer :</dt><dd>\(escape(SandboxFormat.amount(payment.amount, currency: payment.currency)))</dd>
        <dt>Bénéficiaire :</dt><dd>\(escape(payment.beneficiary))</dd>
        </dl>
        </section>
        """
    }

    private var threeDSecureWarning: String {
        """
        <aside class="warning" aria-labelledby="warning-title">
        <p id="warning-title"><strong>Attention : le paiement par CB est sécurisé grâce au 3DS (vérification par SMS). Il peut être \
        très sensible, surtout lors du premier achat sur la boutique, et générer un refus de transaction.</strong></p>
        <ul>
        <li>s'assurer que mon N° de tel est bien enregistré à ma banque</li>
        <li>répondre au SMS rapidement, sans erreur</li>
        <li>utiliser une CB française</li>
        <li>ne pas dépasser le plafond autorisé</li>
        <li>en cas de refus de transaction, n'en faire qu'une et réessayer plus tard (1 heure ?)</li>
        </ul>
        </aside>
        """
    }

    private var testCards: String {
        let rows = TestCard.all.map { card in
            "<tr><td><code>\(card.grouped)</code></td><td>\(card.brand)</td><td>\(escape(card.label))</td></tr>"
        }.joined(separator: "\n")
        return """
        <section aria-labelledby="test-cards-title" class="test-cards">
        <h2 id="test-cards-title">Cartes de test du simulateur</h2>
        <table>
        <caption>Aucune carte réelle n'est acceptée ici. Date d'expiration : toute date future (MM/AA) ; cryptogramme : \
        3 chiffres au choix.</caption>
        <thead><tr><th scope="col">Numéro</th><th scope="col">Réseau</th><th scope="col">Résultat</th></tr></thead>
        <tbody>
        \(rows)
        </tbody>
        </table>
        </section>
        """
    }

    private func errorBlock(_ error: String?) -> String {
        guard let error else { return "" }
        return "<p class=\"error\" role=\"alert\">\(escape(error))</p>"
    }

    private func document(title: String, body: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="fr">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="robots" content="noindex">
        <title>\(escape(title)) — Simulateur de paiement</title>
        <link rel="stylesheet" href="\(escape(prefix))/assets/sandbox.css">
        </head>
        <body>
        <header><p class="banner">Simulateur de paiement (bac à sable) : aucune somme n'est débitée. \
        Ne saisissez jamais une vraie carte.</p></header>
        <main>
        <h1>\(escape(title))</h1>
        \(body)
        </main>
        </body>
        </html>
        """
    }

    func escape(_ text: String) -> String {
        SandboxFormat.escapeHTML(text)
    }
}
