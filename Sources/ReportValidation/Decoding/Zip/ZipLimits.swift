/// How much a zip archive may make nianbao read, list and allocate: the guards against hostile archives.
///
/// Sizes declared in zip headers are never trusted: each limit is enforced on the bytes actually produced.
public struct ZipLimits: Sendable, Hashable {
    /// Entries the central directory may list. A `.docx` has 10–100 parts (more with many images); 10,000
    /// leaves room for any real document while keeping a crafted directory of millions of entries unread.
    public var maximumEntryCount: Int
    /// Bytes one extracted entry may expand to. A long report's `word/document.xml` is 1–5 MB; 64 MiB is
    /// ten times the largest seen, and also the most memory one extraction may take.
    public var maximumEntrySize: Int
    /// Bytes all entries extracted from one archive may expand to together.
    public var maximumTotalSize: Int
    /// Highest ratio of expanded to compressed size, checked once an entry passes `ratioThreshold`.
    /// Word XML compresses 5–30:1 (up to ~150:1 for tables of empty cells); deflate itself cannot pass
    /// about 1032:1, which only a stream made of nothing but maximal back-references reaches. 1000:1
    /// therefore flags exactly such bombs, naming them as such long before the size limits are reached.
    public var maximumCompressionRatio: Int
    /// Entries expanding to at most this many bytes are not held to the ratio: a small, very repetitive part
    /// (e.g. a settings file of empty elements) may legitimately compress far better than a large one.
    public var ratioThreshold: Int

    public init(
        maximumEntryCount: Int = 10_000, maximumEntrySize: Int = 64 << 20, maximumTotalSize: Int = 128 << 20,
        maximumCompressionRatio: Int = 1000, ratioThreshold: Int = 1 << 20
    ) {
        self.maximumEntryCount = maximumEntryCount
        self.maximumEntrySize = maximumEntrySize
        self.maximumTotalSize = maximumTotalSize
        self.maximumCompressionRatio = maximumCompressionRatio
        self.ratioThreshold = ratioThreshold
    }

    /// The most bytes an entry of `compressedSize` may expand to before its ratio marks it as a bomb.
    func ratioLimit(compressedSize: Int) -> Int {
        let (product, overflow) = compressedSize.multipliedReportingOverflow(by: maximumCompressionRatio)
        return max(ratioThreshold, overflow ? Int.max : product)
    }
}
