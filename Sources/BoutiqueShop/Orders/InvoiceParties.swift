import BoutiqueCore
import BoutiqueDocuments

/// Who invoices and credit notes are made out to, kept as they were when each was issued.
enum InvoiceParties {
    /// The CSE as the buyer of a dotation: its legal identity once the operator has entered it
    /// (raison sociale, postal address, SIRET), else its name.
    static func cse(_ tenant: TenantRecord) -> BilledParty {
        guard let identity = tenant.settings.legalIdentity else { return BilledParty(name: tenant.name, email: tenant.contactEmail) }
        return BilledParty(name: identity.legalName, addressLines: identity.addressLines + ["SIRET \(identity.siret.grouped)"],
                           email: tenant.contactEmail)
    }

    /// As the PDF prints it.
    static func buyer(_ party: BilledParty) -> InvoiceBuyer {
        InvoiceBuyer(name: party.name, addressLines: party.addressLines, email: party.email)
    }
}
