import Foundation

/// The document information dictionary: what a reader shows in "Properties".
public struct PDFDocumentInfo: Sendable, Hashable {
    public var title: String
    public var producer: String
    /// Written as given, so the same input always gives the same bytes; pass the order's or the
    /// card's timestamp rather than "now" when a reproducible file matters.
    public var creationDate: Date

    public init(title: String, producer: String = "Boutique", creationDate: Date) {
        self.title = title
        self.producer = producer
        self.creationDate = creationDate
    }
}

/// A PDF 1.7 document being assembled: pages in order, plus the images they share.
public struct PDFDocument: Sendable {
    public var info: PDFDocumentInfo
    public private(set) var pages: [PDFPage] = []
    private(set) var images: [PDFImage] = []

    public init(info: PDFDocumentInfo) { self.info = info }

    /// Adds an image once; draw it on as many pages as needed through the returned reference.
    public mutating func add(_ image: PDFImage) -> PDFImageReference {
        images.append(image)
        return PDFImageReference(index: images.count - 1)
    }

    /// Appends a finished page.
    public mutating func append(_ page: PDFPage) { pages.append(page) }

    /// Replaces a page, for late additions such as "Page 1 / 3" footers.
    public mutating func replacePage(at index: Int, with page: PDFPage) { pages[index] = page }

    /// The complete file. A document without pages gets one blank A4 page, since PDF requires one.
    public func bytes() -> [UInt8] {
        PDFWriter.write(self)
    }

    /// The complete file as `Data`.
    public func data() -> Data { Data(bytes()) }
}
