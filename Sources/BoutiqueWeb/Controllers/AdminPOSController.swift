import BoutiqueCore
import BoutiqueShop
import Foundation
import Hummingbird

/// `/admin/caisses`: the retailers whose tills call the POS API, their store codes and keys.
/// A new key is shown once, on the page that answers its creation (never stored, never in a
/// redirect's URL); a revoked key stops working within the POS API's key cache time (5 s).
struct AdminPOSController {
    let clients: POSClients
    let renderer: PageRenderer

    func addRoutes(to router: some RouterMethods<AppRequestContext>) {
        router.get("/admin/caisses", use: list)
        router.post("/admin/caisses", use: create)
        router.post("/admin/caisses/:id/cles", use: issueKey)
        router.post("/admin/caisses/:id/magasins", use: addStores)
        router.post("/admin/caisses/cles/:key/revoquer", use: revoke)
    }

    struct CreateForm: Decodable {
        var name: String?
        var storeCodes: String?
    }

    struct StoresForm: Decodable {
        var storeCodes: String?
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> HTML {
        _ = try AuthGuard.user(context)
        let notice = request.formQuery.get("ok").flatMap {
            ["revoquee": "La clé est révoquée : les caisses qui l'utilisent sont refusées d'ici 5 secondes au plus.",
             "magasins": "Les codes magasin sont ajoutés."][$0]
        }
        return try await page(context, notice: notice)
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try AuthGuard.actor(context)
        let form = try await FormBody.decode(CreateForm.self, from: request, context: context)
        let created: POSClients.Created
        do {
            created = try await clients.create(actor: actor, name: form.name ?? "", storeCodes: Self.codes(form.storeCodes))
        } catch let error as ConfigurationError {
            return try await refused(request, context, error.message, values: ["name": form.name ?? "", "storeCodes": form.storeCodes ?? ""])
        } catch let error as POSClientStoreError {
            return try await refused(request, context, error.description, values: ["name": form.name ?? "", "storeCodes": form.storeCodes ?? ""])
        }
        return try await page(context, newKey: NewKey(client: form.name ?? "", key: created.key)).response(from: request, context: context)
    }

    @Sendable func issueKey(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try AuthGuard.actor(context)
        guard let id = context.parameters.get("id", as: UUID.self), let key = try await clients.issueKey(actor: actor, clientID: id) else {
            throw HTTPError(.notFound)
        }
        let name = try await clients.list().first { $0.id == id }?.name ?? ""
        return try await page(context, newKey: NewKey(client: name, key: key)).response(from: request, context: context)
    }

    @Sendable func revoke(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try AuthGuard.actor(context)
        guard let id = context.parameters.get("key", as: UUID.self), try await clients.revoke(actor: actor, keyID: id) else {
            throw HTTPError(.notFound)
        }
        return .seeOther(.adminPOS.notice("revoquee"))
    }

    @Sendable func addStores(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try AuthGuard.actor(context)
        guard let id = context.parameters.get("id", as: UUID.self) else { throw HTTPError(.notFound) }
        let form = try await FormBody.decode(StoresForm.self, from: request, context: context)
        let codes = Self.codes(form.storeCodes)
        let added: [String]?
        do {
            guard !codes.isEmpty else { return try await refused(request, context, BackofficeMessages.storeCodesInvalid, values: [:]) }
            added = try await clients.addStores(actor: actor, clientID: id, codes: codes)
        } catch let error as ConfigurationError {
            return try await refused(request, context, error.message, values: [:])
        } catch let error as POSClientStoreError {
            return try await refused(request, context, error.description, values: [:])
        }
        guard added != nil else { throw HTTPError(.notFound) }
        return .seeOther(.adminPOS.notice("magasins"))
    }

    /// `A12, B7 ; C3` → the codes, in any of the separators people type.
    static func codes(_ text: String?) -> [String] {
        (text ?? "").split { $0 == "," || $0 == ";" || $0 == " " || $0 == "\n" || $0 == "\r" }.map(String.init)
    }

    private func refused(_ request: Request, _ context: AppRequestContext, _ message: String, values: [String: String]) async throws -> Response {
        try await page(context, error: message, values: values, status: .unprocessableContent).response(from: request, context: context)
    }

    private func page(_ context: AppRequestContext, notice: String? = nil, error: String? = nil, values: [String: String] = [:],
                      newKey: NewKey? = nil, status: HTTPResponse.Status = .ok) async throws -> HTML {
        let view = POSClientsPage(clients: try await clients.list(), notice: notice, error: error, values: values, newKey: newKey,
                                  csrf: context.csrfToken)
        return HTML(body: renderer.render("admin-pos", title: "Clients de caisse", context: context, content: view), status: status)
    }
}

/// A key just created: its only appearance.
struct NewKey {
    let client, key: String
}

struct POSClientsPage {
    struct Client { let id, name, created, stores: String; let keys: [Key]; let hasKeys: Bool }
    struct Key { let id, hint, created, lastUsed, state: String; let isActive: Bool }

    let clients: [Client]
    let isEmpty: Bool
    let notice, error: String?
    let values: [String: String]
    let newKey: NewKey?
    let csrf: String

    init(clients: [POSClientSummary], notice: String?, error: String?, values: [String: String], newKey: NewKey?, csrf: String) {
        func date(_ time: EpochMilliseconds?) -> String {
            time.map { FrenchDate.dateTime(Date(timeIntervalSince1970: Double($0) / 1_000)) } ?? "jamais"
        }
        self.clients = clients.map { client in
            let keys = client.keys.map { key in
                Key(id: key.id.uuidString, hint: key.hint ?? "bpos_…", created: date(key.createdAt), lastUsed: date(key.lastUsedAt),
                    state: key.revokedAt.map { "Révoquée le \(date($0))" } ?? "Active", isActive: key.revokedAt == nil)
            }
            return Client(id: client.id.uuidString, name: client.name, created: date(client.createdAt),
                          stores: client.storeCodes.isEmpty ? "aucun" : client.storeCodes.joined(separator: ", "), keys: keys, hasKeys: !keys.isEmpty)
        }
        isEmpty = clients.isEmpty
        self.notice = notice
        self.error = error
        self.values = values
        self.newKey = newKey
        self.csrf = csrf
    }
}
