import BoutiqueCore
import BoutiqueDocuments
import Foundation
import Testing

/// The SEPA transfer QR code of a dotation invoice, as a banking app reads it.
@Suite("EPC069-12 transfer codes")
struct EPCTransferTests {
    static func transfer(
        name: String = "Boutique Démo", bic: String? = "BNPAFRPPXXX", cents: Int = 123_456,
        remittance: EPCTransfer.Remittance? = nil
    ) throws -> EPCTransfer {
        try EPCTransfer(
            beneficiaryName: name, iban: try IBAN("FR76 3000 6000 0112 3456 7890 189"), bic: try bic.map { try BIC($0) },
            amount: Money(cents: cents),
            remittance: try remittance ?? .structured(CreditorReference(invoiceNumber: "FAC-2026-000001")))
    }

    @Test("the payload's lines: BCD, 002, UTF-8, SCT, BIC, name, IBAN, amount, empty purpose, RF reference")
    func structuredPayload() throws {
        let reference = try CreditorReference(invoiceNumber: "FAC-2026-000001")
        let transfer = try Self.transfer(remittance: .structured(reference))
        #expect(transfer.payload == """
            BCD
            002
            1
            SCT
            BNPAFRPPXXX
            Boutique Démo
            FR7630006000011234567890189
            EUR1234.56

            \(reference.electronic)
            """)
    }

    @Test("without BIC and with a free text: empty BIC line, empty reference line, the text last")
    func unstructuredPayload() throws {
        let transfer = try Self.transfer(bic: nil, cents: 1, remittance: .unstructured("Facture FAC-2026-000001"))
        #expect(transfer.payload.components(separatedBy: "\n") == [
            "BCD", "002", "1", "SCT", "", "Boutique Démo", "FR7630006000011234567890189", "EUR0.01", "", "",
            "Facture FAC-2026-000001",
        ])
        #expect(!transfer.payload.hasSuffix("\n"))
    }

    @Test("limits: name of 70, amount 0.01…999,999,999.99, text of 140, 331 bytes in version ≤ 13")
    func limits() throws {
        #expect(try Self.transfer(name: String(repeating: "N", count: 70)).beneficiaryName.count == 70)
        #expect(throws: EPCTransferError.name) { try Self.transfer(name: String(repeating: "N", count: 71)) }
        #expect(throws: EPCTransferError.name) { try Self.transfer(name: "Boutique\nDémo") }
        #expect(try Self.transfer(cents: 99_999_999_999).payload.contains("\nEUR999999999.99\n"))
        #expect(throws: EPCTransferError.amount(Money(cents: 100_000_000_000))) { try Self.transfer(cents: 100_000_000_000) }
        #expect(throws: EPCTransferError.amount(.zero)) { try Self.transfer(cents: 0) }
        #expect(throws: EPCTransferError.remittanceText) {
            try Self.transfer(remittance: .unstructured(String(repeating: "t", count: 141)))
        }
        // The longest accented payload: 73 fixed bytes, 140 for the name, 117 of text = 330,
        // which with the UTF-8 declaration still fits version 13.
        let longest = try Self.transfer(name: String(repeating: "é", count: 70), cents: 99_999_999_999,
                                        remittance: .unstructured(String(repeating: "t", count: 117)))
        #expect(longest.payload.utf8.count == 330)
        #expect(longest.qrCode().version <= 13 && longest.qrCode().errorCorrection == .medium)
        #expect(throws: EPCTransferError.tooLong(bytes: 331, limit: 330)) {
            try Self.transfer(name: String(repeating: "é", count: 70), cents: 99_999_999_999,
                              remittance: .unstructured(String(repeating: "t", count: 118)))
        }
    }

    @Test("zbar reads the exact payload back from the PNG and from a PDF page",
          .enabled(if: ExternalTool.shouldRun(.pdftoppm, .zbarimg), ExternalTool.skipComment(.pdftoppm, .zbarimg)))
    func scans() async throws {
        try await withTemporaryDirectory { directory in
            let structured = try Self.transfer()
            let free = try Self.transfer(name: "Comité « Les Lilas » & Cie", bic: nil, cents: 98_765_432_10,
                                         remittance: .unstructured("Dotation de Noël, facture FAC-2026-000042"))
            _ = try directory.writing(structured.qrCode().png(), to: "structured.png")
            var document = PDFDocument(info: PDFDocumentInfo(title: "EPC", creationDate: TestDocuments.createdAt))
            var page = PDFPage()
            page.drawQRCode(free.qrCode(), x: 60, y: 60)
            document.append(page)
            _ = try directory.writing(document.bytes(), to: "free.pdf")
            try await ExternalTool.pdftoppm.run(["-r", "150", "-png", "-singlefile", "free.pdf", "free"], in: directory)
            for (file, transfer) in [("structured.png", structured), ("free.png", free)] {
                let decoded = try await ExternalTool.zbarimg.run(QRCodeScanTests.zbarQR + [file], in: directory)
                #expect(decoded == transfer.payload + "\n")
            }
        }
    }
}
