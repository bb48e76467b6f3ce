import BoutiqueCore
import Foundation
import Testing

@testable import BoutiqueMail

struct MIMEWriterTests {
    static let date = Date(timeIntervalSince1970: 1_764_064_800)  // Tue, 25 Nov 2025 10:00:00 UTC

    static func render(_ message: MailMessage) -> String {
        String(decoding: MIMEWriter.render(message, date: date, messageID: "<id-1@cse-exemple.fr>"), as: UTF8.self)
    }

    static func message(subject: String = "Votre commande", text: String = "Bonjour", html: String? = nil,
                        attachments: [MailAttachment] = []) -> MailMessage {
        MailMessage(
            from: MailAddress("boutique@cse-exemple.fr"), to: [MailAddress("zoe@cse-exemple.fr")],
            subject: subject, text: text, html: html, attachments: attachments
        )
    }

    /// The header block split into fields, each with its folded lines.
    static func headerFields(_ rendered: String) -> [String: [String]] {
        let head = rendered.components(separatedBy: "\r\n\r\n")[0]
        var fields: [String: [String]] = [:]
        var current = ""
        for line in head.components(separatedBy: "\r\n") {
            if line.hasPrefix(" ") || line.hasPrefix("\t") {
                fields[current, default: []].append(line)
            } else {
                current = String(line.prefix(while: { $0 != ":" }))
                fields[current] = [line]
            }
        }
        return fields
    }

    /// Decodes `=?UTF-8?B?…?=` words, checking that each one is complete UTF-8 on its own.
    static func decodeEncodedWords(_ words: [String]) -> String? {
        var result = ""
        for word in words {
            guard word.hasPrefix("=?UTF-8?B?"), word.hasSuffix("?="),
                  let data = Data(base64Encoded: String(word.dropFirst(10).dropLast(2))),
                  let piece = String(data: data, encoding: .utf8)
            else { return nil }
            result += piece
        }
        return result
    }

    @Test func plainASCIIMessageHasTheExpectedHeaders() {
        // act
        let rendered = Self.render(Self.message())

        // check
        #expect(rendered.hasPrefix("""
            Date: Tue, 25 Nov 2025 10:00:00 +0000\r
            From: boutique@cse-exemple.fr\r
            To: zoe@cse-exemple.fr\r
            Subject: Votre commande\r
            Message-ID: <id-1@cse-exemple.fr>\r
            MIME-Version: 1.0\r
            Content-Type: text/plain; charset=UTF-8\r
            Content-Transfer-Encoding: quoted-printable\r
            \r
            Bonjour
            """))
    }

    @Test func longNonASCIISubjectIsFoldedIntoShortEncodedWords() throws {
        // setup
        let subject = String(repeating: "Votre e-carte « Noël » de 50 € est prête, ça c'est fait à 100 % ! 🎁 ", count: 4)

        // act
        let rendered = Self.render(Self.message(subject: subject))

        // check
        let lines = try #require(Self.headerFields(rendered)["Subject"])
        #expect(lines.count > 3)
        #expect(lines.allSatisfy { $0.count <= 78 })
        let words = lines.joined().dropFirst("Subject:".count).split(separator: " ").map(String.init)
        #expect(words.allSatisfy { $0.count <= 75 })
        #expect(Self.decodeEncodedWords(words) == subject)
    }

    @Test func messageIDIsBracketedOnce() {
        // act
        let rendered = String(decoding: MIMEWriter.render(Self.message(), date: Self.date, messageID: "abc@x.fr"), as: UTF8.self)

        // check
        #expect(rendered.contains("\r\nMessage-ID: <abc@x.fr>\r\n"))
        #expect(MIMEWriter.makeMessageID(domain: "cse-exemple.fr").hasSuffix("@cse-exemple.fr>"))
    }

    @Test func displayNamesAreEncodedOrQuotedAsNeeded() {
        // setup
        var message = Self.message()
        message.from = MailAddress("boutique@cse-exemple.fr", name: "Boutique Élysée")
        message.to = [MailAddress("a@x.fr", name: "Dupont, Jean"), MailAddress("b@x.fr", name: "Jean Dupont")]

        // act
        let rendered = Self.render(message)

        // check
        let encodedName = "=?UTF-8?B?" + Data("Boutique Élysée".utf8).base64EncodedString() + "?="
        #expect(rendered.contains("\r\nFrom: \(encodedName) <boutique@cse-exemple.fr>\r\n"))
        #expect(rendered.contains("\r\nTo: \"Dupont, Jean\" <a@x.fr>, Jean Dupont <b@x.fr>\r\n"))
    }

    @Test func lineBreaksInHeaderValuesCannotInjectHeaders() {
        // act
        let rendered = Self.render(Self.message(subject: "Bonjour\r\nBcc: espion@exemple.fr"))

        // check
        #expect(!rendered.contains("\r\nBcc:"))
        #expect(rendered.contains("\r\nSubject: Bonjour Bcc: espion@exemple.fr\r\n"))
    }

    @Test func textIsQuotedPrintableWithCRLFAndShortLines() {
        // setup
        let text = "Prix : 50 € = cinquante\nfin de ligne  \n" + String(repeating: "x", count: 2000) + "\r\nsuite\rfin"

        // act
        let rendered = Self.render(Self.message(text: text))

        // check
        let body = rendered.components(separatedBy: "\r\n\r\n").dropFirst().joined(separator: "\r\n\r\n")
        #expect(body.hasPrefix("Prix : 50 =E2=82=AC =3D cinquante\r\nfin de ligne =20\r\nxxx"))
        #expect(body.hasSuffix("\r\nsuite\r\nfin"))
        #expect(body.components(separatedBy: "\r\n").allSatisfy { $0.count <= 76 })
        #expect(!rendered.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
    }

    @Test func htmlMakesMultipartAlternativeAndAttachmentsMultipartMixed() {
        // setup
        let attachment = MailAttachment(filename: "carte.pdf", contentType: "application/pdf", data: Data(repeating: 0x25, count: 200))

        // act
        let alternative = Self.render(Self.message(html: "<p>Bonjour</p>"))
        let mixed = Self.render(Self.message(html: "<p>Bonjour</p>", attachments: [attachment]))

        // check
        #expect(alternative.contains("Content-Type: multipart/alternative;\r\n boundary=\"=_Boutique_alt_"))
        #expect(alternative.contains("Content-Type: text/html; charset=UTF-8\r\n"))
        #expect(!alternative.contains("multipart/mixed"))
        #expect(mixed.contains("Content-Type: multipart/mixed;\r\n boundary=\"=_Boutique_mix_"))
        #expect(mixed.contains("Content-Type: application/pdf; name=\"carte.pdf\"\r\nContent-Disposition: attachment; filename=\"carte.pdf\"\r\nContent-Transfer-Encoding: base64\r\n"))
        let base64Lines = mixed.components(separatedBy: "\r\n").filter { $0.hasPrefix("JSUl") }
        #expect(base64Lines.first?.count == 76)
    }

    @Test func nonASCIIFileNameUsesRFC2231() {
        // setup
        let short = MailAttachment(filename: "carte-Noël.pdf", contentType: "application/pdf", data: Data("%PDF-".utf8))
        let long = MailAttachment(filename: String(repeating: "é", count: 40) + ".pdf", contentType: "bad type\r\nX: y", data: Data())

        // act
        let rendered = Self.render(Self.message(attachments: [short, long]))

        // check
        #expect(rendered.contains("Content-Disposition: attachment; filename*=UTF-8''carte-No%C3%ABl.pdf\r\n"))
        #expect(rendered.contains("filename*0*=UTF-8''%C3%A9"))
        #expect(rendered.contains("filename*1*=%C3%A9"))
        #expect(rendered.contains("Content-Type: application/octet-stream;"))
        #expect(!rendered.contains("\r\nX: y"))
        #expect(rendered.components(separatedBy: "\r\n").allSatisfy { $0.count <= 78 })
    }

    @Test func datesUseEnglishNamesInUTC() {
        // act
        let epoch = MIMEWriter.rfc5322Date(Date(timeIntervalSince1970: 0))
        let leapDay = MIMEWriter.rfc5322Date(Date(timeIntervalSince1970: 1_709_251_199))

        // check
        #expect(epoch == "Thu, 01 Jan 1970 00:00:00 +0000")
        #expect(leapDay == "Thu, 29 Feb 2024 23:59:59 +0000")
    }

    @Test func everyLineStaysWithin998Octets() {
        // setup
        let longWord = String(repeating: "a", count: 3000)
        var message = Self.message(subject: longWord, text: longWord, html: longWord)
        message.to = (0..<40).map { MailAddress("destinataire\($0)@cse-exemple.fr", name: "Destinataire n° \($0)") }

        // act
        let rendered = Self.render(message)

        // check
        let lines = rendered.components(separatedBy: "\r\n")
        #expect(lines.allSatisfy { $0.utf8.count <= 998 })
        #expect(lines.allSatisfy { $0.utf8.count <= 78 })
    }
}
