import BoutiqueShop
import Foundation

/// The OpenAPI document and its short French reference page.
enum POSDocument {
    static func load() throws -> String {
        guard let url = Bundle.module.url(forResource: "openapi", withExtension: "yaml") else {
            throw POSInternalError(CocoaError(.fileNoSuchFile))
        }
        return try String(contentsOf: url, encoding: .utf8)
    }

    static let referencePage: String = {
        let errors = CardRefusal.allCases.map { refusal in
            "<tr><td><code>\(refusal.rawValue)</code></td><td>\(refusal.httpStatus)</td><td>\(refusal.detail)</td></tr>"
        }.joined(separator: "\n")
        return """
        <!doctype html>
        <html lang="fr"><head><meta charset="utf-8"><title>API des caisses — référence</title>
        <style>body{font-family:system-ui,sans-serif;max-width:52rem;margin:2rem auto;padding:0 1rem;line-height:1.5}
        code,pre{background:#f3f3f3;padding:.1rem .3rem}pre{padding:.8rem;overflow:auto}table{border-collapse:collapse}
        td,th{border:1px solid #ccc;padding:.3rem .5rem;text-align:left}</style></head>
        <body>
        <h1>API des caisses (POS) — v1</h1>
        <p>Le contrat complet est le document OpenAPI : <a href="/api/pos/v1/openapi.yaml">/api/pos/v1/openapi.yaml</a>.</p>
        <h2>Authentification</h2>
        <p>En-tête <code>Authorization: Bearer &lt;clé&gt;</code>. Une clé appartient à un client de caisse (une enseigne)
        et à ses codes magasin ; elle est créée par <code>boutique pos-client create</code> et affichée une seule fois.</p>
        <h2>Opérations</h2>
        <ul>
        <li><code>POST /api/pos/v1/card-lookups</code> <code>{"cardNumber"}</code> → solde, devise, état, dernier jour de validité, rayons exclus.</li>
        <li><code>POST /api/pos/v1/redemptions</code> (en-tête <code>Idempotency-Key</code> obligatoire)
        <code>{"cardNumber","pin"?,"amount","currency","storeCode","category"?,"reference"?}</code> → <code>201</code>
        <code>{"redemptionId","amount","balanceAfter","cardLast4","createdAt"}</code>.</li>
        <li><code>POST /api/pos/v1/redemptions/{redemptionId}/reversal</code> (avec <code>Idempotency-Key</code>) → <code>201</code>
        <code>{"reversalId","amount","balanceAfter"}</code> ; un débit n'est annulé qu'une fois.</li>
        </ul>
        <p>Les montants sont des centimes d'euro entiers. Le numéro de carte et le PIN ne voyagent que dans le corps des
        requêtes, jamais dans l'URL. Rejouer la même clé d'idempotence avec le même corps renvoie la première réponse sans
        débiter à nouveau ; la même clé avec un autre corps est refusée (<code>idempotency_conflict</code>).</p>
        <pre>curl -X POST http://127.0.0.1:8080/api/pos/v1/redemptions \\
          -H "Authorization: Bearer $CLE" -H "Idempotency-Key: $(uuidgen)" -H "Content-Type: application/json" \\
          -d '{"cardNumber":"5032…","amount":700,"currency":"EUR","storeCode":"DEMO-0001"}'</pre>
        <h2>Erreurs</h2>
        <p>Format <code>application/problem+json</code> ; le champ <code>type</code> se termine par le code.</p>
        <table><tr><th>code</th><th>statut</th><th>détail</th></tr>
        \(errors)
        </table>
        </body></html>
        """
    }()
}
