import BoutiqueCore
import Testing

/// IBAN, BIC, SIREN/SIRET and RF references as an operator types them into settings and forms.
@Suite("Bank and company identifiers")
struct BankIdentifierTests {
    @Test("published valid IBANs are accepted in any spacing and case, printed by groups of four", arguments: [
        ("FR76 3000 6000 0112 3456 7890 189", "FR7630006000011234567890189", "FR76 3000 6000 0112 3456 7890 189"),
        ("de89370400440532013000", "DE89370400440532013000", "DE89 3704 0044 0532 0130 00"),
        ("GB82 WEST 1234 5698 7654 32", "GB82WEST12345698765432", "GB82 WEST 1234 5698 7654 32"),
        ("BE68 5390 0754 7034", "BE68539007547034", "BE68 5390 0754 7034"),
        ("CH93 0076 2011 6238 5295 7", "CH9300762011623852957", "CH93 0076 2011 6238 5295 7"),
        ("MC58 1122 2000 0101 2345 6789 030", "MC5811222000010123456789030", "MC58 1122 2000 0101 2345 6789 030"),
    ])
    func validIBANs(input: String, electronic: String, grouped: String) throws {
        let iban = try IBAN(input)
        #expect(iban.electronic == electronic)
        #expect(iban.grouped == grouped)
    }

    @Test("wrong IBANs are refused with the reason in French", arguments: [
        ("FR76 3000 6000 0112 3456 7890 188", "L'IBAN « FR76 3000 6000 0112 3456 7890 188 » n'est pas valide : la clé de contrôle ne correspond pas (faute de frappe ?)."),
        ("FR67 3000 6000 0112 3456 7890 189", "L'IBAN « FR67 3000 6000 0112 3456 7890 189 » n'est pas valide : la clé de contrôle ne correspond pas (faute de frappe ?)."),
        ("FR76 3000 6000 0112 3456 7890 18", "L'IBAN « FR76 3000 6000 0112 3456 7890 18 » n'est pas valide : un IBAN FR compte 27 caractères, celui-ci en a 26."),
        ("US12 3456 7890 1234", "L'IBAN « US12 3456 7890 1234 » n'est pas valide : le pays « US » n'a pas d'IBAN."),
        ("7630006000011234567890189", "L'IBAN « 7630006000011234567890189 » n'est pas valide : il commence par le code du pays (2 lettres) puis 2 chiffres de contrôle."),
        ("FR76-3000-6000", "L'IBAN « FR76-3000-6000 » n'est pas valide : seuls les lettres et les chiffres sont admis."),
        ("FR76", "L'IBAN « FR76 » n'est pas valide : il est trop court."),
        ("  ", "L'IBAN n'est pas renseigné."),
    ])
    func invalidIBANs(input: String, message: String) {
        #expect { try IBAN(input) } throws: { ($0 as? IBANError)?.description == message }
    }

    @Test("BICs of 8 and 11 characters; other shapes refused in French")
    func bics() throws {
        #expect(try BIC("bnpa fr pp xxx").code == "BNPAFRPPXXX")
        #expect(try BIC("CEPAFRPP").countryCode == "FR")
        #expect { try BIC("BNPAFRPPXX") } throws: {
            ($0 as? BICError)?.description == "Le BIC « BNPAFRPPXX » n'est pas valide : il compte 8 ou 11 caractères, celui-ci en a 10."
        }
        #expect { try BIC("BNP1FRPP") } throws: {
            ($0 as? BICError)?.description == "Le BIC « BNP1FRPP » n'est pas valide : ses 6 premiers caractères sont des lettres (banque puis pays)."
        }
    }

    @Test("real SIRETs pass Luhn, La Poste's by the sum of its digits; typing errors are refused")
    func sirets() throws {
        let siret = try SIRET("732 829 320 00074")
        #expect(siret.grouped == "732 829 320 00074")
        #expect(siret.siren.digits == "732829320")
        #expect(try SIREN("552 100 554").grouped == "552 100 554")
        #expect(try SIRET("35600000049837").siren.digits == "356000000") // La Poste: Luhn fails, digits sum to 45
        #expect(try SIRET("356 000 000 00048").digits == "35600000000048") // La Poste's head office
        #expect { try SIRET("35600000049838") } throws: { ($0 as? SIRETError)?.reason == .checkDigit }
        #expect { try SIRET("732 829 320 00075") } throws: {
            ($0 as? SIRETError)?.description == "Le SIRET « 732 829 320 00075 » n'est pas valide : la clé de contrôle ne correspond pas (faute de frappe ?)."
        }
        #expect { try SIRET("73282932") } throws: {
            ($0 as? SIRETError)?.description == "Le SIRET « 73282932 » n'est pas valide : il compte 14 chiffres, celui-ci 8 caractères."
        }
        #expect { try SIREN("552100555") } throws: { ($0 as? SIRETError)?.kind == .siren }
    }

    @Test("RF references: ISO 11649's example checks, an invoice number gets its check digits")
    func creditorReferences() throws {
        #expect(try CreditorReference("rf18 5390 0754 7034").electronic == "RF18539007547034")
        #expect(try CreditorReference("RF18000000000539007547034").grouped == "RF18 0000 0000 0539 0075 4703 4")
        #expect(try CreditorReference(invoiceNumber: "539007547034").electronic == "RF18539007547034")
        let invoice = try CreditorReference(invoiceNumber: "FAC-2026-000001")
        #expect(invoice.electronic.hasPrefix("RF") && invoice.electronic.hasSuffix("FAC2026000001"))
        #expect(try CreditorReference(invoice.grouped) == invoice)
        #expect { try CreditorReference("RF19539007547034") } throws: { ($0 as? CreditorReferenceError)?.reason == .checkDigits }
        #expect { try CreditorReference(invoiceNumber: "FAC-2026-0000000000000001") } throws: {
            ($0 as? CreditorReferenceError)?.reason == .length
        }
    }
}
