/// Decompresses raw deflate streams (RFC 1951), the compression of zip entries, in pure Swift.
///
/// Output is capped by a hard `limit`: decoding stops with ``InflateError/outputLimitExceeded(limit:)`` as
/// soon as one more byte would pass it, so a zip bomb costs at most `limit` bytes of memory whatever its
/// headers claim.
public enum Inflate {
    /// The decompressed bytes of the raw deflate stream `input` (no zlib or gzip wrapper).
    ///
    /// - Parameters:
    ///   - limit: the most bytes the output may hold.
    ///   - sizeHint: the expected output size, used only to size the first allocation (capped by `limit`).
    public static func decompress(_ input: [UInt8], limit: Int, sizeHint: Int = 0) throws(InflateError) -> [UInt8] {
        try decompress(input[...], limit: limit, sizeHint: sizeHint)
    }

    /// The decompressed bytes of the raw deflate stream `input`; see ``decompress(_:limit:sizeHint:)-(UInt8,_,_)``.
    public static func decompress(_ input: ArraySlice<UInt8>, limit: Int, sizeHint: Int = 0) throws(InflateError)
        -> [UInt8]
    {
        let result: Result<[UInt8], InflateError> = input.withUnsafeBufferPointer { buffer in
            var decoder = InflateDecoder(input: buffer, limit: max(0, limit), sizeHint: sizeHint)
            defer { decoder.deallocate() }
            do throws(InflateError) {
                try decoder.run()
                return .success(decoder.output())
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }
}

/// Why a deflate stream could not be decoded.
public enum InflateError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The input ended before the final block did.
    case truncated
    /// Block type 3, which RFC 1951 reserves.
    case invalidBlockType
    /// A stored block whose length is not followed by its one's complement.
    case storedLengthMismatch(length: Int, complement: Int)
    /// The code lengths of a dynamic block describe no usable Huffman code; `reason` says why.
    case badCodeLengths(String)
    /// Bits that spell no code of the table in use, or a symbol deflate does not define (286, 287, 30, 31).
    case invalidCode(table: String)
    /// A back-reference to before the start of the output.
    case distanceTooFarBack(distance: Int, available: Int)
    /// The output would pass the caller's limit.
    case outputLimitExceeded(limit: Int)

    public var description: String {
        switch self {
        case .truncated: "the deflate stream is truncated"
        case .invalidBlockType: "invalid deflate block type 3"
        case .storedLengthMismatch(let length, let complement):
            "stored block length \(length) does not match its complement \(complement)"
        case .badCodeLengths(let reason): "invalid Huffman code lengths: \(reason)"
        case .invalidCode(let table): "invalid \(table) code"
        case .distanceTooFarBack(let distance, let available):
            "distance \(distance) reaches back past the start of the output (\(available) bytes)"
        case .outputLimitExceeded(let limit): "output exceeds the limit of \(limit) bytes"
        }
    }
}
