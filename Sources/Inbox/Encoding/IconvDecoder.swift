import Glibc
import ReportValidation
import Synchronization
import SystemPackage

/// Decodes GB18030 (which covers GBK and GB2312) exactly with glibc's `iconv`, reporting the
/// byte offset of the first invalid sequence.
///
/// Thread-safe: each conversion borrows its own `iconv_t` from a small pool, so parallel checks
/// never share conversion state. Creating the decoder opens one converter, so a system without
/// the GB18030 gconv module fails at start-up with a clear error rather than on the first file.
package struct IconvDecoder: LegacyTextDecoder {
    private let converters: ConverterPool

    /// Opens a GB18030 → UTF-8 converter to prove the conversion is available.
    ///
    /// - Throws: ``SystemCallError`` from `iconv_open` (e.g. `EINVAL` when glibc's gconv modules
    ///   are missing).
    package init() throws(SystemCallError) {
        converters = try ConverterPool(from: "GB18030", to: "UTF-8")
    }

    /// The UTF-8 text of `bytes`, or the offset of the first byte that is not valid GB18030
    /// (including a character cut off at the end).
    package func decodeGB18030(_ bytes: [UInt8]) -> Result<String, LegacyDecodingError> {
        // GB18030 → UTF-8 grows at most 3/2 (two bytes become three; four stay four).
        let capacity = bytes.count + bytes.count / 2
        return converters.withConverter { converter in
            converter.convert(bytes, capacity: capacity)
                .map { String(decoding: $0, as: UTF8.self) }
                .mapError { LegacyDecodingError(offset: $0.offset) }
        }
    }

    /// Encodes `text` into `charset` (any name `iconv --list` knows, e.g. `GB18030`, `UTF-16LE`).
    ///
    /// Used to make encoded fixtures. glibc's plain `UTF-16` and `UTF-32` write a byte-order mark.
    ///
    /// - Throws: ``TextConversionError``: the charset is unknown, or it cannot represent a
    ///   character (the offset is that character's UTF-8 byte offset in `text`).
    package static func encode(_ text: String, to charset: String) throws(TextConversionError) -> [UInt8] {
        var converter: IconvConverter
        do {
            converter = try IconvConverter(from: "UTF-8", to: charset)
        } catch {
            throw .unavailable(error)
        }
        defer { converter.close() }
        switch converter.convert(Array(text.utf8), capacity: text.utf8.count * 4) {
        case .success(let bytes): return bytes
        case .failure(let bad): throw .unconvertible(offset: bad.offset, from: "UTF-8", to: charset)
        }
    }
}

/// Why ``IconvDecoder/encode(_:to:)`` failed.
package enum TextConversionError: Error, Hashable, Sendable, CustomStringConvertible {
    /// `iconv_open` refused the pair of charsets.
    case unavailable(SystemCallError)
    /// The input has no representation in the target charset from byte `offset` on.
    case unconvertible(offset: Int, from: String, to: String)

    package var description: String {
        switch self {
        case .unavailable(let error): "\(error)"
        case .unconvertible(let offset, let from, let to):
            "cannot convert \(from) to \(to): invalid or unrepresentable sequence at byte \(offset)"
        }
    }
}

/// Where a conversion stopped: the input offset and whether the sequence was invalid (`EILSEQ`)
/// or cut off at the end (`EINVAL`).
struct InvalidSequence: Error, Hashable {
    var offset: Int
    var errno: Errno
}

/// One `iconv_t`. Not thread-safe: a converter is used by one thread at a time.
struct IconvConverter {
    private let handle: iconv_t

    init(from source: String, to target: String) throws(SystemCallError) {
        let label = "\(source) → \(target)"
        handle = try SystemCall.pointer("iconv_open", path: label) { () -> iconv_t? in
            let handle = iconv_open(target, source)
            return Int(bitPattern: handle) == -1 ? nil : handle
        }
    }

    func close() { iconv_close(handle) }

    /// Converts all of `input`. `capacity` is the expected output size; a low guess only costs
    /// a buffer regrowth.
    func convert(_ input: [UInt8], capacity: Int) -> Result<[UInt8], InvalidSequence> {
        // Forget any shift state a previous conversion left behind.
        iconv(handle, nil, nil, nil, nil)
        var output = [UInt8](repeating: 0, count: capacity + 16)
        var written = 0
        var consumed = 0
        while true {
            let step = step(input, from: consumed, into: &output, at: written)
            consumed = step.consumed
            written = step.written
            switch step.errno {
            case nil:
                output.removeLast(output.count - written)
                return .success(output)
            case .argListTooLong?:
                output.append(contentsOf: repeatElement(0, count: output.count))
            case let errno?:
                // EILSEQ (invalid) or EINVAL (incomplete at the end): stopped at the bad sequence.
                return .failure(InvalidSequence(offset: consumed, errno: errno))
            }
        }
    }

    /// One `iconv(3)` call from `consumed`/`written` on; `errno` is nil when all input was
    /// converted and flushed. EINTR cannot occur: iconv does no I/O.
    private func step(
        _ input: [UInt8], from consumed: Int, into output: inout [UInt8], at written: Int
    ) -> (consumed: Int, written: Int, errno: Errno?) {
        input.withUnsafeBufferPointer { inBuffer in
            output.withUnsafeMutableBufferPointer { outBuffer in
                // Empty input has no base address; iconv treats a nil input as "flush only".
                let inBase = inBuffer.baseAddress.map {
                    UnsafeMutableRawPointer(mutating: $0).assumingMemoryBound(to: CChar.self)
                }
                let outBase = UnsafeMutableRawPointer(outBuffer.baseAddress!).assumingMemoryBound(to: CChar.self)
                var inPointer = inBase.map { $0 + consumed }
                var inLeft = inBuffer.count - consumed
                var outPointer: UnsafeMutablePointer<CChar>? = outBase + written
                var outLeft = outBuffer.count - written
                var result = iconv(handle, &inPointer, &inLeft, &outPointer, &outLeft)
                if result != -1 {
                    // All input taken: flush any final shift sequence.
                    result = iconv(handle, nil, nil, &outPointer, &outLeft)
                }
                let error: Errno? = result == -1 ? Errno(rawValue: Glibc.errno) : nil
                return (inBuffer.count - inLeft, outBuffer.count - outLeft, error)
            }
        }
    }
}

/// Idle converters for one charset pair, handed out one per concurrent conversion.
///
/// Holding at least one open keeps glibc's gconv module loaded, so later `iconv_open` calls
/// neither reload it nor fail.
final class ConverterPool: Sendable {
    private let source: String
    private let target: String
    /// Raw `iconv_t` addresses of idle converters.
    private let idle: Mutex<[UInt]>

    init(from source: String, to target: String) throws(SystemCallError) {
        self.source = source
        self.target = target
        let first = try IconvConverter(from: source, to: target)
        idle = Mutex([first.address])
    }

    /// Runs `body` with a converter no other thread is using.
    func withConverter<Value>(_ body: (IconvConverter) -> Value) -> Value {
        let converter = take()
        defer { idle.withLock { $0.append(converter.address) } }
        return body(converter)
    }

    /// An idle converter, else a new one; if none can be opened (memory exhaustion: the module
    /// is already loaded), waits for another thread to return one — there always is one.
    private func take() -> IconvConverter {
        while true {
            if let address = idle.withLock({ $0.popLast() }) { return IconvConverter(address: address) }
            if let converter = try? IconvConverter(from: source, to: target) { return converter }
            usleep(100)
        }
    }

    deinit {
        for address in idle.withLock({ $0 }) { IconvConverter(address: address).close() }
    }
}

extension IconvConverter {
    /// The handle as an integer, so an idle converter can be stored in a `Sendable` pool.
    var address: UInt { UInt(bitPattern: handle) }

    init(address: UInt) { handle = UnsafeMutableRawPointer(bitPattern: address)! }
}
