import ArgumentParser
import BoutiqueShop
import BoutiqueCore
import Foundation
import Logging

/// `boutique staff …`: the platform's staff accounts. Outside the demo this is how the first
/// operator gets in; managers can also be added from the operator's console.
struct StaffCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "staff", abstract: "Comptes des opérateurs et des gestionnaires de CSE.", subcommands: [Create.self])

    enum Role: String, ExpressibleByArgument, CaseIterable {
        case `operator`, manager

        var userRole: UserRole { self == .operator ? .operator : .manager }
        var label: String { self == .operator ? "opérateur" : "gestionnaire" }
    }

    /// `boutique staff create --role operator|manager --email E --first-name F --last-name L [--tenant SLUG]`:
    /// an active account with no usable password; the link to choose one is printed alone on the
    /// last line, so that scripts can take it with `tail -n 1`.
    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Crée un compte opérateur ou gestionnaire et affiche, en dernière ligne, le lien pour choisir son mot de passe.")

        @Option(help: "operator (opérateur de la plateforme) ou manager (gestionnaire d'un CSE).") var role: Role
        @Option(help: "Adresse e-mail (l'identifiant de connexion).") var email: String
        @Option(help: "Prénom.") var firstName: String
        @Option(help: "Nom.") var lastName: String
        @Option(help: "Lien court (slug) du CSE, obligatoire pour un gestionnaire.") var tenant: String?

        func validate() throws {
            if role == .manager && tenant == nil { throw ValidationError("un gestionnaire appartient à un CSE : indiquez --tenant SLUG.") }
            if role == .operator && tenant != nil { throw ValidationError("un opérateur n'appartient à aucun CSE : retirez --tenant.") }
        }

        func run() async throws {
            let settings: Settings
            do { settings = try Settings.load() } catch { throw Startup.fail(error) }
            Startup.bootstrapLogging(level: .warning)
            let outcome = try await Startup.withShop(settings, label: "boutique.staff") { shop in try await create(shop) }
            switch outcome {
            case .success(let invitation): print(Self.report(invitation, role: role))
            case .failure(let errors):
                let message = ["form", "email", "firstName", "lastName"].compactMap { errors[$0] }.joined(separator: " ")
                throw Startup.fail(ConfigurationError(message + " Aucun compte n'a été créé."))
            }
        }

        private func create(_ shop: ShopServices) async throws -> Result<StaffAccounts.Invitation, FormErrors> {
            let staff = shop.staff
            var tenantID: UUID?
            if let tenant {
                guard let found = try await staff.tenant(slug: tenant) else {
                    return .failure(FormErrors("form", StaffMessages.unknownTenant(tenant)))
                }
                tenantID = found.id
            }
            do {
                // Who created the account stays in the operators' log, as for the console's actions.
                let invitation = try await staff.create(actor: .commandLine, role: role.userRole, tenantID: tenantID,
                                                        form: .init(email: email, firstName: firstName, lastName: lastName))
                return .success(invitation)
            } catch let errors as FormErrors {
                return .failure(errors)
            }
        }

        static func report(_ invitation: StaffAccounts.Invitation, role: Role) -> String {
            [
                "Compte \(role.label) créé : \(invitation.user.displayName) <\(invitation.user.email)>.",
                "Lien pour choisir le mot de passe, valable \(StaffAccounts.linkLifetime) (jusqu'au \(Self.parisTime(invitation.expiresAt)),"
                    + " heure de Paris) et utilisable une seule fois ; ensuite, « Mot de passe oublié » en envoie un nouveau :",
                invitation.link,
            ].joined(separator: "\n")
        }

        /// `25/11/2026 à 10:05`.
        static func parisTime(_ date: Date) -> String {
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = FrenchCalendar.zone
            let c = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
            func two(_ value: Int?) -> String { let v = value ?? 0; return v < 10 ? "0\(v)" : "\(v)" }
            return "\(two(c.day))/\(two(c.month))/\(c.year ?? 0) à \(two(c.hour)):\(two(c.minute))"
        }
    }
}
