import BoutiqueCore

/// The payload of an EPC069-12 QR code (« SEPA Credit Transfer », the code banking apps scan to
/// fill a transfer in): version 002, UTF-8, one data element per line.
///
/// Lines: BCD, 002, 1 (UTF-8), SCT, BIC (optional in the EEA), beneficiary's name, IBAN, amount
/// (« EUR1234.50 »), purpose (left empty), structured reference (RF) or else unstructured text.
/// Trailing empty elements are dropped and the last one has no line feed.
public struct EPCTransfer: Sendable, Hashable {
    /// What the payer's bank passes on to identify the payment: an RF reference (matched
    /// automatically) or, exclusively, a free text.
    public enum Remittance: Sendable, Hashable {
        case structured(CreditorReference)
        case unstructured(String)
    }

    public static let maximumNameLength = 70
    public static let maximumTextLength = 140
    /// The guideline's limit: a version-13 symbol at level M.
    public static let maximumPayloadBytes = 331
    public static let maximumAmount = Money(cents: 99_999_999_999)

    public let beneficiaryName: String
    public let iban: IBAN
    public let bic: BIC?
    public let amount: Money
    public let remittance: Remittance?
    /// The exact text the QR code holds.
    public let payload: String

    public init(
        beneficiaryName: String, iban: IBAN, bic: BIC?, amount: Money, remittance: Remittance?
    ) throws(EPCTransferError) {
        let name = beneficiaryName.trimmingSpaces
        guard !name.isEmpty, name.count <= Self.maximumNameLength, !name.containsLineBreak else {
            throw .name
        }
        guard amount.cents >= 1, amount <= Self.maximumAmount else { throw .amount(amount) }
        var reference = "", text = ""
        switch remittance {
        case let .structured(creditorReference):
            reference = creditorReference.electronic
        case let .unstructured(free):
            text = free.trimmingSpaces
            guard text.count <= Self.maximumTextLength, !text.containsLineBreak else { throw .remittanceText }
        case nil:
            break
        }
        var lines = ["BCD", "002", "1", "SCT", bic?.code ?? "", name, iban.electronic, "EUR" + amount.decimal,
                     "", reference, text]
        while lines.last == "" { lines.removeLast() }
        let payload = lines.joined(separator: "\n")
        // Non-ASCII text is declared UTF-8 in the symbol (12 bits), so it must stay one byte
        // shorter to fit the same version 13.
        let limit = Self.maximumPayloadBytes - (payload.utf8.allSatisfy { $0 < 0x80 } ? 0 : 1)
        guard payload.utf8.count <= limit else { throw .tooLong(bytes: payload.utf8.count, limit: limit) }
        self.beneficiaryName = name
        self.iban = iban
        self.bic = bic
        self.amount = amount
        self.remittance = remittance
        self.payload = payload
    }

    /// The QR code at level M, as the guideline asks; never above version 13.
    public func qrCode() -> QRCode {
        do {
            return try QRCode(text: payload, errorCorrection: .medium)
        } catch {
            // 331 bytes fit version 13 at M; the initialiser refuses anything longer.
            preconditionFailure("EPC payload of \(payload.utf8.count) bytes did not fit: \(error)")
        }
    }
}

/// Why a transfer code cannot be made, in French.
public enum EPCTransferError: Error, Sendable, Hashable, CustomStringConvertible {
    case name
    case amount(Money)
    case remittanceText
    case tooLong(bytes: Int, limit: Int)

    public var description: String {
        switch self {
        case .name:
            "Le nom du bénéficiaire d'un virement compte de 1 à 70 caractères, sur une ligne."
        case let .amount(amount):
            "Le montant d'un virement va de 0,01 € à 999 999 999,99 € (\(amount.french) demandé)."
        case .remittanceText:
            "Le libellé d'un virement compte au plus 140 caractères, sur une ligne."
        case let .tooLong(bytes, limit):
            "Les données du QR code de virement font \(bytes) octets, au plus \(limit)."
        }
    }
}

extension String {
    fileprivate var trimmingSpaces: String {
        var text = Substring(self)
        while text.first?.isWhitespace == true { text.removeFirst() }
        while text.last?.isWhitespace == true { text.removeLast() }
        return String(text)
    }

    fileprivate var containsLineBreak: Bool { contains { $0.isNewline } }
}
